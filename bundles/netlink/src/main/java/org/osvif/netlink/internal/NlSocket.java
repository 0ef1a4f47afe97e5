package org.osvif.netlink.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

import org.osvif.netlink.NetlinkException;

/**
 * One {@code AF_NETLINK}/{@code NETLINK_ROUTE} socket in the namespace of the thread that opened
 * it. One request at a time (a lock); replies are matched by sequence number and port id, and
 * anything else read (a stale reply of an abandoned request) is dropped.
 */
final class NlSocket implements AutoCloseable {

    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int F_REQUEST = 1;
    static final int F_MULTI = 2;
    static final int F_ACK = 4;
    static final int F_DUMP = 0x300;
    static final int F_EXCL = 0x200;
    static final int F_CREATE = 0x400;
    private static final int F_ACK_TLVS = 0x200;

    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_SNDBUF = 7;
    private static final int SO_RCVBUF = 8;
    private static final int SOL_NETLINK = 270;
    private static final int NETLINK_CAP_ACK = 10;
    private static final int NETLINK_EXT_ACK = 11;
    private static final int NETLINK_GET_STRICT_CHK = 12;
    private static final int RECV_SIZE = 1 << 18;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int ENOBUFS = 105;
    /** One pipelined datagram at most: the kernel takes up to the send buffer, and 64 KiB is many requests. */
    private static final int PIPELINE_BYTES = 1 << 16;
    /**
     * What one pipelined request may cost in the receive buffer: a link reply (about 2 KiB with
     * {@code RTEXT_FILTER_SKIP_STATS}) and its ack, as {@code skb} truesize, with room to spare.
     */
    private static final int REPLY_BUDGET = 8192;
    private static final int MAX_WINDOW = 256;

    private static final LibC C = LibC.INSTANCE;

    private final ReentrantLock lock = new ReentrantLock();
    private final int fd;
    private final int portId;
    private final Pointer kernel;
    private final Pointer sendBuf = Memory.allocateDirect(LibC.RUNTIME, 8192);
    private final Pointer recvBuf = Memory.allocateDirect(LibC.RUNTIME, RECV_SIZE);
    private final byte[] recvArray = new byte[RECV_SIZE];
    private final ByteBuffer in = ByteBuffer.wrap(recvArray).order(ByteOrder.nativeOrder());
    private int seq = (int) (System.nanoTime() & 0x3fffffff);
    private boolean closed;
    /** How many pipelined requests are in flight at most; halved when the kernel still drops an ack. */
    private int window;
    private Pointer pipelineBuf;
    private byte[] pipelineArray;

    NlSocket() {
        fd = C.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new NetlinkException("socket(AF_NETLINK)", null, LibC.errno(), null);
        }
        try {
            option(SOL_SOCKET, SO_RCVBUF, 1 << 20);
            option(SOL_SOCKET, SO_SNDBUF, 1 << 20);
            option(SOL_NETLINK, NETLINK_CAP_ACK, 1);
            option(SOL_NETLINK, NETLINK_EXT_ACK, 1);
            option(SOL_NETLINK, NETLINK_GET_STRICT_CHK, 1);
            window = windowFor(receiveBuffer());
            Pointer addr = Memory.allocateDirect(LibC.RUNTIME, 12, true);
            addr.putShort(0, (short) AF_NETLINK);
            if (C.bind(fd, addr, 12) < 0) {
                throw new NetlinkException("bind(AF_NETLINK)", null, LibC.errno(), null);
            }
            Pointer len = Memory.allocateDirect(LibC.RUNTIME, 4, true);
            len.putInt(0, 12);
            if (C.getsockname(fd, addr, len) < 0) {
                throw new NetlinkException("getsockname(AF_NETLINK)", null, LibC.errno(), null);
            }
            portId = addr.getInt(4);
            kernel = Memory.allocateDirect(LibC.RUNTIME, 12, true);
            kernel.putShort(0, (short) AF_NETLINK);
        } catch (RuntimeException e) {
            C.close(fd);
            throw e;
        }
    }

    private void option(int level, int name, int value) {
        Pointer v = Memory.allocateDirect(LibC.RUNTIME, 4);
        v.putInt(0, value);
        if (C.setsockopt(fd, level, name, v, 4) < 0) {
            throw new NetlinkException("setsockopt(" + name + ")", null, LibC.errno(), null);
        }
    }

    /** @return the receive buffer the kernel gave us (it doubles what is asked, capped by rmem_max) */
    int receiveBuffer() {
        Pointer v = Memory.allocateDirect(LibC.RUNTIME, 4, true);
        Pointer len = Memory.allocateDirect(LibC.RUNTIME, 4, true);
        len.putInt(0, 4);
        if (C.getsockopt(fd, SOL_SOCKET, SO_RCVBUF, v, len) < 0) {
            throw new NetlinkException("getsockopt(SO_RCVBUF)", null, LibC.errno(), null);
        }
        return v.getInt(0);
    }

    /** The window that leaves the kernel room for every reply in flight. */
    static int windowFor(int receiveBuffer) {
        return Math.max(1, Math.min(MAX_WINDOW, receiveBuffer / REPLY_BUDGET));
    }

    /** For tests: a smaller receive buffer and a window regardless of it, to make the kernel drop acks. */
    void squeeze(int receiveBuffer, int window) {
        lock.lock();
        try {
            option(SOL_SOCKET, SO_RCVBUF, receiveBuffer);
            this.window = window;
        } finally {
            lock.unlock();
        }
    }

    int window() {
        return window;
    }

    /**
     * Sends the requests pipelined, each carrying {@link #F_ACK}, up to the window per datagram,
     * and reads the answers of each window before the next: the kernel handles a datagram's
     * requests in order while {@code sendto} runs and queues their acks. When the receive buffer
     * overflowed all the same ({@code ENOBUFS}: the kernel dropped replies), what is still queued
     * is read without waiting, the requests left unanswered fail with {@code ENOBUFS}, and the
     * window is halved for the rest.
     *
     * @param msgs the requests, not dumps
     * @param handlers per request, called with its replies before its ack, or null
     * @param errno out: per request 0 or the errno of its refusal
     * @param extAck out: per request the kernel's extended message of a refusal, or null
     */
    void requestAll(List<Msg> msgs, ReplyHandler[] handlers, int[] errno, String[] extAck) {
        int[] bytes = new int[1];
        for (int from = 0; from < msgs.size();) {
            // The lock is held per window, not per batch: other callers' requests go in between.
            lock.lock();
            try {
                if (closed) {
                    throw new IllegalStateException("netlink socket closed");
                }
                if (pipelineBuf == null) {
                    pipelineBuf = Memory.allocateDirect(LibC.RUNTIME, PIPELINE_BYTES);
                    pipelineArray = new byte[PIPELINE_BYTES];
                }
                int first = seq + 1;
                int n = Pipeline.pack(msgs, from, window, first, pipelineArray, bytes);
                seq += n;
                Pipeline p = new Pipeline(portId, first, n, from, errno, extAck, handlers);
                pipelineBuf.put(0, pipelineArray, 0, bytes[0]);
                long sent = C.sendto(fd, pipelineBuf, bytes[0], 0, kernel, 12);
                if (sent != bytes[0]) {
                    // Nothing of a refused datagram is handled: each of its requests fails with why.
                    p.loseRest(sent < 0 ? LibC.errno() : 5, "sendto of " + n + " pipelined requests failed");
                } else {
                    readAnswers(p);
                }
                from += n;
            } finally {
                lock.unlock();
            }
        }
    }

    private void readAnswers(Pipeline p) {
        boolean dropped = false;
        while (!p.complete()) {
            long n = C.recvfrom(fd, recvBuf, RECV_SIZE, dropped ? MSG_DONTWAIT : 0, null, null);
            if (n < 0) {
                int errno = LibC.errno();
                if (errno == EINTR) {
                    continue;
                }
                if (errno == ENOBUFS) {
                    dropped = true;
                    window = Math.max(1, window / 2);
                    continue;
                }
                if (errno == EAGAIN && dropped) {
                    p.loseRest(ENOBUFS, "its reply was lost (netlink receive buffer full); the request may"
                            + " or may not have been applied");
                    return;
                }
                throw new NetlinkException("pipelined recvfrom", null, errno, null);
            }
            recvBuf.get(0, recvArray, 0, (int) n);
            p.accept(in, (int) n);
        }
    }

    /**
     * Sends a request and reads its replies. A dump (or any request carrying {@link #F_ACK})
     * ends at {@code NLMSG_DONE} or the ack; a plain get ends at its one reply.
     *
     * @param m the request
     * @param op its name for errors
     * @param device the device it is about, for errors
     * @param onReply called with (buffer, start of payload, end of payload, message type) for each reply
     */
    void request(Msg m, String op, String device, ReplyHandler onReply) {
        String[] extAck = new String[1];
        int errno = requestOrErrno(m, op, device, onReply, extAck);
        if (errno != 0) {
            throw new NetlinkException(op, device, errno, extAck[0]);
        }
    }

    /**
     * As {@link #request}, but a refusal of the request itself is returned as its errno (0: done)
     * instead of thrown: for the refusals a caller expects, such as {@code ENODEV} when asking
     * whether a device exists, without the cost of an exception.
     *
     * @param extAck where the kernel's extended ack message of a refusal goes (index 0), or null
     */
    int requestOrErrno(Msg m, String op, String device, ReplyHandler onReply, String[] extAck) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("netlink socket closed");
            }
            int mySeq = ++seq;
            int len = m.finish(mySeq);
            sendBuf.put(0, m.array(), 0, len);
            long sent = C.sendto(fd, sendBuf, len, 0, kernel, 12);
            if (sent != len) {
                throw new NetlinkException(op + " sendto", device, sent < 0 ? LibC.errno() : 5, null);
            }
            int flags = m.array()[6] & 0xff | (m.array()[7] & 0xff) << 8;
            boolean dump = (flags & F_DUMP) == F_DUMP;
            boolean ack = (flags & F_ACK) != 0;
            while (true) {
                long n = C.recvfrom(fd, recvBuf, RECV_SIZE, 0, null, null);
                if (n < 0) {
                    int errno = LibC.errno();
                    if (errno == 4) {
                        continue;
                    }
                    throw new NetlinkException(op + " recvfrom", device, errno, null);
                }
                recvBuf.get(0, recvArray, 0, (int) n);
                int p = 0;
                while (p + 16 <= n) {
                    int mlen = in.getInt(p);
                    int type = Short.toUnsignedInt(in.getShort(p + 4));
                    int mflags = Short.toUnsignedInt(in.getShort(p + 6));
                    int mseq = in.getInt(p + 8);
                    int mpid = in.getInt(p + 12);
                    if (mlen < 16 || p + mlen > n) {
                        break;
                    }
                    int next = p + ((mlen + 3) & ~3);
                    if (mseq != mySeq || mpid != portId) {
                        p = next;
                        continue;
                    }
                    if (type == NLMSG_ERROR) {
                        int error = in.getInt(p + 16);
                        if (error != 0 && extAck != null) {
                            extAck[0] = extAck(in, p, mlen, mflags);
                        }
                        return -error;
                    }
                    if (type == NLMSG_DONE) {
                        return 0;
                    }
                    if (onReply != null) {
                        onReply.reply(in, p + 16, p + mlen, type);
                    }
                    if (!dump && !ack) {
                        return 0;
                    }
                    p = next;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The kernel's extended ack message ({@code NLMSGERR_ATTR_MSG}), or null. */
    static String extAck(ByteBuffer in, int p, int mlen, int mflags) {
        if ((mflags & F_ACK_TLVS) == 0) {
            return null;
        }
        // error(4) + the request's header (capped: no payload, NETLINK_CAP_ACK)
        int start = p + 16 + 4 + 16;
        String text = new Attrs(in, start, p + mlen).string(1);
        return text == null ? null : text.trim();
    }

    /** Handles one reply message. */
    interface ReplyHandler {
        void reply(ByteBuffer b, int start, int end, int type);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                C.close(fd);
            }
        } finally {
            lock.unlock();
        }
    }
}
