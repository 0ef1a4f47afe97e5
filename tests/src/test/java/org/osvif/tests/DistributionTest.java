package org.osvif.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osvif.objects.Network;
import org.osvif.objects.Primitives;
import org.osvif.objects.VIFOpenVSwitch;
import org.osvif.objects.VIFPortProfileOpenVSwitch;
import org.osvif.testsupport.OvsSandbox;

/**
 * The distribution archive as a host gets it: {@code runtime/target/osvif-VERSION.tar.gz}
 * unpacked into a temporary folder and run from there, as root and as the least-privileged
 * service would run it: a user of its own holding CAP_NET_ADMIN and CAP_NET_RAW only, plugging
 * through linux_bridge and ovs in a test namespace with a test Open vSwitch.
 */
class DistributionTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final List<Path> cleanup = new ArrayList<>();
    String user;

    @AfterEach
    void remove() throws Exception {
        for (Path p : cleanup) {
            try (var files = Files.walk(p)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        if (user != null) {
            exec("userdel", user);
        }
    }

    static Path archive() throws IOException {
        try (var s = Files.newDirectoryStream(Osvif.TOP.resolve("runtime/target"), "osvif-*.tar.gz")) {
            List<Path> found = new ArrayList<>();
            s.forEach(found::add);
            assertThat(found).as("built by the runtime module").hasSize(1);
            return found.get(0);
        }
    }

    /** @return the folder the archive unpacked into, in a fresh 0755 temporary folder */
    Path unpack() throws Exception {
        Path dir = Files.createTempDirectory("osvif-dist-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        cleanup.add(dir);
        exec("tar", "-xzf", archive().toString(), "-C", dir.toString());
        String name = archive().getFileName().toString().replace(".tar.gz", "");
        Path top = dir.resolve(name);
        for (String d : List.of("bin", "lib", "bundles", "features", "etc", "packaging/systemd", "docs")) {
            assertThat(top.resolve(d)).as(d).isDirectory();
        }
        return top;
    }

    @Test
    void unpackedAnywhereItRunsWithThatFolderAsItsHome() throws Exception {
        Path top = unpack();
        String version = top.getFileName().toString().substring("osvif-".length());
        Path bin = top.resolve("bin/osvif");

        List<String> v = run(bin, "--version");
        assertThat(v.get(0)).isEqualTo("osvif " + version);
        assertThat(String.join("\n", v)).contains("  org.osvif.core ", "  org.osvif.plug.ovs ", "  org.osvif.plug.linux_bridge ",
                "  org.osvif.cli ", "  org.osvif.launcher ");

        // No OSVIF_HOME: the container's home is the unpacked folder (its etc/ with the commented defaults).
        List<String> hostinfo = run(bin, "hostinfo");
        JsonNode info = JSON.readTree(hostinfo.get(0));
        assertThat(info.at("/versioned_object.data/plugin_info").findValuesAsText("plugin_name"))
                .contains("noop", "ovs", "linux_bridge");
        ProcessBuilder pb = new ProcessBuilder(bin.toString(), "run", "--no-console").redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove("OSVIF_HOME");
        Process p = pb.start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.contains("container running, pid ")) {
                // the start's log
            }
            assertThat(line).as("osvif run started").isNotNull().contains("home " + top);
            assertThat(top.resolve("run/osvif.sock")).exists();
            List<String> status = run(bin, "status");
            assertThat(JSON.readTree(status.get(0)).get("home").asText()).isEqualTo(top.toString());
            assertThat(run(bin, "stop").get(0)).contains("\"stopped\": " + p.pid());
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    /** Runs the unpacked bin/osvif without OSVIF_HOME; asserts exit 0; returns its stdout lines. */
    static List<String> run(Path bin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(bin.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove("OSVIF_HOME");
        pb.environment().remove("OSVIF_BUNDLES");
        pb.environment().remove("OSVIF_FEATURES");
        Process p = pb.start();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out + err.join()).isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void aUserWithOnlyNetAdminAndNetRawPlugsThroughLinuxBridgeAndOvs() throws Exception {
        try (OvsSandbox ovs = OvsSandbox.start(true)) {
            user = "osvif-t" + Long.toString(System.nanoTime() % 1_000_000, 36);
            exec("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", user);
            Path top = unpack();
            Path sock = ovs.dir.resolve("db.sock");
            // What the service needs of OVSDB: read and write on its socket (here by ownership;
            // on a host by the socket's group, docs/operations.md).
            exec("chmod", "0755", ovs.dir.toString());
            exec("chown", user, sock.toString());
            Files.writeString(top.resolve("etc/org.osvif.plug.ovs.cfg"), "ovsdb_connection = " + ovs.db + "\n");
            exec("chown", "-R", user + ":" + user, top.toString());

            // Exactly what the systemd unit grants: its AmbientCapabilities and CapabilityBoundingSet
            // (the same set), its UMask and its NoNewPrivileges, read from the unit shipped.
            Map<String, String> unit = unit(top.resolve("packaging/systemd/osvif.service"));
            assertThat(unit.get("CapabilityBoundingSet")).isEqualTo(unit.get("AmbientCapabilities"));
            String caps = "-all," + String.join(",", java.util.Arrays.stream(unit.get("AmbientCapabilities").split("\\s+"))
                    .map(c -> "+" + c.replaceFirst("^CAP_", "").toLowerCase(java.util.Locale.ROOT)).toList());
            assertThat(caps).isEqualTo("-all,+net_admin,+net_raw");
            List<String> prefix = new ArrayList<>(List.of("ip", "netns", "exec", ovs.netns,
                    "sh", "-c", "umask " + unit.get("UMask") + " && exec \"$@\"", "sh",
                    "setpriv", "--reuid", user, "--regid", user, "--init-groups",
                    "--inh-caps", caps, "--ambient-caps", caps, "--bounding-set", caps));
            if ("yes".equals(unit.get("NoNewPrivileges"))) {
                prefix.add("--no-new-privs");
            }
            try (RunningOsvif c = RunningOsvif.launch(top.resolve("bin/osvif"), prefix, top, Map.of())) {
                c.awaitLine(l -> l.contains("container running, pid "), 120);
                // It runs as that user, with exactly those two capabilities (bits 12 and 13).
                assertThat(c.procStatus("Uid")).isNotZero();
                String status = Files.readString(Path.of("/proc", Long.toString(c.pid()), "status"));
                assertThat(status).contains("CapEff:\t0000000000003000").contains("CapBnd:\t0000000000003000")
                        .contains("Umask:\t" + unit.get("UMask")).contains("NoNewPrivs:\t1");

                List<String> inNs = List.of("ip", "netns", "exec", ovs.netns);
                String lb = "{\"vif\": " + LinuxBridgeTest.vif(5, "brlp5", true) + ", \"instance_info\": " + CommandsTest.INSTANCE + "}";
                Osvif plugged = Osvif.run(inNs, top, lb + "\n", "plug");
                if (plugged.exit != 0) {
                    throw new AssertionError(plugged + "\n" + c.log() + "\n" + c.threadDump());
                }
                assertThat(exec("ip", "-n", ovs.netns, "-d", "link", "show", "brlp5")).contains("bridge");
                assertThat(exec("ip", "netns", "exec", ovs.netns, "iptables-save")).contains("-A osvif-FORWARD -o brlp5 -j DROP");

                VIFOpenVSwitch vif = VIFOpenVSwitch.builder().id("b679325f-ca89-4ee0-a8be-6db1409b0006")
                        .address("ca:fe:de:ad:be:06").plugin("ovs").vifName("tlp6").bridgeName("br-int")
                        .network(Network.builder().id("437c6db5-4e6f-4b43-b64b-ed6a11ee5ba7").bridge("br-int").mtu(1400L).build())
                        .portProfile(new VIFPortProfileOpenVSwitch.Plain().interfaceId("e65867e0-9340-4a7f-a256-09af6eb70006")
                                .profileId("").datapathType("netdev").createPort(true).createTap(true).build())
                        .build();
                String ovsLine = "{\"vif\": " + Primitives.toJson(vif) + ", \"instance_info\": " + CommandsTest.INSTANCE + "}";
                Osvif ovsPlugged = Osvif.run(inNs, top, ovsLine + "\n", "plug");
                assertThat(ovsPlugged.exit).as(ovsPlugged + "\n" + c.log()).isZero();
                assertThat(ovs.vsctl("list-ports", "br-int")).contains("tlp6");
                // the tap, made through netlink with CAP_NET_ADMIN alone
                assertThat(exec("ip", "-n", ovs.netns, "-d", "link", "show", "tlp6")).contains("tun");
                Osvif ovsUnplugged = Osvif.run(inNs, top, ovsLine + "\n", "unplug");
                assertThat(ovsUnplugged.exit).as(ovsUnplugged.toString()).isZero();
                assertThat(ovs.vsctl("list-ports", "br-int")).doesNotContain("tlp6");

                c.answersHostInfoWithinASecond();
                assertThat(c.terminate()).as(c.log()).isZero();
            }
        }
    }

    /** @return the unit's {@code Key=value} lines (the last of a key wins, as systemd reads a plain value) */
    static Map<String, String> unit(Path file) throws IOException {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && !line.startsWith("[") && eq > 0) {
                out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return out;
    }

    static String exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }
}
