package org.osvif.cli.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The control socket's framing (see {@link ControlSocket}). Both directions are streams of
 * length-prefixed frames, so that neither side ever holds a whole request or a whole answer: a
 * plug batch of any size is read line by line while its results go back line by line.
 *
 * <ul>
 * <li>client to container: one JSON header line ({@link #MAX_HEADER} at most), then input frames
 *     {@code [u32 length][bytes]} ({@link #MAX_FRAME} at most each), ended by a frame of length
 *     0; after the container's exit frame, one byte {@link #ACK}.
 * <li>container to client: frames {@code [u8 type][u32 length][bytes]}: {@link #HELLO} first (JSON
 *     {@code {"pid": n, "version": "..."}}), then {@link #OUT} and {@link #ERR} bytes (and
 *     {@link #PING}s, empty, while a command runs silently), and last {@link #EXIT} (4 bytes: the
 *     exit code). A client ignores kinds it does not know.
 * </ul>
 */
final class Frames {

    static final byte HELLO = 'h';
    static final byte OUT = 'o';
    static final byte ERR = 'e';
    static final byte EXIT = 'x';
    /** Sent while a command runs and has written nothing for a while: the container is alive. */
    static final byte PING = 'p';
    static final byte ACK = 'k';
    static final int MAX_HEADER = 64 << 10;
    static final int MAX_FRAME = 1 << 20;

    private Frames() {
    }

    /** A peer that broke the framing: a bad length, a header too long, or the end in mid-frame. */
    static final class ProtocolException extends IOException {
        private static final long serialVersionUID = 1L;

        ProtocolException(String message) {
            super(message);
        }
    }

    /** The input ended before its end frame: the client went away in the middle of its request. */
    static final class Truncated extends IOException {
        private static final long serialVersionUID = 1L;

        Truncated() {
            super("the client disconnected before the end of its input");
        }
    }

    /** @return the header line without its end, at most {@link #MAX_HEADER} bytes */
    static byte[] readHeader(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(256);
        int c;
        while ((c = in.read()) != '\n') {
            if (c == -1) {
                throw new Truncated();
            }
            if (b.size() >= MAX_HEADER) {
                throw new ProtocolException("request header longer than " + (MAX_HEADER >> 10) + " KiB");
            }
            b.write(c);
        }
        return b.toByteArray();
    }

    static void writeHeader(OutputStream out, String json) throws IOException {
        out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Writes one typed frame (container to client), in one write: frames never interleave. */
    static void write(OutputStream out, byte type, byte[] b, int off, int len) throws IOException {
        byte[] f = new byte[5 + len];
        f[0] = type;
        f[1] = (byte) (len >>> 24);
        f[2] = (byte) (len >>> 16);
        f[3] = (byte) (len >>> 8);
        f[4] = (byte) len;
        System.arraycopy(b, off, f, 5, len);
        out.write(f);
    }

    static void writeExit(OutputStream out, int exit) throws IOException {
        write(out, EXIT, new byte[] {(byte) (exit >>> 24), (byte) (exit >>> 16), (byte) (exit >>> 8), (byte) exit}, 0, 4);
        out.flush();
    }

    /** Writes one input frame (client to container); length 0 ends the input. */
    static void writeInput(OutputStream out, byte[] b, int off, int len) throws IOException {
        out.write(new byte[] {(byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len});
        out.write(b, off, len);
    }

    /** One typed frame as read by the client. */
    record Frame(byte type, byte[] body) {
        int exit() {
            return ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
        }
    }

    /** @return the next typed frame, or null at a clean end of stream before one */
    static Frame read(DataInputStream in) throws IOException {
        int type = in.read();
        if (type == -1) {
            return null;
        }
        int len;
        try {
            len = in.readInt();
        } catch (EOFException e) {
            throw new ProtocolException("the container closed in mid-frame");
        }
        if (len < 0 || len > MAX_FRAME) {
            throw new ProtocolException("frame of " + len + " bytes");
        }
        byte[] body = in.readNBytes(len);
        if (body.length < len) {
            throw new ProtocolException("the container closed in mid-frame");
        }
        return new Frame((byte) type, body);
    }

    /**
     * The client's input frames as one stream: ends at the end frame, fails with
     * {@link Truncated} when the connection ends before it. Holds no more than the caller's buffer.
     */
    static final class InputFrames extends InputStream {
        private final DataInputStream in;
        private int left;
        private boolean ended;

        InputFrames(InputStream in) {
            this.in = new DataInputStream(in);
        }

        /** @return whether the end frame was read */
        boolean ended() {
            return ended;
        }

        private boolean fill() throws IOException {
            while (left == 0) {
                if (ended) {
                    return false;
                }
                int len;
                try {
                    len = in.readInt();
                } catch (EOFException e) {
                    throw new Truncated();
                }
                if (len < 0 || len > MAX_FRAME) {
                    throw new ProtocolException("input frame of " + len + " bytes");
                }
                if (len == 0) {
                    ended = true;
                    return false;
                }
                left = len;
            }
            return true;
        }

        /** The rest of the frame being read: what can be had without waiting on the client. */
        @Override
        public int available() {
            return left;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = in.read(b, off, Math.min(len, left));
            if (n == -1) {
                throw new Truncated();
            }
            left -= n;
            return n;
        }
    }
}
