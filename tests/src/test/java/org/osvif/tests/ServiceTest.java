package org.osvif.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code osvif run} as a service meets it: one container per home, a crash (SIGKILL) and the next
 * start, a stale socket, {@code status}, {@code stop} and SIGTERM with their exit codes.
 */
class ServiceTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    RunningOsvif first;
    RunningOsvif next;

    @AfterEach
    void stop() throws InterruptedException {
        for (RunningOsvif r : new RunningOsvif[] {first, next}) {
            if (r != null) {
                r.close();
            }
        }
    }

    /** Every file under data/framework with its size and modification time, and the socket's identity. */
    Map<String, String> snapshot() throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (var files = Files.walk(home.resolve("data/framework"))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                m.put(home.relativize(p).toString(), a.size() + " " + a.lastModifiedTime() + " " + a.fileKey());
            }
        }
        Path sock = home.resolve("run/osvif.sock");
        m.put("socket", Files.readAttributes(sock, BasicFileAttributes.class).fileKey().toString());
        return m;
    }

    @Test
    void oneContainerPerHomeAndACrashIsTakenOverCleanly() throws Exception {
        first = RunningOsvif.start(home, Map.of());
        Map<String, String> before = snapshot();

        // A second container on the same home: refused at once, touching nothing of the first.
        long start = System.nanoTime();
        RunningOsvif second = RunningOsvif.launch(Osvif.BIN, List.of(), home, Map.of());
        assertThat(second.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("second osvif run refused after " + ms + " ms (JVM start included)");
        assertThat(second.process.exitValue()).as(second.log()).isEqualTo(1);
        assertThat(second.log().trim()).isEqualTo("error: a container already runs on " + home + " (pid " + first.pid() + ")");
        // one-shot commands, embedded or not, leave the running container's socket and cache alone
        Osvif embedded = Osvif.run(home, "", "hostinfo", "--embedded");
        assertThat(embedded.exit).as(embedded.toString()).isZero();
        assertThat(Osvif.run(home, "", "hostinfo").exit).isZero();
        assertThat(snapshot()).isEqualTo(before);
        first.answersHostInfoWithinASecond();

        Osvif status = Osvif.run(home, "", "status");
        assertThat(status.exit).as(status.toString()).isZero();
        assertThat(status.lines()).hasSize(1);
        JsonNode s = JSON.readTree(status.out);
        assertThat(s.get("running").asBoolean()).isTrue();
        assertThat(s.get("pid").asLong()).isEqualTo(first.pid());
        assertThat(s.get("home").asText()).isEqualTo(home.toString());
        assertThat(s.get("version").asText()).isNotBlank().isNotEqualTo("unknown");
        assertThat(s.get("uptime_s").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(s.get("plugins").findValuesAsText("plugin")).contains("noop", "ovs", "linux_bridge");
        assertThat(s.get("plugins").findValuesAsText("state")).containsOnly("ACTIVE");
        assertThat(s.get("deploy").isArray()).isTrue();
        assertThat(s.get("last_errors").isArray()).isTrue();

        // A crash: the socket stays behind, and nothing answers on it.
        first.process.destroyForcibly();
        assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(home.resolve("run/osvif.sock")).exists();
        Osvif stale = Osvif.run(home, "", "hostinfo");
        assertThat(stale.exit).as(stale.toString()).isEqualTo(1);
        assertThat(stale.out).isEmpty();
        assertThat(stale.err.trim()).startsWith("error: " + home.resolve("run/osvif.sock") + " exists but no container answers")
                .contains("--embedded").doesNotContain("\n");
        assertThat(Osvif.run(home, "", "status").exit).isEqualTo(1);
        Osvif here = Osvif.run(home, "", "hostinfo", "--embedded");
        assertThat(here.exit).as(here.toString()).isZero();
        assertThat(here.out).contains("\"HostInfo\"");

        // The next start takes the socket and the cache over.
        next = RunningOsvif.start(home, Map.of());
        next.answersHostInfoWithinASecond();
        assertThat(JSON.readTree(Osvif.run(home, "", "status").out).get("pid").asLong()).isEqualTo(next.pid());

        // osvif stop: over the socket, waits for the end; then status says none runs (exit 3).
        Osvif stopped = Osvif.run(home, "", "stop");
        assertThat(stopped.exit).as(stopped.toString()).isZero();
        assertThat(JSON.readTree(stopped.out).get("stopped").asLong()).isEqualTo(next.pid());
        assertThat(next.process.isAlive()).as("stop waited for the process to end").isFalse();
        assertThat(next.process.exitValue()).isZero();
        assertThat(home.resolve("run/osvif.sock")).doesNotExist();
        Osvif none = Osvif.run(home, "", "status");
        assertThat(none.exit).as(none.toString()).isEqualTo(3);
        assertThat(JSON.readTree(none.out).get("running").asBoolean()).isFalse();
        Osvif again = Osvif.run(home, "", "stop");
        assertThat(again.exit).as(again.toString()).isZero();
        assertThat(again.out).contains("\"running\": false");
    }
}
