package org.osvif.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code osvif run} as a real process with a fresh OSVIF_HOME: vendor bundles dropped into,
 * replaced in and deleted from {@code deploy/} while plugs run, and the cases it must refuse or
 * survive. The vendor bundle is {@code examples/vendor-plugin} (1.0.0, and 1.1.0 which
 * advertises more), built by the reactor, configured through {@code etc/}.
 */
class RunningContainerTest {

    @TempDir
    Path home;
    Path bundles;
    Process container;

    @BeforeEach
    void distributionWithoutItsNoopPlugin() throws IOException {
        bundles = Files.createDirectories(home.resolve("dist-bundles"));
        for (Path jar : Files.newDirectoryStream(ContainerTest.BUNDLES, "*.jar")) {
            if (!jar.getFileName().toString().startsWith("plug-noop")) {
                Files.copy(jar, bundles.resolve(jar.getFileName()));
            }
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (container != null && container.isAlive()) {
            container.destroy();
            assertThat(container.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            assertThat(Files.exists(home.resolve("run/osvif.sock"))).as("socket removed").isFalse();
        }
    }

    Process start() throws IOException, InterruptedException {
        return start("--no-console");
    }

    Process start(String... runArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Osvif.BIN.toString(), "run"));
        cmd.addAll(List.of(runArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("OSVIF_HOME", home.toString());
        pb.environment().put("OSVIF_BUNDLES", bundles.toString());
        pb.redirectErrorStream(true).redirectOutput(home.resolve("container.log").toFile());
        container = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(home.resolve("run/osvif.sock")) && container.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(Files.exists(home.resolve("run/osvif.sock"))).as(log()).isTrue();
        return container;
    }

    String log() throws IOException {
        Path l = home.resolve("container.log");
        return Files.exists(l) ? Files.readString(l) : "";
    }

    Osvif osvif(String stdin, String... args) throws Exception {
        return Osvif.run(home, stdin, args);
    }

    static final Path EXAMPLES = Osvif.TOP.resolve("examples/vendor-plugin");

    /** The example vendor plugin's jar of one version (1.0 or 1.1). */
    static Path vendor(String version) {
        Path jar = EXAMPLES.resolve("v" + version + "/target/vendor-plugin-" + version + ".0.jar");
        assertThat(jar).as("built by the reactor before the tests").exists();
        return jar;
    }

    static final String GENERIC = "{\"versioned_object.name\": \"VIFGeneric\", \"versioned_object.namespace\": \"os_vif\", "
            + "\"versioned_object.version\": \"1.0\", \"versioned_object.data\": {\"id\": \"00000000-0000-0000-0000-0000000001%02d\", "
            + "\"plugin\": \"vendor_example\", \"vif_name\": \"tap%d\"}}";

    static String vendorRequest(int n) {
        return "{\"vif\": " + String.format(GENERIC, n, n) + ", \"instance_info\": " + CommandsTest.INSTANCE + "}";
    }

    /** Configures the vendor plugin's state folder through etc/, as an operator would. */
    Path configureVendor() throws IOException {
        Path state = home.resolve("vendor-state");
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/com.example.osvif.vendor.cfg"), "# the example plugin's records\nstate_dir = " + state + "\n");
        return state;
    }

    /** @return the VIF classes the vendor plugin advertises in a HostInfo primitive */
    static java.util.Set<String> vendorVifs(String hostInfo) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        try {
            for (var p : new com.fasterxml.jackson.databind.ObjectMapper().readTree(hostInfo)
                    .at("/versioned_object.data/plugin_info")) {
                if (p.at("/versioned_object.data/plugin_name").asText().equals("vendor_example")) {
                    p.at("/versioned_object.data/vif_info")
                            .forEach(v -> out.add(v.at("/versioned_object.data/vif_object_name").asText()));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** Polls hostinfo over the socket (no JVM start per poll) until it satisfies {@code wanted}. */
    long awaitHostInfoMillis(Predicate<String> wanted, long limitMillis) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(limitMillis);
        String out = "";
        while (System.nanoTime() < deadline) {
            out = Osvif.viaSocket(home, "", "hostinfo").out;
            if (wanted.test(out)) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
        }
        throw new AssertionError("hostinfo did not show what was wanted within " + limitMillis + " ms; last:\n" + out);
    }

    /** Runs {@code osvif plugins} until its output satisfies {@code wanted}, for at most 10 s. */
    String awaitPlugins(Predicate<String> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String out = "";
        while (System.nanoTime() < deadline) {
            out = osvif("", "plugins").out;
            if (wanted.test(out)) {
                return out;
            }
        }
        throw new AssertionError("osvif plugins never showed what was wanted; last:\n" + out + "\n" + log());
    }

    /** The example's 1.1.0 jar relabelled with another version and an import nothing exports. */
    Path unresolvableVendorJar(String version) throws IOException {
        Path out = home.resolve("vendor-" + version + "-broken.jar");
        try (JarInputStream in = new JarInputStream(Files.newInputStream(vendor("1.1")))) {
            Manifest mf = new Manifest(in.getManifest());
            Attributes a = mf.getMainAttributes();
            a.putValue("Bundle-Version", version);
            a.putValue("Import-Package", a.getValue("Import-Package") + ",org.example.nowhere;version=\"[9,10)\"");
            try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(out), mf)) {
                JarEntry e;
                while ((e = in.getNextJarEntry()) != null) {
                    jar.putNextEntry(new JarEntry(e.getName()));
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    in.transferTo(b);
                    jar.write(b.toByteArray());
                    jar.closeEntry();
                }
            }
        }
        return out;
    }

    void drop(Path jar) throws IOException {
        // Copy beside, then rename into deploy/: the watcher sees one complete file.
        Path tmp = home.resolve("deploy.tmp");
        Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, home.resolve("deploy/vendor.jar"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void vendorBundlesComeAreUpgradedUnderLoadAndGoWithoutARestart() throws Exception {
        Path state = configureVendor();
        long pid = start().pid();
        assertThat(osvif("", "hostinfo").out).doesNotContain("vendor_example");
        drop(vendor("1.0"));
        awaitPlugins(o -> o.contains("\"plugin\":\"vendor_example\"") && o.contains("\"version\":\"1.0.0\""));
        assertThat(vendorVifs(osvif("", "hostinfo").out)).containsExactly("VIFGeneric");

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> load = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = 10 * (t + 1);
            load.add(CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    try {
                        Osvif r = Osvif.viaSocket(home, vendorRequest(base) + "\n" + vendorRequest(base + 1) + "\n", "plug");
                        if (r.exit == 0) {
                            ok.incrementAndGet();
                        } else {
                            failures.add(r.toString());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }));
        }
        awaitCount(ok, 20, failures);
        drop(vendor("1.1"));
        // The upgrade shows in hostinfo within a second of the drop, while the plugs go on.
        long shown = awaitHostInfoMillis(o -> vendorVifs(o).contains("VIFVHostUser"), 1000);
        System.out.println("upgrade to 1.1.0 visible in hostinfo after " + shown + " ms");
        int after = ok.get();
        awaitCount(ok, after + 20, failures);
        running.set(false);
        CompletableFuture.allOf(load.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        assertThat(failures).as("plugs that failed while the plugin was upgraded").isEmpty();
        assertThat(osvif("", "plugins").out).contains("\"bundle\":\"com.example.osvif.vendor\",\"version\":\"1.1.0\"");
        // The plugin's etc/ configuration reached it: its records are where etc/ says.
        assertThat(state.resolve("00000000-0000-0000-0000-000000000110")).exists();

        // An upgrade that does not resolve is rolled back: 1.1.0 keeps serving.
        drop(unresolvableVendorJar("1.2.0"));
        String status = awaitPlugins(o -> o.contains("\"version\":\"1.2.0\"") && o.contains("FAILED"));
        assertThat(status).contains("rolled back to 1.1.0");
        assertThat(osvif(vendorRequest(1) + "\n", "plug").exit).isZero();

        Files.delete(home.resolve("deploy/vendor.jar"));
        awaitPlugins(o -> !o.contains("\"plugin\":\"vendor_example\""));
        Osvif gone = osvif(vendorRequest(2) + "\n", "plug");
        assertThat(gone.exit).isEqualTo(1);
        assertThat(gone.out).contains("NoMatchingPlugin");
        assertThat(container.pid()).isEqualTo(pid);
        assertThat(container.isAlive()).isTrue();
    }

    @Test
    void aPluginThatThrowsOnActivationIsReportedAndNotInstalled() throws Exception {
        // A state folder that cannot be created: the plugin's constructor throws.
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/com.example.osvif.vendor.cfg"), "state_dir = /dev/null/cannot\n");
        start();
        drop(vendor("1.0"));
        String status = awaitPlugins(o -> o.contains("vendor.jar") && o.contains("FAILED"));
        assertThat(status).contains("failed to activate");
        assertThat(osvif("", "hostinfo").out).doesNotContain("vendor_example");
        assertThat(container.isAlive()).isTrue();
    }

    @Test
    void aStockOsgiServiceBundleInDeployNeitherDeadlocksNorStopsTheContainer() throws Exception {
        start();
        Path eventAdmin = Path.of(Class.forName("org.apache.felix.eventadmin.impl.Activator")
                .getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.copy(eventAdmin, home.resolve("deploy/.eventadmin.part"));
        Files.move(home.resolve("deploy/.eventadmin.part"), home.resolve("deploy/eventadmin.jar"), StandardCopyOption.ATOMIC_MOVE);
        String status = awaitPlugins(o -> o.contains("eventadmin.jar") && o.contains("ACTIVE"));
        assertThat(status).contains("org.apache.felix.eventadmin");
        // The deployer goes on: a plugin dropped next is installed and plugs.
        configureVendor();
        drop(vendor("1.0"));
        awaitPlugins(o -> o.contains("\"plugin\":\"vendor_example\""));
        Osvif plugged = osvif(vendorRequest(3) + "\n", "plug");
        assertThat(plugged.exit).as(plugged.toString()).isZero();
        Files.delete(home.resolve("deploy/eventadmin.jar"));
        awaitPlugins(o -> o.contains("eventadmin.jar") && o.contains("UNINSTALLED"));
        assertThat(osvif(vendorRequest(4) + "\n", "plug").exit).isZero();
        assertThat(container.isAlive()).isTrue();
    }

    @Test
    void withoutATerminalAndWithoutFlagsItRunsAsAServiceWouldNeed() throws Exception {
        // stdin is /dev/null, as under a service manager: no console reads its end and stops it.
        Process p = start(new String[0]);
        assertThat(osvif("", "hostinfo").exit).isZero();
        assertThat(p.isAlive()).isTrue();
        assertThat(log()).doesNotContain("Welcome to Apache Felix Gogo");
    }

    @Test
    void aBrokenJarIsReportedAndTheContainerKeepsServing() throws Exception {
        start();
        Files.writeString(home.resolve("deploy/broken.jar"), "not a jar");
        String status = awaitPlugins(o -> o.contains("broken.jar"));
        assertThat(status).contains("FAILED").contains("not a bundle");
        assertThat(osvif("", "hostinfo").exit).isZero();
        assertThat(container.isAlive()).isTrue();
    }

    @Test
    void aWorldWritableDeployFolderIsRefused() throws Exception {
        Files.createDirectories(home.resolve("deploy"));
        Files.setPosixFilePermissions(home.resolve("deploy"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Osvif r = osvif("", "run", "--no-console");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.err).contains("refusing to start").contains("writable by group or others");
    }

    static void awaitCount(AtomicInteger n, int wanted, List<String> failures) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (n.get() < wanted && failures.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(failures).isEmpty();
        assertThat(n.get()).isGreaterThanOrEqualTo(wanted);
    }
}
