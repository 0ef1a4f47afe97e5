package org.osvif.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code osvif:log [N]}: the last lines of the container's log file ({@code osvif run} names it in
 * the framework property {@code osvif.log.file}), continuing into the newest rotated file when
 * the live one holds fewer.
 */
@Component(service = LogCommand.class, property = {"osgi.command.scope=osvif", "osgi.command.function=log"})
public final class LogCommand {

    static final String FILE_PROPERTY = "osvif.log.file";
    private static final int DEFAULT_LINES = 50;
    private final String file;

    /** @param context the shell bundle's context, to read the log file's name */
    @Activate
    public LogCommand(BundleContext context) {
        this.file = context.getProperty(FILE_PROPERTY);
    }

    /**
     * @return the last 50 lines
     * @throws IOException if the log cannot be read
     */
    @Descriptor("print the last 50 lines of the container's log file")
    public String log() throws IOException {
        return log(DEFAULT_LINES);
    }

    /**
     * @param lines how many
     * @return the last lines of the log
     * @throws IOException if the log cannot be read
     */
    @Descriptor("print the last N lines of the container's log file")
    public String log(@Descriptor("how many lines") int lines) throws IOException {
        if (lines < 1) {
            throw new IllegalArgumentException("log: N must be at least 1, not " + lines);
        }
        if (file == null) {
            return "this container writes no log file (log_file = none)\n";
        }
        Path live = Path.of(file);
        Deque<String> out = new ArrayDeque<>();
        tail(live, lines, out);
        Path older = live.resolveSibling(live.getFileName() + ".1");
        if (out.size() < lines && Files.exists(older)) {
            Deque<String> more = new ArrayDeque<>();
            tail(older, lines - out.size(), more);
            while (!more.isEmpty()) {
                out.addFirst(more.removeLast());
            }
        }
        StringBuilder sb = new StringBuilder();
        out.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    /** Reads backwards from the end: a 10 MiB log costs only the bytes of its last lines. */
    static void tail(Path p, int lines, Deque<String> out) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
            long pos = f.length();
            byte[] buf = new byte[8192];
            ByteArrayOutputStream reversed = new ByteArrayOutputStream();
            // The file's last newline ends its last line; it does not start an empty one.
            boolean atEnd = true;
            while (pos > 0 && out.size() < lines) {
                int n = (int) Math.min(buf.length, pos);
                pos -= n;
                f.seek(pos);
                f.readFully(buf, 0, n);
                for (int i = n - 1; i >= 0 && out.size() < lines; i--) {
                    if (buf[i] != '\n') {
                        reversed.write(buf[i]);
                    } else if (!atEnd) {
                        out.addFirst(text(reversed));
                    }
                    atEnd = false;
                }
            }
            if (pos == 0 && out.size() < lines && reversed.size() > 0) {
                out.addFirst(text(reversed));
            }
        }
    }

    /** The bytes were collected last-first: put them back in order. */
    private static String text(ByteArrayOutputStream reversed) {
        byte[] b = reversed.toByteArray();
        for (int i = 0, j = b.length - 1; i < j; i++, j--) {
            byte t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
        reversed.reset();
        return new String(b, StandardCharsets.UTF_8);
    }
}
