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
 * survive. The vendor bundle is the noop plugin re-labelled {@code org.example.vendor}.
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
            if (!jar.getFileName().toString().equals("plug-noop.jar")) {
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
        ProcessBuilder pb = new ProcessBuilder(Osvif.BIN.toString(), "run", "--no-console");
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

    /** The noop plugin jar with another symbolic name and version, and optionally an import nothing exports. */
    Path vendorJar(String version, boolean unresolvable) throws IOException {
        Path out = home.resolve("vendor-" + version + (unresolvable ? "-broken" : "") + ".jar");
        try (JarInputStream in = new JarInputStream(Files.newInputStream(ContainerTest.BUNDLES.resolve("plug-noop.jar")))) {
            Manifest mf = new Manifest(in.getManifest());
            Attributes a = mf.getMainAttributes();
            a.putValue("Bundle-SymbolicName", "org.example.vendor");
            a.putValue("Bundle-Version", version);
            if (unresolvable) {
                a.putValue("Import-Package", a.getValue("Import-Package") + ",org.example.nowhere;version=\"[9,10)\"");
            }
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

    static String request(int n) {
        return CommandsTest.request(n, "noop");
    }

    @Test
    void vendorBundlesComeAreUpgradedUnderLoadAndGoWithoutARestart() throws Exception {
        long pid = start().pid();
        assertThat(osvif("", "hostinfo").out).doesNotContain("\"noop\"");
        drop(vendorJar("1.0.0", false));
        awaitPlugins(o -> o.contains("\"plugin\":\"noop\"") && o.contains("\"version\":\"1.0.0\""));
        assertThat(osvif("", "hostinfo").out).contains("\"plugin_name\":\"noop\"");

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> load = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = 10 * (t + 1);
            load.add(CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    try {
                        Osvif r = osvif(request(base) + "\n" + request(base + 1) + "\n", "plug");
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
        awaitCount(ok, 4, failures);
        drop(vendorJar("1.1.0", false));
        awaitPlugins(o -> o.contains("\"version\":\"1.1.0\"") && o.contains("\"state\":\"ACTIVE\""));
        int after = ok.get();
        awaitCount(ok, after + 4, failures);
        running.set(false);
        CompletableFuture.allOf(load.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        assertThat(failures).as("plugs that failed while the plugin was upgraded").isEmpty();

        // An upgrade that does not resolve is rolled back: 1.1.0 keeps serving.
        drop(vendorJar("1.2.0", true));
        String status = awaitPlugins(o -> o.contains("\"version\":\"1.2.0\"") && o.contains("FAILED"));
        assertThat(status).contains("rolled back to 1.1.0");
        assertThat(osvif(request(1) + "\n", "plug").exit).isZero();

        Files.delete(home.resolve("deploy/vendor.jar"));
        awaitPlugins(o -> !o.contains("\"plugin\":\"noop\""));
        Osvif gone = osvif(request(2) + "\n", "plug");
        assertThat(gone.exit).isEqualTo(1);
        assertThat(gone.out).contains("NoMatchingPlugin");
        assertThat(container.pid()).isEqualTo(pid);
        assertThat(container.isAlive()).isTrue();
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
