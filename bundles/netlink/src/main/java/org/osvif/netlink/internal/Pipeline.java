package org.osvif.netlink.internal;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One window of pipelined requests, sequence numbers {@code firstSeq .. firstSeq + count - 1}:
 * packs them into one datagram and matches what the kernel sends back to them. No I/O here, so
 * the packing and the ack matching are tested on bytes, without a socket.
 *
 * <p>Every request carries {@code NLM_F_ACK}, so each ends with exactly one {@code NLMSG_ERROR}
 * (error 0: done); a get's reply comes before its ack and goes to the request's handler.
 */
final class Pipeline {

    private final int portId;
    private final int firstSeq;
    private final int count;
    private final int offset;
    private final int[] errno;
    private final String[] extAck;
    private final NlSocket.ReplyHandler[] handlers;
    private final boolean[] answered;
    private int open;

    /**
     * @param offset the index of the window's first request in {@code errno}, {@code extAck}, {@code handlers}
     */
    Pipeline(int portId, int firstSeq, int count, int offset, int[] errno, String[] extAck,
            NlSocket.ReplyHandler[] handlers) {
        this.portId = portId;
        this.firstSeq = firstSeq;
        this.count = count;
        this.offset = offset;
        this.errno = errno;
        this.extAck = extAck;
        this.handlers = handlers;
        this.answered = new boolean[count];
        this.open = count;
    }

    /**
     * Writes requests {@code from ..} into {@code out} with sequence numbers from {@code firstSeq},
     * at most {@code window} of them and (but at least one) at most {@code out.length} bytes.
     *
     * @return the number packed; their length is {@link #packedLength}
     */
    static int pack(List<Msg> msgs, int from, int window, int firstSeq, byte[] out, int[] packedLength) {
        int at = 0;
        int n = 0;
        while (from + n < msgs.size() && n < window) {
            Msg m = msgs.get(from + n);
            int len = m.finish(firstSeq + n);
            int padded = (len + 3) & ~3;
            if (at + padded > out.length) {
                if (n == 0) {
                    throw new IllegalArgumentException("a netlink request of " + len + " bytes does not fit the "
                            + out.length + "-byte send buffer");
                }
                break;
            }
            System.arraycopy(m.array(), 0, out, at, len);
            for (int i = len; i < padded; i++) {
                out[at + i] = 0;
            }
            at += padded;
            n++;
        }
        packedLength[0] = at;
        return n;
    }

    /** Reads one datagram of {@code n} bytes from the start of {@code in}. */
    void accept(ByteBuffer in, int n) {
        int p = 0;
        while (p + 16 <= n) {
            int mlen = in.getInt(p);
            if (mlen < 16 || p + mlen > n) {
                break;
            }
            int type = Short.toUnsignedInt(in.getShort(p + 4));
            int mflags = Short.toUnsignedInt(in.getShort(p + 6));
            int i = in.getInt(p + 8) - firstSeq;
            int mpid = in.getInt(p + 12);
            int next = p + ((mlen + 3) & ~3);
            if (mpid == portId && i >= 0 && i < count && !answered[i]) {
                if (type == NlSocket.NLMSG_ERROR) {
                    int error = -in.getInt(p + 16);
                    errno[offset + i] = error;
                    if (error != 0) {
                        extAck[offset + i] = NlSocket.extAck(in, p, mlen, mflags);
                    }
                    answered[i] = true;
                    open--;
                } else if (handlers[offset + i] != null) {
                    handlers[offset + i].reply(in, p + 16, p + mlen, type);
                }
            }
            // anything else is stale (an abandoned request's) or another's: dropped
            p = next;
        }
    }

    /** @return whether every request of the window is answered */
    boolean complete() {
        return open == 0;
    }

    /** Fails every request not answered yet with {@code error} (its ack was lost). */
    void loseRest(int error, String why) {
        for (int i = 0; i < count; i++) {
            if (!answered[i]) {
                errno[offset + i] = error;
                extAck[offset + i] = why;
                answered[i] = true;
            }
        }
        open = 0;
    }
}
