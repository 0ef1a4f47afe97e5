package org.osvif.cli.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Appends records to one file ({@code osvif.log}) and rotates it by size: when a record would take
 * it past {@code maxBytes}, {@code osvif.log.1} becomes {@code .2} (and so on up to
 * {@code files - 1}, the oldest dropped) and {@code osvif.log} becomes {@code osvif.log.1}. The
 * live file always has the same name, so {@code tail -F} and log shippers follow it. JUL's own
 * FileHandler names the live file {@code osvif.log.0} and leaves {@code .lck} files behind.
 */
final class RotatingFileHandler extends Handler {

    private final Path file;
    private final long maxBytes;
    private final int files;
    private OutputStream out;
    private long size;

    /**
     * @param file the live log file; its folder is created
     * @param maxBytes the size at which it rotates
     * @param files how many files to keep, the live one included (1: the live one is truncated)
     * @throws IOException if the file cannot be opened
     */
    RotatingFileHandler(Path file, long maxBytes, int files) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.files = files;
        Files.createDirectories(file.getParent());
        open();
    }

    private void open() throws IOException {
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    Path rotated(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (!isLoggable(record) || out == null) {
            return;
        }
        byte[] line;
        try {
            line = getFormatter().format(record).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            reportError(null, e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        try {
            if (size > 0 && size + line.length > maxBytes) {
                rotate();
            }
            // Unbuffered: a record is on disk when publish returns, even if the JVM dies next.
            out.write(line);
            size += line.length;
        } catch (IOException e) {
            reportError(null, e, ErrorManager.WRITE_FAILURE);
        }
    }

    private void rotate() throws IOException {
        out.close();
        if (files <= 1) {
            Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING).close();
        } else {
            Files.deleteIfExists(rotated(files - 1));
            for (int i = files - 2; i >= 1; i--) {
                if (Files.exists(rotated(i))) {
                    Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    @Override
    public void flush() {
        // every record is written through
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                reportError(null, e, ErrorManager.CLOSE_FAILURE);
            }
            out = null;
        }
    }
}
