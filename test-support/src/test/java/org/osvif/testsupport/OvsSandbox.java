package org.osvif.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Open vSwitch for one test class: a fresh network namespace ({@link TestNamespace}),
 * ovsdb-server on a unix socket in a temporary folder and ovs-vswitchd with the userspace
 * (netdev) datapath, stopped by the pids of their pidfiles; the host's own Open vSwitch is never
 * touched. Needs root; under {@code CI=true} a missing prerequisite fails instead of skipping.
 */
public final class OvsSandbox implements AutoCloseable {

    public final Path dir;
    /** The namespace's name */
    public final String netns;
    public final String db;
    private final TestNamespace ns;
    private final boolean vswitchd;

    private OvsSandbox(Path dir, TestNamespace ns, boolean vswitchd) {
        this.dir = dir;
        this.ns = ns;
        this.netns = ns.name();
        this.db = "unix:" + dir.resolve("db.sock");
        this.vswitchd = vswitchd;
    }

    /** Skips (or under CI=true fails) when the test cannot run here. */
    public static void requireRoot() {
        Prerequisites.requireRoot("network namespaces, Open vSwitch");
        Prerequisites.require(Files.isExecutable(Path.of("/usr/sbin/ovsdb-server")), "openvswitch-switch");
    }

    /**
     * @param withVswitchd also start ovs-vswitchd and create br-int (netdev)
     * @return a running sandbox
     */
    public static OvsSandbox start(boolean withVswitchd) throws IOException, InterruptedException {
        requireRoot();
        Path dir = Files.createTempDirectory("osvif-ovs");
        OvsSandbox s = new OvsSandbox(dir, TestNamespace.create("osvif-ovs"), withVswitchd);
        try {
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

    /**
     * Runs a command, returns stdout (trimmed), throws with stderr on a non-zero exit or after
     * {@link Processes#COMMAND_TIMEOUT}. OVS's tools put their control sockets and pidfiles in
     * {@code OVS_RUNDIR}: a temporary folder, never the host's {@code /var/run/openvswitch}.
     */
    public static String run(String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OVS_RUNDIR", System.getProperty("java.io.tmpdir"));
        return Processes.run(pb, "", Processes.COMMAND_TIMEOUT).ok().out().trim();
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
                ns.close();
                try (Stream<Path> w = Files.walk(dir)) {
                    w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            } catch (IOException e) {
                throw new IllegalStateException("removing " + netns, e);
            }
        }
    }
}
