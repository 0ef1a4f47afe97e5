package org.osvif.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to its end with a timeout. Stdin is written and stdout and stderr are read on
 * threads of their own, so a process that fills one pipe while we write or read another cannot
 * hang the test; a process that outlives its timeout is killed and reported as such
 * ({@link TimeoutException}), with what it wrote to stderr.
 */
public final class Processes {

    /** What {@link #check} allows a command such as {@code ip} or {@code ovs-vsctl}. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    private Processes() {
    }

    /** A process that did not finish in time; it has been killed. */
    public static final class TimeoutException extends IOException {
        private static final long serialVersionUID = 1L;

        TimeoutException(String message) {
            super(message);
        }
    }

    /** How a process ended. */
    public record Result(List<String> command, int exit, String out, String err) {

        /** @return this, or an IOException naming the command, its exit code and its stderr */
        public Result ok() throws IOException {
            if (exit != 0) {
                throw new IOException(String.join(" ", command) + " exited " + exit + ": " + tail(err));
            }
            return this;
        }

        /** @return stdout's non-blank lines */
        public List<String> lines() {
            return out.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** Runs {@code cmd} with an empty stdin; fails unless it exits 0 in time. @return its stdout */
    public static String check(String... cmd) throws IOException, InterruptedException {
        return run(new ProcessBuilder(cmd), "", COMMAND_TIMEOUT).ok().out();
    }

    /** Runs {@code cmd} with {@code stdin}, at most {@code timeout}. */
    public static Result run(List<String> cmd, String stdin, Duration timeout) throws IOException, InterruptedException {
        return run(new ProcessBuilder(cmd), stdin, timeout);
    }

    /** Runs {@code pb} (its environment and directory as set) with {@code stdin}, at most {@code timeout}. */
    public static Result run(ProcessBuilder pb, String stdin, Duration timeout) throws IOException, InterruptedException {
        List<String> cmd = List.copyOf(pb.command());
        Process p = pb.redirectInput(ProcessBuilder.Redirect.PIPE).redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        Sink out = new Sink(p.getInputStream());
        Sink err = new Sink(p.getErrorStream());
        CompletableFuture<Void> in = CompletableFuture.runAsync(() -> {
            try (OutputStream w = p.getOutputStream()) {
                w.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The process closed its stdin (exited early): its exit code and stderr say why.
            }
        });
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new TimeoutException(String.join(" ", cmd) + " did not finish within " + timeout.toSeconds()
                    + " s and was killed; its stderr: " + tail(err.soFar()));
        }
        try {
            in.get(10, TimeUnit.SECONDS);
            return new Result(cmd, p.exitValue(), out.all.get(10, TimeUnit.SECONDS), err.all.get(10, TimeUnit.SECONDS));
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            // The process ended but a child holding its pipes open did not.
            throw new IOException(String.join(" ", cmd) + ": exited, but its output did not end", e);
        }
    }

    /** A stream read to its end on a thread of its own; what came so far is readable meanwhile. */
    static final class Sink {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        final CompletableFuture<String> all = new CompletableFuture<>();

        Sink(InputStream s) {
            Thread t = new Thread(() -> {
                byte[] chunk = new byte[8192];
                try (s) {
                    for (int n; (n = s.read(chunk)) != -1; ) {
                        synchronized (buf) {
                            buf.write(chunk, 0, n);
                        }
                    }
                    all.complete(soFar());
                } catch (IOException e) {
                    all.completeExceptionally(new UncheckedIOException(e));
                }
            }, "process-output");
            t.setDaemon(true);
            t.start();
        }

        String soFar() {
            synchronized (buf) {
                return buf.toString(StandardCharsets.UTF_8);
            }
        }
    }

    /** @return the last 2,000 characters of a process's stderr, enough to show a traceback's end */
    static String tail(String err) {
        String s = err.strip();
        return s.length() <= 2000 ? s : "..." + s.substring(s.length() - 2000);
    }
}
