package org.osvif.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osvif.launcher.Container;
import org.osvif.launcher.ContainerException;
import org.osvif.launcher.DeployStatus;
import org.osvif.launcher.PluginEvent;
import org.osvif.objects.HostInfo;

/**
 * The embedding API as a host agent uses it, in this JVM: its own home and configuration
 * ({@code etc/} and {@code set}), plugin and HostInfo events, {@code require_signed} with a trust
 * store made here by the JDK's keytool and jarsigner.
 */
class EmbeddingTest {

    @TempDir
    Path home;

    Container start() {
        return Container.options(home).bundles(ContainerTest.BUNDLES).etc(home.resolve("etc"))
                .deploy(home.resolve("deploy")).throwAway().start();
    }

    static DeployStatus awaitStatus(Container c, Predicate<DeployStatus> wanted) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<DeployStatus> last = List.of();
        while (System.nanoTime() < deadline) {
            last = c.deployStatus();
            for (DeployStatus s : last) {
                if (wanted.test(s)) {
                    return s;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no deploy status as wanted; last: " + last);
    }

    void drop(Path jar, String name) throws IOException {
        Path tmp = home.resolve("deploy/." + name + ".part");
        Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, home.resolve("deploy/" + name), StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aHostAgentHearsPluginsComeAndGoAndConfiguresThem() throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/com.example.osvif.vendor.json"), "{\"state_dir\": \"/nonexistent-overridden\"}");
        Path state = home.resolve("state");
        BlockingQueue<PluginEvent> events = new LinkedBlockingQueue<>();
        BlockingQueue<HostInfo> infos = new LinkedBlockingQueue<>();
        try (Container c = Container.options(home).bundles(ContainerTest.BUNDLES).etc(home.resolve("etc"))
                .set("com.example.osvif.vendor", "state_dir", state.toString())
                .deploy(home.resolve("deploy")).throwAway().start();
                AutoCloseable l1 = c.onPluginChange(events::add);
                AutoCloseable l2 = c.onHostInfoChange(infos::add)) {
            // The plugins present at the start are told first, as ADDED, in no particular order.
            List<PluginEvent> initial = new ArrayList<>();
            for (int i = 0; i < c.plugins().size(); i++) {
                initial.add(events.poll(10, TimeUnit.SECONDS));
            }
            String noopVersion = c.plugins().stream().filter(p -> p.name().equals("noop")).findFirst().orElseThrow().version();
            assertThat(initial).contains(new PluginEvent(PluginEvent.Kind.ADDED, "noop", "org.osvif.plug.noop", noopVersion))
                    .allMatch(e -> e.kind() == PluginEvent.Kind.ADDED);
            drop(RunningContainerTest.vendor("1.0"), "vendor.jar");
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(
                    new PluginEvent(PluginEvent.Kind.ADDED, "vendor_example", "com.example.osvif.vendor", "1.0.0"));
            ContainerTest.await(infos, h -> h.hasPlugin("vendor_example"));

            // --set wins over etc/: the plugin records the VIF where set says.
            c.osVif(java.time.Duration.ofSeconds(5)).plug(
                    org.osvif.objects.VIFGeneric.builder().id("00000000-0000-0000-0000-000000000201")
                            .plugin("vendor_example").vifName("tap1").build(), ContainerTest.INSTANCE);
            assertThat(state.resolve("00000000-0000-0000-0000-000000000201")).exists();

            Files.delete(home.resolve("deploy/vendor.jar"));
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(
                    new PluginEvent(PluginEvent.Kind.REMOVED, "vendor_example", "com.example.osvif.vendor", "1.0.0"));
            ContainerTest.await(infos, h -> !h.hasPlugin("vendor_example"));
        }
    }

    @Test
    void anUpgradeDroppedUnderANewNameSurvivesDeletingTheOldFile() throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/com.example.osvif.vendor.cfg"), "state_dir = " + home.resolve("state") + "\n");
        try (Container c = start()) {
            drop(RunningContainerTest.vendor("1.0"), "vendor-1.0.0.jar");
            awaitStatus(c, s -> s.file().equals("vendor-1.0.0.jar") && s.state().equals("ACTIVE"));
            Object core = serviceId(c, "org.osvif.OsVif");
            Object noop = serviceId(c, "org.osvif.plugin.VifPlugin", "(osvif.plugin.name=noop)");
            drop(RunningContainerTest.vendor("1.1"), "vendor-1.1.0.jar");
            awaitStatus(c, s -> s.file().equals("vendor-1.1.0.jar") && s.state().equals("ACTIVE"));
            // Only the upgraded plugin restarted: the core and the other plugins kept their services.
            assertThat(serviceId(c, "org.osvif.OsVif")).isEqualTo(core);
            assertThat(serviceId(c, "org.osvif.plugin.VifPlugin", "(osvif.plugin.name=noop)")).isEqualTo(noop);
            assertThat(awaitStatus(c, s -> s.file().equals("vendor-1.0.0.jar")).state()).isEqualTo("REPLACED");
            Files.delete(home.resolve("deploy/vendor-1.0.0.jar"));
            awaitStatus(c, s -> c.deployStatus().stream().noneMatch(x -> x.file().equals("vendor-1.0.0.jar")));
            assertThat(c.plugins()).anyMatch(p -> p.name().equals("vendor_example") && p.version().equals("1.1.0"));
            Files.delete(home.resolve("deploy/vendor-1.1.0.jar"));
            awaitStatus(c, s -> s.file().equals("vendor-1.1.0.jar") && s.state().equals("UNINSTALLED"));
            assertThat(c.plugins()).noneMatch(p -> p.name().equals("vendor_example"));
        }
    }

    @Test
    void editingEtcReconfiguresARunningPluginAndABadEditChangesNothing() throws Exception {
        Path a = home.resolve("state-a");
        Path b = home.resolve("state-b");
        Files.createDirectories(home.resolve("etc"));
        Path cfg = home.resolve("etc/com.example.osvif.vendor.cfg");
        Files.writeString(cfg, "state_dir = " + a + "\n");
        try (Container c = Container.options(home).bundles(ContainerTest.BUNDLES).etc(home.resolve("etc"))
                .deploy(home.resolve("deploy")).start()) {
            drop(RunningContainerTest.vendor("1.0"), "vendor.jar");
            awaitStatus(c, s -> s.file().equals("vendor.jar") && s.state().equals("ACTIVE"));
            var osVif = c.osVif(Duration.ofSeconds(5));
            osVif.plug(generic(1), ContainerTest.INSTANCE);
            assertThat(a.resolve(generic(1).id())).exists();

            Files.writeString(cfg, "state_dir = " + b + "\n");
            awaitPlugRecordedIn(osVif, b, 2);

            // A broken file elsewhere in etc/ is reported; the running configuration stays.
            Files.writeString(home.resolve("etc/org.osvif.core.json"), "{\"plugin_wait_ms\": ");
            Files.writeString(cfg, "state_dir = " + a + "\n");
            osVif.plug(generic(3), ContainerTest.INSTANCE);
            assertThat(b.resolve(generic(3).id())).exists();
            assertThat(a.resolve(generic(3).id())).doesNotExist();
        }
    }

    static org.osvif.objects.VIFGeneric generic(int n) {
        return org.osvif.objects.VIFGeneric.builder().id(String.format("00000000-0000-0000-0000-%012d", 300 + n))
                .plugin("vendor_example").vifName("tap" + n).build();
    }

    /** Plugs until the plugin records the VIF in {@code dir}: it is reconfigured asynchronously. */
    static void awaitPlugRecordedIn(org.osvif.OsVif osVif, Path dir, int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(dir.resolve(generic(n).id())) && System.nanoTime() < deadline) {
            osVif.plug(generic(n), ContainerTest.INSTANCE);
        }
        assertThat(dir.resolve(generic(n).id())).as("recorded in the new state_dir").exists();
    }

    static Object serviceId(Container c, String clazz, String... filter) throws Exception {
        var refs = c.context().getServiceReferences(clazz, filter.length == 0 ? null : filter[0]);
        assertThat(refs).hasSize(1);
        return refs[0].getProperty("service.id");
    }

    @Test
    void badConfigurationIsRefusedNamingTheFileAndKey() throws IOException {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/org.osvif.plug.ovs.json"), "{\"isolate_vif\": {\"nested\": 1}}");
        assertThatThrownBy(this::start).isInstanceOf(ContainerException.class)
                .hasMessageContaining("org.osvif.plug.ovs.json").hasMessageContaining("isolate_vif");
        Files.writeString(home.resolve("etc/org.osvif.plug.ovs.json"), "{\"isolate_vif\": tru");
        assertThatThrownBy(this::start).isInstanceOf(ContainerException.class).hasMessageContaining("not JSON");
    }

    /** Runs a JDK tool (keytool, jarsigner) and requires it to succeed. */
    static void jdk(String tool, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", tool).toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
    }

    Path signed(Path jar, String keystore, String name) throws Exception {
        Path out = home.resolve(name);
        jdk("jarsigner", "-keystore", home.resolve(keystore).toString(), "-storepass", "secret",
                "-signedjar", out.toString(), jar.toString(), "signer");
        return out;
    }

    @Test
    void withRequireSignedOnlyBundlesSignedByATrustedKeyStart() throws Exception {
        for (String who : List.of("vendor", "intruder")) {
            jdk("keytool", "-genkeypair", "-alias", "signer", "-keyalg", "EC", "-dname", "CN=" + who,
                    "-validity", "2", "-keystore", home.resolve(who + ".p12").toString(), "-storepass", "secret");
        }
        jdk("keytool", "-exportcert", "-alias", "signer", "-keystore", home.resolve("vendor.p12").toString(),
                "-storepass", "secret", "-file", home.resolve("vendor.cer").toString());
        Files.createDirectories(home.resolve("etc"));
        jdk("keytool", "-importcert", "-noprompt", "-alias", "vendor", "-file", home.resolve("vendor.cer").toString(),
                "-keystore", home.resolve("etc/trust.p12").toString(), "-storepass", "trustpass");
        Files.writeString(home.resolve("etc/org.osvif.runtime.cfg"),
                "require_signed = true\ntrust_store = trust.p12\ntrust_store_password = trustpass\n");
        Files.writeString(home.resolve("etc/com.example.osvif.vendor.cfg"), "state_dir = " + home.resolve("state") + "\n");
        Path unsigned = RunningContainerTest.vendor("1.0");
        Path byIntruder = signed(RunningContainerTest.vendor("1.0"), "intruder.p12", "intruder.jar");
        Path byVendor = signed(RunningContainerTest.vendor("1.1"), "vendor.p12", "vendor.jar");

        try (Container c = start()) {
            drop(unsigned, "unsigned.jar");
            assertThat(awaitStatus(c, s -> s.file().equals("unsigned.jar")).error()).contains("require_signed").contains("not signed");
            drop(byIntruder, "intruder.jar");
            assertThat(awaitStatus(c, s -> s.file().equals("intruder.jar")).error()).contains("CN=intruder")
                    .contains("does not trust");
            assertThat(c.osVif(java.time.Duration.ofSeconds(5)).hostInfo().hasPlugin("vendor_example")).isFalse();
            drop(byVendor, "vendor.jar");
            assertThat(awaitStatus(c, s -> s.file().equals("vendor.jar")).state()).isEqualTo("ACTIVE");
            assertThat(c.osVif(java.time.Duration.ofSeconds(5)).hostInfo().hasPlugin("vendor_example")).isTrue();
        }
    }
}
