package org.osvif.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container's log as an operator meets it: {@code log/osvif.log} one line per record, rotated
 * at the size {@code etc/org.osvif.runtime.cfg} sets, the same lines on a stderr that is not a
 * terminal, nothing from one-shot commands, and {@code osvif:log N} in the shell.
 */
class LogsTest {

    /** ISO-8601 time (UTC, milliseconds), level, logger, message. */
    static final Pattern LINE = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST) [\\w.$]+ \\S.*");

    @TempDir
    Path home;

    Path log() {
        return home.resolve("log/osvif.log");
    }

    Path log(int n) {
        return home.resolve("log/osvif.log." + n);
    }

    void config(String text) throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/org.osvif.runtime.cfg"), text);
    }

    /** Drops a file that is no bundle into deploy/: one deploy event, one WARNING line. */
    void dropBadJar(String name) throws Exception {
        Path tmp = home.resolve("bad.tmp");
        Files.writeString(tmp, "not a jar");
        Files.move(tmp, home.resolve("deploy").resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    String allLogs() throws Exception {
        // A rotation may rename a file between listing and reading it: read all three again then.
        while (true) {
            StringBuilder sb = new StringBuilder();
            try {
                for (Path p : List.of(log(2), log(1), log())) {
                    if (Files.exists(p)) {
                        sb.append(Files.readString(p));
                    }
                }
                return sb.toString();
            } catch (java.nio.file.NoSuchFileException rotatedMeanwhile) {
                continue;
            }
        }
    }

    @Test
    void theContainerLogsOneLinePerRecordIntoARotatingFileAndOnStderr() throws Exception {
        config("# small, so that the test sees it rotate\nlog_max_bytes = 2048\nlog_files = 3\n");
        try (RunningOsvif c = RunningOsvif.start(home)) {
            Await.fileContains(log(), "container running", 30);
            int n = 0;
            while (!Files.exists(log(2))) {
                assertThat(n).as("rotated twice after 200 deploy events").isLessThan(200);
                String name = "bad-" + n++ + ".jar";
                dropBadJar(name);
                // every deploy event is one WARNING line that names the file
                Await.until("the log line of " + name, 30, this::allLogs,
                        s -> s.contains("WARNING org.osvif.launcher.internal.Deployer deploy/" + name + ": "));
            }
            assertThat(log(3)).doesNotExist();
            for (Path p : List.of(log(), log(1), log(2))) {
                assertThat(Files.size(p)).as(p.toString()).isLessThanOrEqualTo(2048);
                for (String line : Files.readAllLines(p)) {
                    assertThat(line).as(p.toString()).matches(LINE);
                }
            }
            String last = "deploy/bad-" + (n - 1) + ".jar: ";
            // stderr is a pipe here, not a terminal: it gets every record, in the same format
            c.awaitLine(l -> l.contains(last), 30);
            for (String line : c.log().split("\n")) {
                assertThat(line).matches(LINE);
            }
        }
        // A one-shot command leaves stderr and the container's log alone.
        byte[] before = Files.readAllBytes(log());
        Osvif hostinfo = Osvif.run(home, "", "hostinfo");
        assertThat(hostinfo.exit).as(hostinfo.toString()).isZero();
        assertThat(hostinfo.err).isEmpty();
        Osvif failing = Osvif.run(home, CommandsTest.request(1, "no_such_plugin") + "\n", "plug");
        assertThat(failing.exit).isEqualTo(1);
        assertThat(failing.err.lines().toList()).allMatch(l -> l.startsWith("error: "));
        assertThat(Files.readAllBytes(log())).isEqualTo(before);
    }

    @Test
    void aBadLogSettingIsRefusedNamingTheKey() throws Exception {
        config("log_max_bytes = ten\n");
        Osvif run = Osvif.run(home, "", "run", "--no-console");
        assertThat(run.exit).as(run.toString()).isEqualTo(2);
        assertThat(run.err).isEqualTo("error: org.osvif.runtime.log_max_bytes = ten: must be a positive whole number\n");
    }

    @Test
    void theShellShowsTheLastLinesOfTheLog() throws Exception {
        try (ConsoleContainer c = ConsoleContainer.start(home)) {
            Await.fileContains(log(), "container running", 60);
            dropBadJar("one.jar");
            Await.fileContains(log(), "deploy/one.jar: ", 30);
            List<String> shown = c.shell("osvif:log 2");
            List<String> file = Files.readAllLines(log());
            assertThat(shown).containsExactlyElementsOf(file.subList(file.size() - 2, file.size()));
            assertThat(shown.get(1)).contains("WARNING org.osvif.launcher.internal.Deployer deploy/one.jar: ");
            assertThat(c.shell("osvif:log")).containsExactlyElementsOf(file.subList(Math.max(0, file.size() - 50), file.size()));
            // the bare `log` is ours too, not an ambiguity with felix:log
            List<String> bare = c.shell("log 2");
            List<String> now = Files.readAllLines(log());
            assertThat(bare).containsExactlyElementsOf(now.subList(now.size() - 2, now.size()));
        }
    }

    /** Types a command, then an echo of a mark; returns the lines the command printed. */
    static List<String> shell(Writer in, BlockingQueue<String> out, String command) throws Exception {
        String mark = "mark-" + System.nanoTime();
        in.write(command + "\necho " + mark + "\n");
        in.flush();
        List<String> lines = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = out.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            if (line.endsWith(mark) && !line.contains("echo " + mark)) {
                return lines;
            }
            // the prompt precedes what the command prints on its first line
            String l = line.replaceFirst("^(g! )+", "");
            if (!l.isBlank() && !l.contains("echo " + mark) && !l.startsWith("____") && !l.startsWith("Welcome to")) {
                lines.add(l);
            }
        }
        throw new AssertionError("the shell did not finish " + command + "; printed " + lines);
    }
}
