package org.osvif.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Python side of the interop tests: Debian's {@code /usr/bin/python3} (the one that has
 * python3-os-vif and python3-nova) running a script of ours, either to its end ({@link #run}) or
 * as a session answering one line per line sent ({@link #start}). Every wait has a timeout,
 * and a timeout is reported as one, with the script's stderr.
 */
public final class Python {

    public static final Path INTERPRETER = Path.of("/usr/bin/python3");
    /** What a whole oracle run may take (os-vif's plugins, Nova's conversion of 1,400 bindings). */
    public static final Duration RUN_TIMEOUT = Duration.ofSeconds(300);
    /** What one answer of a session may take (a plug through OVSDB and vswitchd). */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(120);

    private Python() {
    }

    /** Skips (under CI fails) unless the interpreter is there. */
    public static void require() {
        Prerequisites.require(Files.isExecutable(INTERPRETER), INTERPRETER + " (Debian's python3 with python3-os-vif)");
    }

    /** @return {@code /usr/bin/python3 -W ignore SCRIPT ARGS...}, to run as it is or behind a prefix */
    public static List<String> command(Path script, String... args) {
        List<String> cmd = new ArrayList<>(List.of(INTERPRETER.toString(), "-W", "ignore", script.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs a script to its end. @return its stdout's non-blank lines */
    public static List<String> run(Path script, List<String> stdinLines, String... args)
            throws IOException, InterruptedException {
        return run(command(script, args), stdinLines);
    }

    /**
     * Runs a command that runs Python (e.g. {@link #command} behind {@code ip netns exec NS}) to
     * its end, at most {@link #RUN_TIMEOUT}; fails unless it exits 0.
     *
     * @return its stdout's non-blank lines
     */
    public static List<String> run(List<String> cmd, List<String> stdinLines) throws IOException, InterruptedException {
        StringBuilder in = new StringBuilder();
        stdinLines.forEach(l -> in.append(l).append('\n'));
        return Processes.run(cmd, in.toString(), RUN_TIMEOUT).ok().lines();
    }

    /** Starts a command that answers each line it reads with one line. */
    public static Session start(List<String> cmd) throws IOException {
        return new Session(cmd);
    }

    /** A Python process that answers one line per line; closing it ends its stdin and awaits its exit. */
    public static final class Session implements AutoCloseable {
        /** Put after the last line; compared by identity, so no line read can be taken for it. */
        private static final String EOF = new String("end of output");

        private final List<String> cmd;
        private final Process p;
        private final Writer in;
        private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        private final Processes.Sink err;

        Session(List<String> cmd) throws IOException {
            this.cmd = List.copyOf(cmd);
            p = new ProcessBuilder(cmd).start();
            in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
            err = new Processes.Sink(p.getErrorStream());
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        answers.add(line);
                    }
                } catch (IOException e) {
                    // the process went; EOF below tells the waiting send()
                } finally {
                    answers.add(EOF);
                }
            }, "python-session");
            reader.setDaemon(true);
            reader.start();
        }

        /** Sends one line and waits for the answer, at most {@link #ANSWER_TIMEOUT}. */
        public String send(String line) throws IOException, InterruptedException {
            return send(line, ANSWER_TIMEOUT);
        }

        /** Sends one line and waits at most {@code timeout} for the one-line answer. */
        public String send(String line, Duration timeout) throws IOException, InterruptedException {
            try {
                in.write(line);
                in.write('\n');
                in.flush();
            } catch (IOException e) {
                throw ended();
            }
            String answer = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (answer == null) {
                throw new Processes.TimeoutException(String.join(" ", cmd) + " gave no answer within "
                        + timeout.toSeconds() + " s; its stderr so far: " + Processes.tail(err.soFar()));
            }
            if (answer == EOF) {
                answers.add(EOF);
                throw ended();
            }
            return answer;
        }

        private IOException ended() throws InterruptedException {
            p.waitFor(10, TimeUnit.SECONDS);
            return new IOException(String.join(" ", cmd) + " ended" + (p.isAlive() ? "" : " (exit " + p.exitValue() + ")")
                    + ": " + Processes.tail(err.soFar()));
        }

        @Override
        public void close() throws IOException {
            try {
                in.close();
            } catch (IOException e) {
                // already gone: the exit code below says how
            }
            try {
                if (!p.waitFor(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new Processes.TimeoutException(String.join(" ", cmd) + " did not end within "
                            + ANSWER_TIMEOUT.toSeconds() + " s of its stdin closing and was killed");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted waiting for " + String.join(" ", cmd) + " to end");
            }
        }
    }
}
