package org.osvif.cli.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads input one line at a time as bytes, never holding more than {@link #MAX_LINE} of one
 * line: a 50 MB line is refused when it passes the limit, not after it has filled memory.
 */
final class Lines {

    static final int MAX_LINE = 4 << 20;

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int len;
    private int number;

    Lines(InputStream in) {
        this.in = in;
    }

    /** @return the next line without its end, or null at the end of input */
    byte[] next() throws IOException {
        ByteArrayOutputStream line = null;
        while (true) {
            if (pos == len) {
                len = in.read(buf);
                pos = 0;
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
                throw new UsageException("line " + (number + 1) + " is longer than " + (MAX_LINE >> 20) + " MiB");
            }
            line.write(buf, start, chunk);
            if (pos < len) {
                pos++;
                number++;
                return line.toByteArray();
            }
        }
    }

    /** @return the number of the line last returned, from 1 */
    int number() {
        return number;
    }

    static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
