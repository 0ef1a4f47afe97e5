package org.osvif.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The control socket against careless and hostile clients, on one shared {@code osvif run}
 * process (OSVIF_TIMEOUT=2 s, OSVIF_MAX_CLIENTS=8): huge bodies, idle clients, exhausted file
 * descriptors, a client that leaves in the middle of a batch, a stopped container, another network
 * namespace. Each test ends with the container answering hostinfo within a second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlSocketTest {

    static final int MAX_CLIENTS = 8;
    Path home;
    RunningOsvif container;

    @BeforeAll
    void start() throws Exception {
        home = Files.createTempDirectory("osvif-control-");
        container = RunningOsvif.start(home, Map.of("OSVIF_TIMEOUT", "2", "OSVIF_MAX_CLIENTS", Integer.toString(MAX_CLIENTS)));
    }

    @AfterEach
    void stillServes() throws Exception {
        container.answersHostInfoWithinASecond();
    }

    @AfterAll
    void stop() throws Exception {
        assertThat(container.terminate()).as("SIGTERM exits 0\n" + container.log()).isZero();
        assertThat(home.resolve("run/osvif.sock")).doesNotExist();
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    SocketChannel connect() throws IOException {
        return SocketChannel.open(UnixDomainSocketAddress.of(home.resolve("run/osvif.sock")));
    }

    /** The answer to one raw connection: exit code (or -1 if the container closed without one) and stderr. */
    record Answer(int exit, String out, String err) {
    }

    static Answer answer(SocketChannel ch) throws IOException {
        DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        while (true) {
            int type;
            byte[] b;
            try {
                type = in.read();
                if (type == -1) {
                    return new Answer(-1, out.toString(), err.toString());
                }
                b = in.readNBytes(in.readInt());
            } catch (IOException e) {
                return new Answer(-1, out.toString(), err.toString() + e);
            }
            switch (type) {
                case 'o' -> out.append(new String(b, StandardCharsets.UTF_8));
                case 'e' -> err.append(new String(b, StandardCharsets.UTF_8));
                case 'x' -> {
                    return new Answer(ByteBuffer.wrap(b).getInt(), out.toString(), err.toString());
                }
                default -> {
                }
            }
        }
    }

    /** Sends {@code total} bytes of input frames made of {@code chunk}, repeated; stops when the container closes. */
    static long stream(DataOutputStream o, byte[] chunk, long total) {
        long sent = 0;
        try {
            while (sent < total) {
                o.writeInt(chunk.length);
                o.write(chunk);
                sent += chunk.length;
            }
            o.writeInt(0);
            o.flush();
        } catch (IOException closed) {
            // the container refused the rest
        }
        return sent;
    }

    @Test
    void twoGigabytesOfInputAreStreamedInBoundedMemory() throws Exception {
        long before = container.procStatus("VmRSS");
        // 2 GiB of blank lines, 1 MiB each: read line by line and skipped, never held whole.
        byte[] line = new byte[1 << 20];
        Arrays.fill(line, (byte) ' ');
        line[line.length - 1] = '\n';
        try (SocketChannel ch = connect()) {
            DataOutputStream o = new DataOutputStream(Channels.newOutputStream(ch));
            o.write(Osvif.header("plug").getBytes(StandardCharsets.UTF_8));
            long sent = stream(o, line, 2L << 30);
            assertThat(sent).isEqualTo(2L << 30);
            Answer a = answer(ch);
            assertThat(a.exit()).as(a.toString()).isZero();
        }
        long after = container.procStatus("VmRSS");
        assertThat(after - before).as("RSS growth in kB after 2 GiB of input").isLessThan(256 * 1024);

        // One line of 64 MiB: refused once it passes 4 MiB, the rest never read.
        try (SocketChannel ch = connect()) {
            DataOutputStream o = new DataOutputStream(Channels.newOutputStream(ch));
            o.write(Osvif.header("plug").getBytes(StandardCharsets.UTF_8));
            byte[] x = new byte[1 << 20];
            Arrays.fill(x, (byte) 'x');
            long sent = stream(o, x, 64L << 20);
            Answer a = answer(ch);
            assertThat(a.exit()).as(a + " after " + sent + " bytes").isEqualTo(2);
            assertThat(a.err()).startsWith("error: line 1: ").contains("4 MiB");
        }
        assertThat(container.procStatus("VmRSS") - before).as("RSS growth in kB").isLessThan(256 * 1024);
    }

    @Test
    void clientsOverTheCapAreTurnedAwayAndSilentOnesDropped() throws Exception {
        long threadsBefore = container.procStatus("Threads");
        List<SocketChannel> slow = new ArrayList<>();
        List<SocketChannel> idle = new ArrayList<>();
        java.util.concurrent.ScheduledExecutorService trickle = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            // As many slow plug clients as the cap: each sends a blank line every 300 ms, so
            // none is dropped for silence while they fill every slot.
            for (int i = 0; i < MAX_CLIENTS; i++) {
                SocketChannel ch = connect();
                ch.write(ByteBuffer.wrap(Osvif.header("plug").getBytes(StandardCharsets.UTF_8)));
                DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
                assertThat(in.read()).as("hello").isEqualTo('h');
                in.readNBytes(in.readInt());
                slow.add(ch);
            }
            java.util.concurrent.ScheduledFuture<?> dripping = trickle.scheduleAtFixedRate(() -> {
                for (SocketChannel ch : slow) {
                    try {
                        ch.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 1, '\n'}));
                    } catch (IOException e) {
                        // dropped: the test sees it below
                    }
                }
            }, 0, 300, TimeUnit.MILLISECONDS);
            for (int i = 0; i < 4 * MAX_CLIENTS; i++) {
                idle.add(connect());
            }
            // The command line over the cap: 'busy', exit 1, at once.
            Osvif busy = Osvif.run(List.of(), home, "", "hostinfo");
            assertThat(busy.exit).as(busy.toString()).isEqualTo(1);
            assertThat(busy.err).startsWith("error: the container is busy");
            assertThat(container.procStatus("Threads") - threadsBefore).as("threads for " + (slow.size() + idle.size())
                    + " clients").isLessThanOrEqualTo(MAX_CLIENTS + 6); // + the JVM's own, e.g. compiler threads it adds
            for (SocketChannel ch : idle) {
                Answer a = answer(ch);
                assertThat(a.exit()).as(a.toString()).isEqualTo(1);
                assertThat(a.err()).contains("busy");
            }
            // Silent from now on: each slow client is dropped after OSVIF_TIMEOUT (2 s), no answer.
            dripping.cancel(false);
            int mark = container.mark();
            long start = System.nanoTime();
            for (SocketChannel ch : slow) {
                assertThat(answer(ch).exit()).isEqualTo(-1);
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(ms).as("silent clients dropped after the 2 s timeout").isBetween(1000L, 15_000L);
            container.awaitLine(mark, l -> l.contains("no data for 2000 ms, dropped"), 10);
        } finally {
            trickle.shutdownNow();
            for (SocketChannel ch : slow) {
                ch.close();
            }
            for (SocketChannel ch : idle) {
                ch.close();
            }
        }
    }

    @Test
    void exhaustedFileDescriptorsBackOffQuietlyAndRootIsStillRoot() throws Exception {
        String limit = Files.readAllLines(Path.of("/proc", Long.toString(container.pid()), "limits")).stream()
                .filter(l -> l.startsWith("Max open files")).findFirst().orElseThrow();
        long soft = Long.parseLong(limit.split("\\s+")[3]);
        long open;
        try (var fds = Files.list(Path.of("/proc", Long.toString(container.pid()), "fd"))) {
            open = fds.count();
        }
        // Room for one more descriptor: accept takes it, so the user of the peer cannot be looked
        // up by name any more (the JDK then names root "0"); root must still be served.
        prlimit(open + 1);
        List<SocketChannel> flood = new ArrayList<>();
        try {
            Osvif root = Osvif.viaSocket(home, "", "hostinfo");
            assertThat(root.exit).as(root.toString()).isZero();
            assertThat(container.log()).doesNotContain("refused user");
            // No room at all: accept fails for every client; one log line for the whole burst.
            prlimit(open + 8);
            int mark = logged();
            long bursts = container.count(l -> l.contains("cannot accept clients"));
            prlimit(open);
            for (int i = 0; i < 40; i++) {
                flood.add(connect());
            }
            container.awaitLine(mark, l -> l.contains("cannot accept clients"), 10);
            for (SocketChannel ch : flood) {
                ch.close();
            }
            prlimit(soft);
            container.awaitLine(mark, l -> l.contains("accepting clients again"), 10);
            assertThat(container.count(l -> l.contains("cannot accept clients")) - bursts).as(container.log()).isEqualTo(1);
        } finally {
            prlimit(soft);
        }
    }

    private int sentinels;

    /**
     * @return a mark in the container's log after everything it logged so far: a plug client that
     *         leaves mid-batch is logged at once, and its line arrives after every earlier one
     */
    int logged() throws Exception {
        sentinels++;
        try (SocketChannel ch = connect()) {
            DataOutputStream o = new DataOutputStream(Channels.newOutputStream(ch));
            o.write(Osvif.header("plug").getBytes(StandardCharsets.UTF_8));
            byte[] line = (CommandsTest.request(60 + sentinels, "noop") + "\n").getBytes(StandardCharsets.UTF_8);
            o.writeInt(line.length);
            o.write(line);
            o.flush();
            DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
            int type;
            do {
                type = in.read();
                in.readNBytes(in.readInt());
            } while (type != 'o');
        }
        String vif = String.format("00000000-0000-0000-0000-0000000000%02d", 60 + sentinels);
        container.awaitLine(l -> l.contains("result not confirmed") && l.contains(vif), 10);
        return container.mark();
    }

    void prlimit(long n) throws Exception {
        Process p = new ProcessBuilder("prlimit", "--pid", Long.toString(container.pid()), "--nofile=" + n + ":")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    @Test
    void theResultsOfAClientThatLeavesMidBatchAreLogged() throws Exception {
        String noop1 = CommandsTest.request(41, "noop");
        String noop2 = CommandsTest.request(42, "noop");
        try (SocketChannel ch = connect()) {
            DataOutputStream o = new DataOutputStream(Channels.newOutputStream(ch));
            o.write(Osvif.header("plug").getBytes(StandardCharsets.UTF_8));
            byte[] lines = (noop1 + "\n" + noop2 + "\n").getBytes(StandardCharsets.UTF_8);
            o.writeInt(lines.length);
            o.write(lines);
            o.flush();
            // both plugged (their results read), then the client goes away before the end of its input
            DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
            int results = 0;
            while (results < 2) {
                int type = in.read();
                byte[] b = in.readNBytes(in.readInt());
                if (type == 'o') {
                    results += new String(b, StandardCharsets.UTF_8).split("\n").length;
                }
            }
        }
        container.awaitLine(l -> l.contains("went away without confirming 2 results"), 10);
        container.awaitLine(l -> l.contains("result not confirmed") && l.contains("00000000-0000-0000-0000-000000000041"), 10);
        container.awaitLine(l -> l.contains("result not confirmed") && l.contains("00000000-0000-0000-0000-000000000042"), 10);

        // A complete batch whose client leaves without confirming the answer: logged too.
        try (SocketChannel ch = connect()) {
            DataOutputStream o = new DataOutputStream(Channels.newOutputStream(ch));
            o.write(Osvif.header("unplug").getBytes(StandardCharsets.UTF_8));
            byte[] lines = (CommandsTest.request(43, "noop") + "\n").getBytes(StandardCharsets.UTF_8);
            o.writeInt(lines.length);
            o.write(lines);
            o.writeInt(0);
            o.flush();
            // leaves once its unplug is done, without reading the end of the answer or confirming it
            DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
            int type;
            do {
                type = in.read();
                in.readNBytes(in.readInt());
            } while (type != 'o');
        }
        container.awaitLine(l -> l.contains("result not confirmed") && l.contains("00000000-0000-0000-0000-000000000043"), 10);
    }

    @Test
    void aMalformedRequestOrACommandTheSocketDoesNotServeIsRefused() throws Exception {
        for (String header : List.of("not json\n", "{\"args\": []}\n", Osvif.header("run"), Osvif.header("bench", "plug"))) {
            try (SocketChannel ch = connect()) {
                ch.write(ByteBuffer.wrap((header).getBytes(StandardCharsets.UTF_8)));
                Answer a = answer(ch);
                assertThat(a.exit()).as(header + a).isEqualTo(2);
                assertThat(a.err()).startsWith("error: ");
            }
        }
    }

    @Test
    void aStoppedContainerIsGivenUpOnAfterTheTimeout() throws Exception {
        signal("STOP");
        Osvif r;
        try {
            ProcessBuilder pb = new ProcessBuilder(Osvif.BIN.toString(), "hostinfo");
            pb.environment().put("OSVIF_HOME", home.toString());
            pb.environment().put("OSVIF_TIMEOUT", "1");
            Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("hostinfo gave up").isTrue();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(err).isEqualTo(1);
            assertThat(err).startsWith("error: the container on " + home).contains("(pid " + container.pid() + ")")
                    .contains("did not answer within 1.0 s");
            assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
        } finally {
            signal("CONT");
        }
    }

    void signal(String sig) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + sig, Long.toString(container.pid())).start().waitFor()).isZero();
    }

    @Test
    void aCommandFromAnotherNetworkNamespaceIsRefusedAndEmbeddedRunsThere() throws Exception {
        String ns = "osvif-cs-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;
        exec("ip", "netns", "add", ns);
        try {
            String theirs = exec("ip", "netns", "exec", ns, "readlink", "/proc/self/ns/net").trim();
            String ours = Files.readSymbolicLink(Path.of("/proc", Long.toString(container.pid()), "ns/net")).toString();
            assertThat(theirs).isNotEqualTo(ours);
            Osvif refused = Osvif.run(List.of("ip", "netns", "exec", ns), home, CommandsTest.request(51, "noop") + "\n", "plug");
            assertThat(refused.exit).as(refused.toString()).isEqualTo(2);
            assertThat(refused.err).startsWith("error: ").contains(theirs).contains(ours).contains("--embedded");
            assertThat(refused.out).isEmpty();
            Osvif embedded = Osvif.run(List.of("ip", "netns", "exec", ns), home, CommandsTest.request(51, "noop") + "\n",
                    "plug", "--embedded");
            assertThat(embedded.exit).as(embedded.toString()).isZero();
            assertThat(embedded.out).contains("\"ok\":true");
            // status is about the container, not the network: answered from anywhere
            Osvif status = Osvif.run(List.of("ip", "netns", "exec", ns), home, "", "status");
            assertThat(status.exit).as(status.toString()).isZero();
            assertThat(home.resolve("run/osvif.sock")).exists();
        } finally {
            exec("ip", "netns", "del", ns);
        }
    }

    static String exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }
}
