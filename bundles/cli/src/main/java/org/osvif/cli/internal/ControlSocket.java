package org.osvif.cli.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * {@code run/osvif.sock}: how one-shot commands reach a running container (the framing is in
 * {@link Frames}). Mode 0600 in a 0700 folder, and the peer's user is checked: only the user
 * running the container (or root) may use it. No network listener exists.
 *
 * <p>Bounded against careless or hostile clients: at most {@code maxClients} are served at once
 * (the next one is answered {@code busy}, exit 1); a client that sends nothing, or reads nothing,
 * for {@code timeout} is dropped; a request is read as a stream, never held whole (a plug line is
 * at most 4 MiB); accept failures (file descriptors exhausted) back off and log once per burst.
 * Results of a plug batch that its client did not confirm having read are logged.
 */
final class ControlSocket implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ControlSocket.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The commands a running container answers for the command line. */
    static final List<String> FORWARDED = List.of("hostinfo", "plug", "unplug", "plugins", "status", "stop", "metrics",
            "install");
    /** Commands that do not act on the host's network, answered from any network namespace. */
    static final Set<String> ANY_NAMESPACE = Set.of("status", "stop");
    /** The results of one request kept until its client confirms them: lines, and bytes. */
    private static final int HISTORY_LINES = 10_000;
    private static final int HISTORY_BYTES = 4 << 20;
    /** What a command served here runs after its client has had the answer (osvif stop). */
    private static final ThreadLocal<Runnable> AFTER_REPLY = new ThreadLocal<>();

    private final Path path;
    private final ServerSocketChannel server;
    private final long timeoutNanos;
    private final int maxClients;
    /** One per client being served: at most {@code maxClients}. */
    private final Semaphore slots;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService reaper;
    private final ScheduledExecutorService pinger;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final UserPrincipal me;
    private final UserPrincipal root;
    private final String netns;

    private ControlSocket(Path path, ServerSocketChannel server, Duration timeout, int maxClients) throws IOException {
        this.path = path;
        this.server = server;
        this.timeoutNanos = timeout.toNanos();
        this.maxClients = maxClients;
        // Resolved now, while file descriptors are plentiful: under fd pressure a name lookup
        // fails and the JDK names root "0", which a comparison by name would refuse.
        this.me = Files.getOwner(path);
        this.root = lookup("root");
        this.netns = ownNetns();
        AtomicInteger n = new AtomicInteger();
        this.slots = new Semaphore(maxClients);
        // Admission is by the slots, not by the pool's size: a handler frees its slot before its
        // client can see the connection end, and may then still be on its way back to the pool,
        // so a pool capped at maxClients would turn the next client away as busy.
        this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "osvif-control-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "osvif-control-timeouts");
            t.setDaemon(true);
            return t;
        });
        long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(50), timeoutNanos / 10);
        reaper.scheduleWithFixedDelay(this::dropStuckClients, tick, tick, TimeUnit.NANOSECONDS);
        // Its own thread: a ping blocked on a client that reads nothing must not stop the reaper,
        // which then drops that client and so unblocks it.
        this.pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "osvif-control-pings");
            t.setDaemon(true);
            return t;
        });
        // Often enough that a loaded host's scheduling delays stay far below a client's timeout.
        long ping = Math.max(TimeUnit.MILLISECONDS.toNanos(50), timeoutNanos / 10);
        pinger.scheduleWithFixedDelay(() -> clients.forEach(c -> c.ping(ping)), ping, ping, TimeUnit.NANOSECONDS);
    }

    static Path path() {
        return Embedded.home().resolve("run").resolve("osvif.sock");
    }

    /**
     * Binds {@code run/osvif.sock} (replacing a stale one: the caller holds the home's lock) and
     * serves until closed.
     */
    static ControlSocket serve(Duration timeout, int maxClients) throws IOException {
        Path sock = path();
        Files.deleteIfExists(sock);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(sock), 64);
        Files.setPosixFilePermissions(sock, PosixFilePermissions.fromString("rw-------"));
        ControlSocket s = new ControlSocket(sock, server, timeout, maxClients);
        Thread t = new Thread(s::accept, "osvif-control");
        t.setDaemon(true);
        t.start();
        return s;
    }

    /** Stops listening, drops the clients being served and removes the socket file. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "control socket: closing: " + e);
        }
        reaper.shutdownNow();
        pinger.shutdownNow();
        pool.shutdownNow();
        for (Client c : clients) {
            c.close();
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "control socket: removing " + path + ": " + e);
        }
    }

    /** Asks for {@code action} to run once this request's client has had its answer. */
    static void afterReply(Runnable action) {
        AFTER_REPLY.set(action);
    }

    private void accept() {
        int failures = 0;
        long backoff = 0;
        while (server.isOpen()) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
                // Out of file descriptors, typically: retrying at once only spins and floods the
                // log. One line per burst, then quiet, growing waits until accept works again.
                if (failures++ == 0) {
                    LOG.log(Level.WARNING, "control socket: cannot accept clients (" + e.getMessage()
                            + "); retrying quietly, at most once a second, until it works again");
                }
                backoff = Math.min(TimeUnit.SECONDS.toNanos(1), Math.max(TimeUnit.MILLISECONDS.toNanos(10), backoff * 2));
                LockSupport.parkNanos(backoff);
                continue;
            }
            if (failures > 0) {
                LOG.log(Level.WARNING, "control socket: accepting clients again after " + failures + " failed attempts");
                failures = 0;
                backoff = 0;
            }
            Client c = new Client(ch);
            if (!slots.tryAcquire()) {
                busy(c);
                continue;
            }
            try {
                pool.execute(() -> handle(c));
            } catch (RejectedExecutionException closing) {
                slots.release();
                busy(c);
            }
        }
    }

    /** Answers a client over the cap at once, from the accept thread: a few bytes never block. */
    private void busy(Client c) {
        try (c) {
            OutputStream out = ChannelStreams.out(c.ch);
            hello(out);
            byte[] msg = ("error: the container is busy: " + maxClients + " clients are being served; try again\n")
                    .getBytes(StandardCharsets.UTF_8);
            Frames.write(out, Frames.ERR, msg, 0, msg.length);
            Frames.writeExit(out, 1);
        } catch (IOException e) {
            // the client left already
        }
    }

    private static void hello(OutputStream out) throws IOException {
        byte[] h = JSON.writeValueAsBytes(Map.of("pid", ProcessHandle.current().pid(), "version", Version.of()));
        Frames.write(out, Frames.HELLO, h, 0, h.length);
        out.flush();
    }

    private void handle(Client c) {
        clients.add(c);
        Results results = null;
        String who = "?";
        try {
            InputStream in = c.in();
            OutputStream out = c.out();
            hello(out);
            UnixDomainPrincipal peer = c.ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!allowed(peer.user())) {
                LOG.log(Level.WARNING, "control socket: refused user {0}", peer.user().getName());
                refuse(out, 1, "error: user " + peer.user().getName() + " may not use this container");
                return;
            }
            JsonNode header;
            try {
                header = JSON.readTree(Frames.readHeader(in));
            } catch (com.fasterxml.jackson.core.JsonProcessingException bad) {
                header = null;
            }
            List<String> args = new ArrayList<>();
            if (header == null || !header.path("args").isArray() || header.path("args").isEmpty()) {
                refuse(out, 2, "error: bad request: expected one JSON line {\"args\": [...]}");
                return;
            }
            header.get("args").forEach(a -> args.add(a.asText()));
            if (!FORWARDED.contains(args.get(0))) {
                refuse(out, 2, "error: '" + args.get(0) + "' is not answered over the control socket (only "
                        + String.join(", ", FORWARDED) + ")");
                return;
            }
            long pid = header.path("pid").asLong(-1);
            who = "client pid " + (pid > 0 ? pid : "?") + " ('" + String.join(" ", args) + "')";
            String theirs = peerNetns(pid, peer.user(), header.path("netns").asText(null));
            if (theirs != null && netns != null && !theirs.equals(netns) && !ANY_NAMESPACE.contains(args.get(0))) {
                refuse(out, 2, "error: this command runs in network namespace " + theirs + " but the container on "
                        + Embedded.home().toAbsolutePath() + " (pid " + ProcessHandle.current().pid() + ") runs in "
                        + netns + ": it would act there, not here. Run it in " + netns
                        + ", or with --embedded to run it in a throw-away container in " + theirs);
                return;
            }
            Frames.InputFrames input = new Frames.InputFrames(in);
            boolean keep = args.get(0).equals("plug") || args.get(0).equals("unplug");
            results = keep ? new Results(who) : null;
            FrameOut o = new FrameOut(out, Frames.OUT, results);
            FrameOut e = new FrameOut(out, Frames.ERR, null);
            int exit;
            c.running = true;
            try {
                exit = Main.dispatch(args, input, new PrintStream(o, true, StandardCharsets.UTF_8),
                        new PrintStream(e, true, StandardCharsets.UTF_8));
            } finally {
                c.running = false;
            }
            o.flush();
            e.flush();
            if (o.broken || e.broken) {
                return;
            }
            Frames.writeExit(out, exit);
            // A command that reads no input leaves the client's end frame unread: take it (a
            // little, no more), so that closing does not reset the connection under the answer.
            byte[] rest = new byte[8192];
            for (int i = 0; i < 8 && !input.ended() && input.read(rest) != -1; i++) {
                // discarded
            }
            // Only a client that sent all its input and then says it read everything has had its
            // results; for the others they are logged below.
            if (input.ended() && in.read() == Frames.ACK && results != null) {
                results.confirmed();
            }
        } catch (Frames.Truncated | ClosedChannelException e) {
            LOG.log(Level.DEBUG, "control socket: " + who + ": " + e.getMessage());
        } catch (IOException e) {
            // A client that left (broken pipe, reset) is its own business; a dropped one is
            // logged below.
            LOG.log(Level.DEBUG, "control socket: " + who + ": " + e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "control socket: " + who + ": " + e);
        } finally {
            clients.remove(c);
            // The slot first: once the connection ends, the client may come back at once.
            slots.release();
            c.close();
            if (c.timedOut) {
                LOG.log(Level.WARNING, "control socket: " + who + ": no data for "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms, dropped");
            }
            if (results != null) {
                results.logUnconfirmed();
            }
            Runnable after = AFTER_REPLY.get();
            AFTER_REPLY.remove();
            if (after != null) {
                after.run();
            }
        }
    }

    private static void refuse(OutputStream out, int exit, String message) throws IOException {
        byte[] m = (message + "\n").getBytes(StandardCharsets.UTF_8);
        Frames.write(out, Frames.ERR, m, 0, m.length);
        Frames.writeExit(out, exit);
    }

    private boolean allowed(UserPrincipal user) {
        // By uid, not by name (see the constructor).
        return user.equals(me) || user.equals(root);
    }

    /**
     * The peer's network namespace: from {@code /proc/<pid>/ns/net} of the pid it names, when
     * that process belongs to the peer's user (the JDK's SO_PEERCRED gives the user, not the
     * pid); else what the client says of itself.
     */
    private static String peerNetns(long pid, UserPrincipal user, String claimed) {
        if (pid > 0) {
            Path proc = Path.of("/proc", Long.toString(pid));
            try {
                if (Files.getOwner(proc).equals(user)) {
                    return Files.readSymbolicLink(proc.resolve("ns/net")).toString();
                }
            } catch (IOException | UnsupportedOperationException e) {
                // gone, or not ours to read (a root client of a non-root container)
            }
        }
        return claimed;
    }

    static String ownNetns() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static UserPrincipal lookup(String name) {
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
        } catch (IOException e) {
            return null;
        }
    }

    /** Drops clients stuck in one read or write for longer than the timeout. */
    private void dropStuckClients() {
        long now = System.nanoTime();
        for (Client c : clients) {
            long r = c.readSince;
            long w = c.writeSince;
            if (r != 0 && now - r > timeoutNanos || w != 0 && now - w > timeoutNanos) {
                c.timedOut = true;
                c.close();
            }
        }
    }

    /** One connection, and since when its current read and write wait. */
    private static final class Client implements AutoCloseable {
        final SocketChannel ch;
        private final java.util.concurrent.locks.ReentrantLock writing = new java.util.concurrent.locks.ReentrantLock();
        private OutputStream out;
        /** When the read or the write in progress began (0: none); a read and a write may overlap. */
        volatile long readSince;
        volatile long writeSince;
        volatile long lastWrite = System.nanoTime();
        volatile boolean running;
        volatile boolean timedOut;

        Client(SocketChannel ch) {
            this.ch = ch;
        }

        InputStream in() {
            InputStream raw = ChannelStreams.in(ch);
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    readSince = System.nanoTime();
                    try {
                        return raw.read(b, off, len);
                    } finally {
                        readSince = 0;
                    }
                }
            };
        }

        synchronized OutputStream out() {
            if (out != null) {
                return out;
            }
            OutputStream raw = ChannelStreams.out(ch);
            out = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    writing.lock();
                    writeSince = System.nanoTime();
                    try {
                        raw.write(b, off, len);
                        lastWrite = System.nanoTime();
                    } finally {
                        writeSince = 0;
                        writing.unlock();
                    }
                }
            };
            return out;
        }

        /** While a command runs with nothing written for {@code quietNanos}: an empty ping frame. */
        void ping(long quietNanos) {
            if (!running || System.nanoTime() - lastWrite < quietNanos || !writing.tryLock()) {
                return;
            }
            try {
                Frames.write(out(), Frames.PING, new byte[0], 0, 0);
            } catch (IOException e) {
                // the command's next write fails the same way and reports it
            } finally {
                writing.unlock();
            }
        }

        @Override
        public void close() {
            try {
                ch.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /**
     * A command's stdout or stderr as frames, flushed at each line (PrintStream's autoflush). A
     * failed write marks it broken; from then on the output goes only to {@link Results}.
     */
    private static final class FrameOut extends OutputStream {
        private final OutputStream out;
        private final byte type;
        private final Results results;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
        boolean broken;

        FrameOut(OutputStream out, byte type, Results results) {
            this.out = out;
            this.type = type;
            this.results = results;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (results != null) {
                results.add(b, off, len, broken);
            }
            if (broken) {
                return;
            }
            buf.write(b, off, len);
            if (buf.size() >= 64 << 10) {
                flush();
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            if (broken || buf.size() == 0) {
                buf.reset();
                return;
            }
            byte[] b = buf.toByteArray();
            buf.reset();
            try {
                for (int off = 0; off < b.length; off += Frames.MAX_FRAME) {
                    Frames.write(out, type, b, off, Math.min(Frames.MAX_FRAME, b.length - off));
                }
                out.flush();
            } catch (IOException e) {
                broken = true;
                if (results != null) {
                    results.clientGone();
                }
                throw e;
            }
        }
    }

    /**
     * The result lines of one plug or unplug request, kept (bounded) until its client confirms it
     * read them; logged otherwise, so that a plug done for a client that went away is on record.
     */
    private static final class Results {
        private final String who;
        private final Deque<String> lines = new ArrayDeque<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private long bytes;
        private long dropped;
        private boolean gone;
        private boolean confirmed;

        Results(String who) {
            this.who = who;
        }

        synchronized void add(byte[] b, int off, int len, boolean afterGone) {
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    String line = partial.toString(StandardCharsets.UTF_8);
                    partial.reset();
                    if (afterGone) {
                        LOG.log(Level.WARNING, "control socket: result not delivered to " + who + ": " + line);
                    } else {
                        keep(line);
                    }
                } else if (partial.size() < HISTORY_BYTES) {
                    partial.write(b[i]);
                }
            }
        }

        private void keep(String line) {
            lines.add(line);
            bytes += line.length();
            while (lines.size() > HISTORY_LINES || bytes > HISTORY_BYTES) {
                bytes -= lines.removeFirst().length();
                dropped++;
            }
        }

        synchronized void clientGone() {
            if (!gone) {
                gone = true;
                logKept();
            }
        }

        synchronized void confirmed() {
            confirmed = true;
        }

        synchronized void logUnconfirmed() {
            if (!confirmed && !gone) {
                logKept();
            }
        }

        private void logKept() {
            if (lines.isEmpty() && dropped == 0) {
                return;
            }
            LOG.log(Level.WARNING, "control socket: " + who + " went away without confirming " + (lines.size() + dropped)
                    + " results; they follow" + (dropped > 0 ? " (the first " + dropped + " not kept)" : ""));
            for (String line : lines) {
                LOG.log(Level.WARNING, "control socket: result not confirmed by " + who + ": " + line);
            }
            lines.clear();
            dropped = 0;
        }
    }

    /** @return the container's side of a status line: pid and the socket's limits */
    Map<String, Object> limits() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clients", clients.size());
        m.put("max_clients", maxClients);
        m.put("timeout_ms", TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        return m;
    }
}
