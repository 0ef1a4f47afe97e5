package org.osvif.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code osvif run --console} on a home, its Gogo shell on a pipe: commands are typed and their
 * output read back line by line ({@link #shell}); stderr goes to {@code stderr.log} in the home.
 */
final class ConsoleContainer implements AutoCloseable {

    private final Process p;
    private final BlockingQueue<String> out = new LinkedBlockingQueue<>();
    private final Writer in;

    private ConsoleContainer(Process p) {
        this.p = p;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                r.lines().forEach(out::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                out.add("(read failed: " + e + ")"); // the container stopped
            }
        });
        reader.setDaemon(true);
        reader.start();
        this.in = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
    }

    static ConsoleContainer start(Path home) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Osvif.BIN.toString(), "run", "--console");
        pb.environment().put("OSVIF_HOME", home.toString());
        pb.redirectError(home.resolve("stderr.log").toFile());
        return new ConsoleContainer(pb.start());
    }

    /** Types a command, then an echo of a mark; returns the lines the command printed. */
    List<String> shell(String command) throws Exception {
        return LogsTest.shell(in, out, command);
    }

    @Override
    public void close() throws InterruptedException {
        p.destroy();
        p.waitFor(30, TimeUnit.SECONDS);
    }
}
