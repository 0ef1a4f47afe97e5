package org.osvif.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code osvif run} with its Gogo shell, driven through stdin as an operator's terminal would:
 * the {@code osvif:} commands install, upgrade, plug through and uninstall the example vendor
 * plugin, and refuse what they must.
 */
class ShellTest {

    @TempDir
    Path home;
    Process container;
    Writer stdin;
    final BlockingQueue<String> output = new LinkedBlockingQueue<>();
    int marks;

    @AfterEach
    void stop() throws InterruptedException {
        if (container != null && container.isAlive()) {
            container.destroy();
            container.waitFor(30, TimeUnit.SECONDS);
        }
    }

    void start() throws IOException {
        // stdin is a pipe here, not a terminal: ask for the console.
        ProcessBuilder pb = new ProcessBuilder(Osvif.BIN.toString(), "run", "--console");
        pb.environment().put("OSVIF_HOME", home.toString());
        pb.environment().put("OSVIF_BUNDLES", Osvif.TOP.resolve("runtime/bundles").toString());
        pb.redirectErrorStream(true);
        container = pb.start();
        stdin = new java.io.OutputStreamWriter(container.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(container.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(read failed: " + e + ")");
            }
        }, "shell-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Types a command and returns what the shell printed until it has finished. */
    String shell(String command) throws Exception {
        String mark = "done-" + (++marks);
        stdin.write(command + "\necho " + mark + "\n");
        stdin.flush();
        StringBuilder sb = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = output.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            if (line.endsWith(mark) && !line.contains("echo " + mark)) {
                return sb.toString();
            }
            sb.append(line).append('\n');
        }
        throw new AssertionError("no answer to '" + command + "'; got:\n" + sb);
    }

    @Test
    void operatorManagesAVendorPluginFromTheShell() throws Exception {
        Path state = home.resolve("vendor-state");
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/com.example.osvif.vendor.cfg"), "state_dir=" + state + "\n");
        start();

        assertThat(shell("help osvif:install")).contains("install a plugin bundle");
        assertThat(shell("osvif:plugins")).contains("noop  org.osvif.plug.noop").contains("VIFVHostUser 1.0-1.0");

        String installed = shell("osvif:install " + RunningContainerTest.vendor("1.0"));
        assertThat(installed).contains("com.example.osvif.vendor 1.0.0  ACTIVE");
        assertThat(Files.list(home.resolve("deploy")).map(p -> p.getFileName().toString()))
                .containsExactly("com.example.osvif.vendor-1.0.0.jar");
        assertThat(shell("osvif:hostinfo")).contains("vendor_example").contains("VIFGeneric").doesNotContain("VIFVHostUser\",\"min_version\":\"1.0\",\"max_version\":\"1.1\"");

        Path requests = home.resolve("requests.jsonl");
        Files.writeString(requests, RunningContainerTest.vendorRequest(7) + "\n");
        assertThat(shell("osvif:plug " + requests)).contains("\"ok\":true");
        assertThat(state.resolve("00000000-0000-0000-0000-000000000107")).exists();

        String upgraded = shell("osvif:upgrade vendor_example " + RunningContainerTest.vendor("1.1"));
        assertThat(upgraded).contains("com.example.osvif.vendor 1.1.0  ACTIVE");
        String plugins = shell("osvif:plugins");
        assertThat(plugins).contains("vendor_example  com.example.osvif.vendor 1.1.0  ACTIVE").contains("VIFVHostUser 1.0-1.1");

        // Refused with a clear message, and nothing changes.
        assertThat(shell("osvif:upgrade vendor_example " + RunningContainerTest.vendor("1.0"))).contains("not newer than");
        assertThat(shell("osvif:uninstall noop")).contains("comes from the runtime's own bundles");
        assertThat(shell("osvif:uninstall nosuch")).contains("no plugin named 'nosuch'");

        assertThat(shell("osvif:unplug " + requests)).contains("\"ok\":true");
        assertThat(state.resolve("00000000-0000-0000-0000-000000000107")).doesNotExist();
        assertThat(shell("osvif:uninstall vendor_example")).contains("UNINSTALLED");
        assertThat(Files.list(home.resolve("deploy"))).isEmpty();
        assertThat(shell("osvif:plugins")).doesNotContain("vendor_example  ");

        // End of input stops the shell and with it the container, cleanly.
        stdin.close();
        assertThat(container.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(container.exitValue()).isZero();
    }

    @Test
    void diagExplainsABundleThatDoesNotResolve() throws Exception {
        start();
        assertThat(shell("help osvif:diag")).contains("explain why");
        Path deploy = home.resolve("deploy");
        Files.move(BadBundles.unresolvable(RunningContainerTest.vendor("1.1"), home.resolve("u.build"), "1.2.0"),
                deploy.resolve("broken.jar"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        String diag = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!diag.contains("FAILED") && System.nanoTime() < deadline) {
            diag = shell("osvif:diag broken.jar");
        }
        assertThat(diag).contains("deploy/broken.jar FAILED: cannot install: com.example.osvif.vendor 1.2.0 does not resolve: "
                + "it imports org.example.nowhere [9.0.0,10.0.0), and no installed bundle exports org.example.nowhere in any version");
        assertThat(shell("osvif:diag org.osvif.core")).contains("org.osvif.core ").contains("is active");
    }

    @Test
    void exitStopsTheContainerCleanly() throws Exception {
        start();
        assertThat(shell("osvif:plugins")).contains("noop  org.osvif.plug.noop");
        stdin.write("exit\n");
        stdin.flush();
        assertThat(container.waitFor(30, TimeUnit.SECONDS)).as("exit stops the container").isTrue();
        assertThat(container.exitValue()).isZero();
        List<String> rest = new java.util.ArrayList<>();
        output.drainTo(rest);
        assertThat(String.join("\n", rest)).doesNotContain("Cannot coerce").contains("container stopped, pid ");
        assertThat(home.resolve("run/osvif.sock")).doesNotExist();
    }
}
