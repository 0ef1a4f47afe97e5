package org.osvif.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code osvif run --no-console} under a test's OSVIF_HOME, stdin {@code /dev/null} and stdout and
 * stderr into {@code home/stderr.log} (not a terminal: the container logs there too, as under
 * systemd), with the distribution's bundles (the noop plugin included).
 */
final class RunningHome implements AutoCloseable {

    final Path home;
    final Path stderr;
    final Process process;

    private RunningHome(Path home, Process process) {
        this.home = home;
        this.stderr = home.resolve("stderr.log");
        this.process = process;
    }

    static RunningHome start(Path home, String... runArgs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Osvif.BIN.toString(), "run", "--no-console"));
        cmd.addAll(List.of(runArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("OSVIF_HOME", home.toString());
        pb.environment().remove("OSVIF_LOG");
        pb.redirectErrorStream(true).redirectOutput(home.resolve("stderr.log").toFile());
        RunningHome r = new RunningHome(home, pb.start());
        Await.until("the container's socket", 60, () -> Files.exists(home.resolve("run/osvif.sock")) || !r.process.isAlive(),
                b -> b);
        assertThat(Files.exists(home.resolve("run/osvif.sock"))).as(r.stderrText()).isTrue();
        return r;
    }

    String stderrText() throws IOException {
        return Files.exists(stderr) ? Files.readString(stderr) : "";
    }

    Osvif osvif(String stdin, String... args) throws Exception {
        return Osvif.run(home, stdin, args);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the container did not stop on SIGTERM within 30 s");
            }
        }
    }
}
