package org.osvif.testsupport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A network namespace a test class makes ({@code ip netns add}) and removes, and the
 * independent oracle: {@code ip -n NS ...} reading state back as JSON.
 *
 * <p>How the test JVM reaches it: the netlink bundle's {@code Netlink.open(name)} runs a thread
 * that joins the namespace ({@code setns}) and makes the netlink socket, the {@code /proc/sys/net}
 * writes and any process there, so the JVM's other threads (and the host's interfaces) are never
 * touched. The name is unique on the host (prefix, pid, a counter): other test JVMs, and the
 * host's own namespaces, may be there at the same time.
 */
public final class TestNamespace implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger MADE = new AtomicInteger();

    private final String name;

    private TestNamespace(String name) {
        this.name = name;
    }

    /** Skips the test when not root, unless {@code CI=true}: then it fails. */
    public static void requireRoot() {
        Prerequisites.requireRoot("network namespaces");
    }

    /**
     * @param prefix a short prefix; a unique suffix is added
     * @return a new, empty namespace with {@code lo} up
     */
    public static TestNamespace create(String prefix) throws IOException, InterruptedException {
        requireRoot();
        String name = prefix + "-" + ProcessHandle.current().pid() + "-" + MADE.incrementAndGet();
        run("ip", "netns", "add", name);
        TestNamespace ns = new TestNamespace(name);
        try {
            ns.ip("link", "set", "lo", "up");
        } catch (IOException | InterruptedException | RuntimeException e) {
            ns.close();
            throw e;
        }
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

    /** Runs a command; fails the test on a non-zero exit or after {@link Processes#COMMAND_TIMEOUT}. @return stdout */
    public static String run(String... cmd) throws IOException, InterruptedException {
        return Processes.check(cmd);
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
