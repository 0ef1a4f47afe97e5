package org.osvif.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a careless or hostile vendor, a bad file or a bad day does to {@code osvif run}, on the
 * built distribution as a process (issue 13). One container serves the checks in order, as a
 * host would meet them one after the other; a few restart it. Each check ends by installing and
 * upgrading the example vendor plugin and asking {@code hostinfo}: the container still serves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RobustnessTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Short, so the stuck bundles cost little time; the default is 10 s. */
    static final int DEADLINE_MS = 2000;

    Path home;
    Path deploy;
    Path bundles;
    Process container;
    int logMark;

    @BeforeAll
    void startWithAStuckBundleAlreadyInDeploy() throws Exception {
        home = Files.createTempDirectory("osvif-robust");
        deploy = Files.createDirectories(home.resolve("deploy"));
        bundles = Files.createDirectories(home.resolve("dist-bundles"));
        for (Path jar : Files.newDirectoryStream(ContainerTest.BUNDLES, "*.jar")) {
            Files.copy(jar, bundles.resolve(jar.getFileName()));
        }
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/org.osvif.runtime.cfg"), "deploy_deadline_ms = " + DEADLINE_MS + "\n");
        Files.writeString(home.resolve("etc/com.example.osvif.vendor.cfg"), "state_dir = " + home.resolve("vendor-state") + "\n");
        BadBundles.sleepingActivator(deploy.resolve("sleepy.jar"));
        start();
    }

    @AfterAll
    void stopAndClean() throws Exception {
        stop();
        try (var s = Files.walk(home)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    void start() throws IOException {
        Files.deleteIfExists(home.resolve("container.log"));
        ProcessBuilder pb = new ProcessBuilder(Osvif.BIN.toString(), "run", "--no-console")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("OSVIF_HOME", home.toString());
        pb.environment().put("OSVIF_BUNDLES", bundles.toString());
        pb.redirectErrorStream(true).redirectOutput(home.resolve("container.log").toFile());
        container = pb.start();
        awaitLog("container running", 60);
    }

    void stop() throws InterruptedException {
        if (container != null && container.isAlive()) {
            container.destroy();
            boolean stopped = container.waitFor(40, TimeUnit.SECONDS);
            if (!stopped) {
                try {
                    // what it is stuck on, for the report
                    Process j = new ProcessBuilder("jstack", Long.toString(container.pid())).redirectErrorStream(true).start();
                    System.out.println(new String(j.getInputStream().readAllBytes()));
                } catch (IOException e) {
                    System.out.println("no jstack: " + e);
                }
                container.destroyForcibly();
            }
            assertThat(stopped).as("stops on SIGTERM").isTrue();
        }
    }

    void restart() throws Exception {
        stop();
        start();
    }

    String log() throws IOException {
        Path l = home.resolve("container.log");
        return Files.exists(l) ? Files.readString(l) : "";
    }

    /** Waits for a line in the container's log; the log file is the event. */
    int count(String text) throws IOException {
        String l = log();
        int n = 0;
        for (int i = l.indexOf(text); i >= 0; i = l.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }

    void awaitLogCount(String text, int times, int seconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (count(text) < times) {
            assertThat(container.isAlive()).as("container alive; log:\n" + log()).isTrue();
            assertThat(System.nanoTime()).as("'" + text + "' " + times + " times in the log within " + seconds + " s:\n"
                    + log()).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    void awaitLog(String text, int seconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!log().contains(text)) {
            assertThat(container.isAlive()).as("container alive; log:\n" + log()).isTrue();
            assertThat(System.nanoTime()).as("'" + text + "' in the log within " + seconds + " s:\n" + log()).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    List<JsonNode> plugins() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Osvif.viaSocket(home, "", "plugins").out.split("\n")) {
            if (!l.isBlank()) {
                out.add(JSON.readTree(l));
            }
        }
        return out;
    }

    /** The {@code osvif plugins} line of one file of deploy/, once it satisfies {@code wanted}. */
    JsonNode awaitDeploy(String file, Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = null;
            for (JsonNode n : plugins()) {
                if (file.equals(n.path("deploy").asText(null))) {
                    last = n;
                }
            }
            if (last != null && wanted.test(last)) {
                return last;
            }
        }
        throw new AssertionError("deploy/" + file + " never got there; last: " + last + "\n" + log());
    }

    JsonNode awaitState(String file, String state) throws Exception {
        return awaitDeploy(file, n -> state.equals(n.path("state").asText()));
    }

    JsonNode plugin(String name) throws IOException {
        for (JsonNode n : plugins()) {
            if (name.equals(n.path("plugin").asText(null))) {
                return n;
            }
        }
        return null;
    }

    void drop(Path jar, String name) throws IOException {
        Path tmp = home.resolve("drop.tmp");
        Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, deploy.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    void removeAndAwait(String name) throws Exception {
        if (Files.deleteIfExists(deploy.resolve(name))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (plugins().stream().anyMatch(n -> name.equals(n.path("deploy").asText(null))
                    && !"UNINSTALLED".equals(n.path("state").asText()))) {
                assertThat(System.nanoTime()).as(name + " uninstalled").isLessThan(deadline);
            }
        }
    }

    /**
     * The end of every check: the example vendor plugin still installs and upgrades, and the
     * container answers hostinfo within a second.
     */
    void theContainerStillServes() throws Exception {
        assertThat(container.isAlive()).as(log()).isTrue();
        removeAndAwait("vendor.jar");
        drop(RunningContainerTest.vendor("1.0"), "vendor.jar");
        awaitDeploy("vendor.jar", n -> "ACTIVE".equals(n.path("state").asText()) && "1.0.0".equals(n.path("version").asText()));
        drop(RunningContainerTest.vendor("1.1"), "vendor.jar");
        awaitDeploy("vendor.jar", n -> "ACTIVE".equals(n.path("state").asText()) && "1.1.0".equals(n.path("version").asText()));
        long t0 = System.nanoTime();
        Osvif h = Osvif.viaSocket(home, "", "hostinfo");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(h.exit).as(h.toString()).isZero();
        assertThat(RunningContainerTest.vendorVifs(h.out)).contains("VIFVHostUser");
        assertThat(ms).as("hostinfo answered in ms").isLessThan(1000);
        removeAndAwait("vendor.jar");
    }

    @Test
    @Order(1)
    void aSleepingActivatorAtStartIsFailedAtItsDeadlineAndQuarantined() throws Exception {
        // The container came up although sleepy.jar never returns from its activator.
        JsonNode s = awaitState("sleepy.jar", "FAILED");
        assertThat(s.path("error").asText()).contains("did not finish within " + DEADLINE_MS + " ms")
                .contains("is stuck").contains("sleepy.Activator.start").contains("quarantined");
        try (var q = Files.list(home.resolve("data/quarantine"))) {
            assertThat(q.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("sleepy.jar."));
        }
        theContainerStillServes();
    }

    @Test
    @Order(2)
    void aPluginWhoseActivateBlocksIsFailedAndTheDeployerGoesOn() throws Exception {
        drop(BadBundles.blockingActivate(home.resolve("blocky.build")), "blocky.jar");
        JsonNode s = awaitState("blocky.jar", "FAILED");
        assertThat(s.path("error").asText()).contains("did not finish within").contains("blocky.Plugin.activate");
        assertThat(Osvif.viaSocket(home, "", "hostinfo").out).doesNotContain("blocky");
        theContainerStillServes();
    }

    @Test
    @Order(3)
    void onlySaneFilesAreRead() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(deploy.resolve("huge.jar").toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: 3 GiB that take no disk
        }
        assertThat(new ProcessBuilder("mkfifo", deploy.resolve("fifo.jar").toString()).start().waitFor()).isZero();
        Files.createSymbolicLink(deploy.resolve("zero.jar"), Path.of("/dev/zero"));
        drop(BadBundles.manifestBomb(home.resolve("bomb.build"), 8), "bomb.jar");
        assertThat(awaitState("huge.jar", "FAILED").path("error").asText()).contains("is 3072 MiB, over the 64 MiB cap");
        assertThat(awaitState("fifo.jar", "FAILED").path("error").asText()).contains("not a regular file");
        assertThat(awaitState("zero.jar", "FAILED").path("error").asText()).contains("a symlink to /dev/zero").contains("refused");
        assertThat(awaitState("bomb.jar", "FAILED").path("error").asText()).contains("manifest is over the 512 KiB cap");
        assertThat(log()).doesNotContain("OutOfMemoryError");
        for (String f : List.of("huge.jar", "fifo.jar", "zero.jar", "bomb.jar")) {
            Files.delete(deploy.resolve(f));
        }
        theContainerStillServes();
    }

    @Test
    @Order(4)
    void pluginNamesAndContainerPackagesCannotBeHijacked() throws Exception {
        drop(RunningContainerTest.vendor("1.0"), "vendor.jar");
        awaitState("vendor.jar", "ACTIVE");
        drop(BadBundles.renamedPlugin(RunningContainerTest.vendor("1.1"), home.resolve("h1.build"), "com.example.hijack",
                "vendor_example", 100), "hijack-name.jar");
        assertThat(awaitState("hijack-name.jar", "FAILED").path("error").asText())
                .contains("plugin name 'vendor_example' is already served by com.example.osvif.vendor 1.0.0");
        drop(BadBundles.renamedPlugin(RunningContainerTest.vendor("1.1"), home.resolve("h2.build"), "com.example.hijack.ovs",
                "ovs", 100), "hijack-ovs.jar");
        assertThat(awaitState("hijack-ovs.jar", "FAILED").path("error").asText()).contains("plugin name 'ovs' is");
        JsonNode served = plugin("vendor_example");
        assertThat(served.path("bundle").asText()).isEqualTo("com.example.osvif.vendor");
        assertThat(RunningContainerTest.vendorVifs(Osvif.viaSocket(home, "", "hostinfo").out)).containsExactly("VIFGeneric");
        JsonNode ovs = plugin("ovs");
        assertThat(ovs == null ? null : ovs.path("bundle").asText()).isNotEqualTo("com.example.hijack.ovs");

        drop(BadBundles.exporting(home.resolve("p.build"), "com.example.objects", "org.osvif.objects", "1.9.0"), "objects.jar");
        assertThat(awaitState("objects.jar", "FAILED").path("error").asText())
                .contains("exports package org.osvif.objects, which the container provides");
        for (String f : List.of("hijack-name.jar", "hijack-ovs.jar", "objects.jar")) {
            removeAndAwait(f);
        }
        theContainerStillServes();
    }

    @Test
    @Order(5)
    void filesAndFoldersOfAnotherUserAreRefused() throws Exception {
        String user = "osvift" + Long.toString(ProcessHandle.current().pid(), 36);
        assertThat(new ProcessBuilder("useradd", "--system", "--no-create-home", user).inheritIO().start().waitFor()).isZero();
        try {
            Path foreign = home.resolve("foreign.build");
            Files.copy(RunningContainerTest.vendor("1.0"), foreign);
            assertThat(new ProcessBuilder("chown", user, foreign.toString()).start().waitFor()).isZero();
            Files.move(foreign, deploy.resolve("foreign.jar"), StandardCopyOption.ATOMIC_MOVE);
            assertThat(awaitState("foreign.jar", "FAILED").path("error").asText()).contains("is owned by " + user);

            Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
            Path target = Files.copy(RunningContainerTest.vendor("1.0"), elsewhere.resolve("v.jar"));
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-rw-"));
            Files.createSymbolicLink(deploy.resolve("link.jar"), target);
            assertThat(awaitState("link.jar", "FAILED").path("error").asText()).contains("writable by group or others");
            removeAndAwait("foreign.jar");
            removeAndAwait("link.jar");

            // A home whose deploy/ another user owns: the container refuses to start, one line.
            Path other = Files.createTempDirectory("osvif-foreign");
            try {
                Files.createDirectories(other.resolve("deploy"));
                assertThat(new ProcessBuilder("chown", user, other.resolve("deploy").toString()).start().waitFor()).isZero();
                Osvif r = Osvif.run(other, "", "run", "--no-console");
                assertThat(r.exit).as(r.toString()).isEqualTo(1);
                assertThat(r.err.strip().lines().filter(l -> l.startsWith("error:")).toList()).hasSize(1);
                assertThat(r.err).contains("refusing to start").contains(other.resolve("deploy") + " is owned by " + user);
            } finally {
                new ProcessBuilder("rm", "-rf", other.toString()).start().waitFor();
            }
        } finally {
            new ProcessBuilder("userdel", user).start().waitFor();
        }
        theContainerStillServes();
    }

    @Test
    @Order(6)
    void theEtcWatcherRefusesABadFileAloneAndGoesOn() throws Exception {
        Path etc = home.resolve("etc");
        assertThat(new ProcessBuilder("mkfifo", etc.resolve("fifo.cfg").toString()).start().waitFor()).isZero();
        Files.writeString(etc.resolve("org.osvif.core.cfg"), "plugin_wait_ms = 100\nPLUGIN_WAIT_MS = 200\n");
        awaitLog("differ only in case", 20);
        Files.writeString(etc.resolve("big.cfg"), "x = " + "y".repeat(2 << 20) + "\n");
        awaitLog("big.cfg is 2 MiB, over the 1 MiB cap", 20);
        // Meanwhile another pid's edit applies: the vendor plugin writes its records elsewhere.
        drop(RunningContainerTest.vendor("1.0"), "vendor.jar");
        awaitState("vendor.jar", "ACTIVE");
        Path moved = home.resolve("vendor-state-2");
        Files.writeString(etc.resolve("com.example.osvif.vendor.cfg"), "state_dir = " + moved + "\n");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(moved.resolve("00000000-0000-0000-0000-000000000105"))) {
            Osvif.viaSocket(home, RunningContainerTest.vendorRequest(5) + "\n", "plug");
            assertThat(System.nanoTime()).as("the vendor's new state_dir applied:\n" + log()).isLessThan(deadline);
        }
        assertThat(log()).contains("fifo.cfg is not a regular file");
        for (String f : List.of("fifo.cfg", "org.osvif.core.cfg", "big.cfg")) {
            Files.delete(etc.resolve(f));
        }
        theContainerStillServes();
    }

    @Test
    @Order(7)
    void rollbackAndLastGoodSurviveRestarts() throws Exception {
        drop(RunningContainerTest.vendor("1.1"), "vendor.jar");
        awaitDeploy("vendor.jar", n -> "ACTIVE".equals(n.path("state").asText()) && "1.1.0".equals(n.path("version").asText()));
        assertThat(home.resolve("data/last-good/vendor.jar")).exists();

        // A broken upgrade is rolled back; after a restart the last good jar still serves.
        drop(BadBundles.unresolvable(RunningContainerTest.vendor("1.1"), home.resolve("u.build"), "1.2.0"), "vendor.jar");
        assertThat(awaitState("vendor.jar", "FAILED").path("error").asText()).contains("rolled back to 1.1.0");
        restart();
        assertServesLastGood("1.2.0");
        // The quarantined sleepy.jar was skipped at this start, and said so.
        assertThat(awaitState("sleepy.jar", "QUARANTINED").path("error").asText()).contains("quarantined, skipped");

        // A truncated copy, then a downgrade copied in place: each reported, 1.1.0 serves on.
        byte[] good = Files.readAllBytes(RunningContainerTest.vendor("1.1"));
        Files.write(home.resolve("cut.build"), java.util.Arrays.copyOf(good, good.length / 2));
        drop(home.resolve("cut.build"), "vendor.jar");
        awaitDeploy("vendor.jar", n -> n.path("error").asText().contains("rolled back to 1.1.0"));
        restart();
        assertServesLastGood("1.1.0");

        drop(RunningContainerTest.vendor("1.0"), "vendor.jar");
        awaitDeploy("vendor.jar", n -> "1.0.0".equals(n.path("version").asText()));
        restart();
        JsonNode down = assertServesLastGood("1.0.0");
        assertThat(down.path("error").asText()).contains("older than the last good 1.1.0");
        theContainerStillServes();
    }

    @Test
    @Order(8)
    void configurationIsCheckedAgainstEachComponentsMetatype() throws Exception {
        // At start: exit 2 and one line naming the file (or --set), the key, the value, what is accepted.
        Path other = Files.createTempDirectory("osvif-config");
        try {
            Files.createDirectories(other.resolve("etc"));
            Files.writeString(other.resolve("etc/org.osvif.core.cfg"), "plugin_wait_ms = abc\n");
            Osvif r = Osvif.run(other, "", "run", "--no-console");
            assertThat(r.exit).as(r.toString()).isEqualTo(2);
            assertThat(errors(r)).containsExactly("error: etc/org.osvif.core.cfg: plugin_wait_ms = abc: accepted: a whole number (Long)");

            Files.writeString(other.resolve("etc/org.osvif.core.cfg"), "plugin_wait_ms = 100\n");
            Files.writeString(other.resolve("etc/org.osvif.plug.ovs.cfg"), "ovsdb_conection = tcp:127.0.0.1:6640\n");
            r = Osvif.run(other, "", "hostinfo");
            assertThat(r.exit).as(r.toString()).isEqualTo(2);
            assertThat(errors(r)).containsExactly("error: etc/org.osvif.plug.ovs.cfg: ovsdb_conection = tcp:127.0.0.1:6640: "
                    + "org.osvif.plug.ovs has no key ovsdb_conection; did you mean ovsdb_connection?");

            Files.delete(other.resolve("etc/org.osvif.plug.ovs.cfg"));
            r = Osvif.run(other, "", "--set", "org.osvif.plug.ovs.ovsdb_interface=vsctl", "hostinfo");
            assertThat(r.exit).as(r.toString()).isEqualTo(2);
            assertThat(errors(r)).containsExactly("error: --set org.osvif.plug.ovs.ovsdb_interface: ovsdb_interface = vsctl: accepted: native");
            assertThat(r.out).isEmpty();
        } finally {
            new ProcessBuilder("rm", "-rf", other.toString()).start().waitFor();
        }

        // On reload: one line, nothing of the file applied, the container serves on.
        Path core = home.resolve("etc/org.osvif.core.cfg");
        Files.writeString(core, "plugin_wait_ms = abc\n");
        // Awaits this refusal's own words: the log already holds an earlier refusal of this file.
        awaitLog("plugin_wait_ms = abc: accepted: a whole number (Long)", 20);
        Files.delete(core);

        // A vendor pid is checked when its bundle arrives.
        Path vendorCfg = home.resolve("etc/com.example.osvif.vendor.cfg");
        String good = Files.readString(vendorCfg);
        Files.writeString(vendorCfg, "state_dirr = /tmp/nowhere\n");
        awaitLog("configuration com.example.osvif.vendor: [state_dirr]", 20);
        drop(RunningContainerTest.vendor("1.0"), "vendor.jar");
        assertThat(awaitState("vendor.jar", "FAILED").path("error").asText()).contains("its configuration is refused: "
                + "etc/com.example.osvif.vendor.cfg: state_dirr = /tmp/nowhere: com.example.osvif.vendor has no key state_dirr;"
                + " did you mean state_dir?");
        // The same line was logged at the start: await one more of it.
        String applied = "configuration com.example.osvif.vendor: [state_dir]";
        int before = count(applied);
        Files.writeString(vendorCfg, good);
        awaitLogCount(applied, before + 1, 20);
        theContainerStillServes();
    }

    @Test
    @Order(9)
    void aBundleThatDoesNotResolveIsExplainedByItsRootCause() throws Exception {
        drop(BadBundles.exporting(home.resolve("n.build"), "test.nowhere", "org.example.nowhere", "1.0.0"), "nowhere.jar");
        awaitState("nowhere.jar", "ACTIVE");
        drop(BadBundles.unresolvable(RunningContainerTest.vendor("1.1"), home.resolve("u2.build"), "1.2.0"), "unresolvable.jar");
        String error = awaitState("unresolvable.jar", "FAILED").path("error").asText();
        assertThat(error).isEqualTo("cannot install: com.example.osvif.vendor 1.2.0 does not resolve: it imports "
                + "org.example.nowhere [9.0.0,10.0.0), and only another version is installed: test.nowhere 1.0.0 exports "
                + "org.example.nowhere 1.0.0");
        Files.delete(deploy.resolve("nowhere.jar"));
        awaitState("nowhere.jar", "UNINSTALLED");
        Files.delete(deploy.resolve("unresolvable.jar"));
        drop(BadBundles.unresolvable(RunningContainerTest.vendor("1.1"), home.resolve("u3.build"), "1.2.0"), "unresolvable.jar");
        awaitDeploy("unresolvable.jar", n -> n.path("error").asText().contains("no installed bundle exports org.example.nowhere in any version"));
        Files.delete(deploy.resolve("unresolvable.jar"));
        theContainerStillServes();
    }

    @Test
    @Order(10)
    void memoryComesBackAfterABigJarIsRemoved() throws Exception {
        long idle = rssKib();
        Path big = home.resolve("big.build");
        try (var in = new java.util.jar.JarInputStream(Files.newInputStream(RunningContainerTest.vendor("1.0")));
                var out = new java.util.jar.JarOutputStream(Files.newOutputStream(big), new java.util.jar.Manifest(in.getManifest()))) {
            out.putNextEntry(new java.util.jar.JarEntry("padding.bin"));
            byte[] random = new byte[1 << 20];
            java.util.Random r = new java.util.Random(13);
            for (int i = 0; i < 48; i++) { // incompressible: the jar is 48 MiB, under the 64 MiB cap
                r.nextBytes(random);
                out.write(random);
            }
            out.closeEntry();
        }
        drop(big, "big.jar");
        awaitState("big.jar", "ACTIVE");
        Files.delete(deploy.resolve("big.jar"));
        awaitState("big.jar", "UNINSTALLED");
        long after = rssKib();
        System.out.println("RSS idle " + idle + " KiB, after a 48 MiB jar came and went " + after + " KiB");
        assertThat(after).as("RSS after the big jar went, against idle " + idle + " KiB").isLessThan(idle * 3 / 2);
        theContainerStillServes();
    }

    long rssKib() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + container.pid() + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        throw new AssertionError("no VmRSS");
    }

    /** The one-line errors of a run (a container's start logs INFO lines on stderr too). */
    static List<String> errors(Osvif r) {
        return r.err.lines().filter(l -> l.startsWith("error:")).toList();
    }

    /** deploy/vendor.jar is reported FAILED and the last good 1.1.0 serves, from data/last-good. */
    JsonNode assertServesLastGood(String fileVersion) throws Exception {
        JsonNode d = awaitState("vendor.jar", "FAILED");
        assertThat(d.path("version").asText(null)).isEqualTo(fileVersion);
        assertThat(d.path("serving").asText()).isEqualTo("1.1.0");
        assertThat(d.path("served_from").asText()).isEqualTo("data/last-good/vendor.jar");
        JsonNode p = plugin("vendor_example");
        assertThat(p).as("the plugin serves").isNotNull();
        assertThat(p.path("version").asText()).isEqualTo("1.1.0");
        assertThat(p.path("served_from").asText()).isEqualTo("data/last-good/vendor.jar");
        assertThat(RunningContainerTest.vendorVifs(Osvif.viaSocket(home, "", "hostinfo").out)).contains("VIFVHostUser");
        return d;
    }
}
