package org.osvif.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One {@code osvif run} process on a home, its output (stdout and stderr) read line by line as
 * it comes, so that a test waits on a line instead of sleeping.
 */
final class RunningOsvif implements AutoCloseable {

    final Path home;
    final Process process;
    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    private RunningOsvif(Path home, Process process) {
        this.home = home;
        this.process = process;
        Thread t = new Thread(this::read, "osvif-output-" + process.pid());
        t.setDaemon(true);
        t.start();
    }

    /** Starts {@code prefix... bin/osvif run --no-console} without waiting for it. */
    static RunningOsvif launch(Path bin, List<String> prefix, Path home, Map<String, String> env) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(bin.toString(), "run", "--no-console"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("OSVIF_HOME", home.toString());
        pb.environment().remove("OSVIF_LOG"); // the home's own log/, whatever the test's environment says
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        return new RunningOsvif(home, pb.start());
    }

    /** Starts a container and waits until it says it is running. */
    static RunningOsvif start(Path home, Map<String, String> env) throws Exception {
        RunningOsvif r = launch(Osvif.BIN, List.of(), home, env);
        r.awaitLine(l -> l.contains("container running, pid "), 60);
        return r;
    }

    /** Starts a container with the distribution's bundles and waits until it says it is running. */
    static RunningOsvif start(Path home) throws Exception {
        return start(home, Map.of());
    }

    /** @return a one-shot {@code osvif ARGS} on this home (through the container's socket) */
    Osvif osvif(String stdin, String... args) throws Exception {
        return Osvif.run(home, stdin, args);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String l;
            while ((l = in.readLine()) != null) {
                synchronized (this) {
                    lines.add(l);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /** @return every line so far, joined */
    synchronized String log() {
        return String.join("\n", lines);
    }

    /** @return how many lines satisfy {@code p} so far */
    synchronized long count(Predicate<String> p) {
        return lines.stream().filter(p).count();
    }

    /** Waits for a line satisfying {@code p}, for at most {@code seconds}. */
    synchronized String awaitLine(Predicate<String> p, long seconds) throws InterruptedException {
        return awaitLine(0, p, seconds);
    }

    /** @return how many lines there are so far: {@link #awaitLine(int, Predicate, long)} looks at later ones */
    synchronized int mark() {
        return lines.size();
    }

    /** Waits for a line after the first {@code from} satisfying {@code p}, for at most {@code seconds}. */
    synchronized String awaitLine(int from, Predicate<String> p, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int seen = from;
        while (true) {
            for (; seen < lines.size(); seen++) {
                if (p.test(lines.get(seen))) {
                    return lines.get(seen);
                }
            }
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                throw new AssertionError("no such line from osvif run (" + (ended ? "it ended, exit "
                        + process.waitFor() : "within " + seconds + " s") + "); its output:\n" + log());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** @return the container's threads (SIGQUIT: the JVM prints them to its stdout), to explain a failure */
    String threadDump() {
        try {
            int mark = mark();
            new ProcessBuilder("kill", "-QUIT", Long.toString(pid())).start().waitFor();
            awaitLine(mark, l -> l.startsWith("JNI global refs"), 10);
            synchronized (this) {
                return String.join("\n", lines.subList(mark, lines.size()));
            }
        } catch (Exception | AssertionError e) {
            return "(no thread dump: " + e + ")";
        }
    }

    long pid() {
        return process.pid();
    }

    /** @return a line of /proc/PID/status as a number, e.g. VmHWM (kB) or Threads */
    long procStatus(String key) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (l.startsWith(key + ":")) {
                return Long.parseLong(l.substring(key.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new AssertionError("no " + key + " in /proc/" + pid() + "/status");
    }

    /** The check every robustness test ends with: the container answers hostinfo within 1 s. */
    void answersHostInfoWithinASecond() throws Exception {
        assertThat(process.isAlive()).as("the container is still running\n" + log()).isTrue();
        // One untimed call first: on a loaded 2-core host the first call after a burst may wait
        // for a CPU; the timed one shows whether the container itself is degraded.
        assertThat(Osvif.viaSocket(home, "", "hostinfo").exit).isZero();
        long start = System.nanoTime();
        Osvif r = Osvif.viaSocket(home, "", "hostinfo");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("\"HostInfo\"");
        assertThat(ms).as("hostinfo answered within 1 s").isLessThan(1000);
    }

    /** SIGTERM, and the exit code once it ended. */
    int terminate() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
