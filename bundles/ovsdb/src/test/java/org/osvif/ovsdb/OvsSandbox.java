package org.osvif.ovsdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * Open vSwitch for one test class: a fresh network namespace, ovsdb-server on a unix socket in
 * a temporary folder and ovs-vswitchd with the userspace (netdev) datapath, stopped by the pids
 * of their pidfiles. Needs root; under {@code CI=true} a missing prerequisite fails instead of
 * skipping.
 */
public final class OvsSandbox implements AutoCloseable {

    public final Path dir;
    public final String netns;
    public final String db;
    private final boolean vswitchd;

    private OvsSandbox(Path dir, String netns, boolean vswitchd) {
        this.dir = dir;
        this.netns = netns;
        this.db = "unix:" + dir.resolve("db.sock");
        this.vswitchd = vswitchd;
    }

    /** Skips (or under CI=true fails) when the test cannot run here. */
    public static void requireRoot() {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean ovs = Files.isExecutable(Path.of("/usr/sbin/ovsdb-server"));
        if ("true".equals(System.getenv("CI"))) {
            if (!root || !ovs) {
                throw new AssertionError("CI=true: OVS tests need root and openvswitch-switch");
            }
            return;
        }
        Assumptions.assumeTrue(root, "needs root");
        Assumptions.assumeTrue(ovs, "needs openvswitch-switch");
    }

    /**
     * @param withVswitchd also start ovs-vswitchd and create br-int (netdev)
     * @return a running sandbox
     */
    public static OvsSandbox start(boolean withVswitchd) throws IOException, InterruptedException {
        requireRoot();
        Path dir = Files.createTempDirectory("osvif-ovs");
        String ns = "osvif-" + UUID.randomUUID().toString().substring(0, 8);
        OvsSandbox s = new OvsSandbox(dir, ns, withVswitchd);
        try {
            run("ip", "netns", "add", ns);
            run("ovsdb-tool", "create", dir.resolve("conf.db").toString(), "/usr/share/openvswitch/vswitch.ovsschema");
            s.startOvsdb();
            s.vsctl("--no-wait", "init");
            if (withVswitchd) {
                s.inNs("ovs-vswitchd", s.db, "--pidfile=" + dir.resolve("vswitchd.pid"), "--detach",
                        "--log-file=" + dir.resolve("vswitchd.log"), "--unixctl=" + dir.resolve("vswitchd.ctl"));
                s.vsctl("add-br", "br-int", "--", "set", "bridge", "br-int", "datapath_type=netdev");
            }
            return s;
        } catch (IOException | RuntimeException | Error e) {
            s.close();
            throw e;
        }
    }

    /** Starts ovsdb-server (again) on the same database file. */
    public void startOvsdb() throws IOException, InterruptedException {
        inNs("ovsdb-server", dir.resolve("conf.db").toString(), "--remote=punix:" + dir.resolve("db.sock"),
                "--pidfile=" + dir.resolve("ovsdb.pid"), "--detach", "--log-file=" + dir.resolve("ovsdb.log"),
                "--unixctl=" + dir.resolve("ovsdb.ctl"));
    }

    /** Kills ovsdb-server hard (SIGKILL) and waits until it is gone. */
    public void killOvsdb() throws Exception {
        stop("ovsdb.pid", true);
    }

    private void inNs(String... cmd) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        c.addAll(List.of(cmd));
        run(c.toArray(String[]::new));
    }

    /** @return ovs-vsctl's output for {@code args} against this database */
    public String vsctl(String... args) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("ovs-vsctl", "--db=" + db, "--timeout=20"));
        c.addAll(List.of(args));
        return run(c.toArray(String[]::new));
    }

    /** Runs a command, returns stdout, throws with stderr on a non-zero exit. */
    public static String run(String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OVS_RUNDIR", System.getProperty("java.io.tmpdir"));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + new String(err, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8).trim();
    }

    private void stop(String pidfile, boolean kill) throws Exception {
        Path f = dir.resolve(pidfile);
        if (!Files.exists(f)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(f).trim());
        var h = ProcessHandle.of(pid);
        if (h.isPresent()) {
            run("kill", kill ? "-KILL" : "-TERM", Long.toString(pid));
            h.get().onExit().get(30, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(f);
    }

    @Override
    public void close() {
        try {
            if (vswitchd) {
                stop("vswitchd.pid", false);
            }
            stop("ovsdb.pid", false);
        } catch (Exception e) {
            throw new IllegalStateException("stopping OVS in " + dir, e);
        } finally {
            try {
                run("ip", "netns", "del", netns);
                try (Stream<Path> w = Files.walk(dir)) {
                    w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("removing " + netns, e);
            }
        }
    }
}
