package org.osvif.netlink;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Assumptions;

/**
 * A network namespace a test class makes ({@code ip netns add}) and removes, and the
 * independent oracle: {@code ip -n NS ...} reading state back as JSON.
 *
 * <p>How the test JVM reaches it: {@link Netlink#open(String)} runs a thread that joins the
 * namespace ({@code setns}) and makes the netlink socket, the {@code /proc/sys/net} writes and
 * any process there, so the JVM's other threads (and the host's interfaces) are never touched.
 */
public final class TestNamespace implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;

    private TestNamespace(String name) {
        this.name = name;
    }

    /**
     * Skips the test when not root, unless {@code CI=true}: then it fails.
     */
    public static void requireRoot() {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            if ("true".equals(System.getenv("CI"))) {
                fail("these tests need root (network namespaces); CI runs them as root");
            }
            Assumptions.assumeTrue(false, "not root: network namespace tests skipped");
        }
    }

    /**
     * @param prefix a short prefix; a unique suffix is added
     * @return a new, empty namespace with {@code lo} up
     */
    public static TestNamespace create(String prefix) throws IOException, InterruptedException {
        requireRoot();
        String name = prefix + "-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime() & 0xffff);
        run("ip", "netns", "add", name);
        TestNamespace ns = new TestNamespace(name);
        ns.ip("link", "set", "lo", "up");
        return ns;
    }

    /** @return the namespace's name */
    public String name() {
        return name;
    }

    /** Runs {@code ip -n NAME ARGS...}; fails the test on a non-zero exit. @return stdout */
    public String ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    /** Runs a command inside the namespace ({@code ip netns exec}). @return stdout */
    public String exec(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    /** @return {@code ip -d -j link show dev NAME} as JSON, or null when it does not exist */
    public JsonNode link(String dev) throws IOException, InterruptedException {
        for (JsonNode l : JSON.readTree(ip("-d", "-j", "link", "show"))) {
            if (l.path("ifname").asText().equals(dev)) {
                return l;
            }
        }
        return null;
    }

    /** @return {@code ip -j link show} as JSON */
    public JsonNode links() throws IOException, InterruptedException {
        return JSON.readTree(ip("-d", "-j", "link", "show"));
    }

    /** @return the {@code addr_info} of {@code ip -j addr show dev NAME} */
    public JsonNode addresses(String dev) throws IOException, InterruptedException {
        JsonNode a = JSON.readTree(ip("-j", "addr", "show", "dev", dev));
        return a.size() == 0 ? JSON.createArrayNode() : a.get(0).path("addr_info");
    }

    /** @return {@code ip -j route show ARGS} */
    public JsonNode routes(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("-j", "route", "show"));
        cmd.addAll(List.of(args));
        return JSON.readTree(ip(cmd.toArray(String[]::new)));
    }

    /** Runs a command; fails the test on a non-zero exit. @return stdout */
    public static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + new String(err, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        try {
            run("ip", "netns", "del", name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted removing network namespace " + name, e);
        }
    }
}
