package org.osvif.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads JSON-lines input one line at a time as bytes, never holding more than {@link #MAX_LINE}
 * of one line: a 50 MB line is refused when it passes the limit, not after it has filled memory.
 * The command line and the shell read their JSONL input with it.
 */
public final class LineReader {

    /** The longest line accepted. */
    public static final int MAX_LINE = 4 << 20;

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int len;
    private int number;
    /** How far {@link #ready()} has looked for a line end in {@code buf}. */
    private int scanned;

    /** @param in the input, read in 64 KiB blocks */
    public LineReader(InputStream in) {
        this.in = in;
    }

    /**
     * @return the next line without its end, or null at the end of input
     * @throws IOException if reading fails, or (as {@link java.io.IOException}) a line is too long
     */
    public byte[] next() throws IOException {
        ByteArrayOutputStream line = null;
        while (true) {
            if (pos == len) {
                len = in.read(buf);
                pos = 0;
                scanned = 0;
                if (len <= 0) {
                    len = 0;
                    if (line == null) {
                        return null;
                    }
                    number++;
                    return line.toByteArray();
                }
            }
            int start = pos;
            while (pos < len && buf[pos] != '\n') {
                pos++;
            }
            int chunk = pos - start;
            if (line == null && pos < len) {
                pos++;
                number++;
                return Arrays.copyOfRange(buf, start, start + chunk);
            }
            if (line == null) {
                line = new ByteArrayOutputStream();
            }
            if (line.size() + chunk > MAX_LINE) {
                throw new LineTooLong("line " + (number + 1) + ": longer than the " + (MAX_LINE >> 20) + " MiB a line may hold");
            }
            line.write(buf, start, chunk);
            if (pos < len) {
                pos++;
                number++;
                return line.toByteArray();
            }
        }
    }

    /**
     * Whether {@link #next()} can return without waiting for more input: a whole line is
     * buffered, or the stream says more bytes are there. A batch is cut where this is false, so a
     * client that writes a line and waits for its answer gets it instead of waiting for a full
     * batch.
     *
     * @return whether more input is at hand
     * @throws IOException if the stream fails
     */
    public boolean ready() throws IOException {
        for (int i = Math.max(pos, scanned); i < len; i++) {
            if (buf[i] == '\n') {
                scanned = i;
                return true;
            }
        }
        scanned = len;
        return in.available() > 0;
    }

    /** @return the number of the line last returned, from 1 */
    public int number() {
        return number;
    }

    /**
     * @param line a line
     * @return whether it holds only spaces, tabs and a carriage return
     */
    public static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** A line longer than {@link #MAX_LINE}: bad input, not a failed read. */
    public static final class LineTooLong extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLong(String message) {
            super(message);
        }
    }
}
