package org.osvif.cli.internal;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The command line's side of {@code run/osvif.sock}: sends the command and streams its input
 * while the answer streams back. Never hangs: a container that sends nothing for
 * {@code OSVIF_TIMEOUT} seconds (default 10) is given up on, exit 1. Never lies: a socket that
 * nobody answers is reported, not replaced by a throw-away container.
 */
final class ControlClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The socket is there but nothing answers, or the container stopped answering: exit 1. */
    static final class NoAnswer extends Exception {
        private static final long serialVersionUID = 1L;

        NoAnswer(String message) {
            super(message);
        }
    }

    private ControlClient() {
    }

    /**
     * Sends a command that a running container answers ({@link ControlSocket#FORWARDED}) to the
     * container of this home, when there is one.
     *
     * @param embedded the command line asked for a throw-away container here
     * @return the exit code, or -1 when the command is to run in this process
     */
    static int route(List<String> args, boolean embedded, InputStream in, PrintStream out, PrintStream err) {
        if (args.isEmpty() || !ControlSocket.FORWARDED.contains(args.get(0)) || Embedded.running != null
                || args.contains("--help") || args.contains("-h")) {
            if (embedded && !args.isEmpty() && !args.contains("--help") && !args.contains("-h")
                    && !List.of("hostinfo", "plug", "unplug", "plugins").contains(args.get(0))) {
                err.println("error: --embedded applies to hostinfo, plug, unplug and plugins only");
                return 2;
            }
            return -1;
        }
        String command = args.get(0);
        if (embedded) {
            if (!List.of("hostinfo", "plug", "unplug", "plugins").contains(command)) {
                err.println("error: --embedded applies to hostinfo, plug, unplug and plugins only");
                return 2;
            }
            return -1;
        }
        Path sock = ControlSocket.path();
        if (!Files.exists(sock)) {
            // No container on this home: status and stop say so; the others run in a throw-away one.
            return -1;
        }
        if (!Embedded.sets.isEmpty()) {
            err.println("error: --set configures a container this command starts, but a container is running under "
                    + Embedded.home() + " (" + sock + "): configure it through its etc/, or use --embedded");
            return 2;
        }
        try {
            if (command.equals("stop")) {
                return stop(sock, args, in, out, err);
            }
            return forward(sock, args, in, out, err);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (NoAnswer e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: the container at " + sock + " did not answer: " + reason(e));
            return 1;
        }
    }

    /** {@code osvif stop}: the container answers with its pid, then stops; we wait for its end. */
    private static int stop(Path sock, List<String> args, InputStream in, PrintStream out, PrintStream err)
            throws IOException, NoAnswer {
        java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
        int exit = forward(sock, args, in, new PrintStream(answer, true, java.nio.charset.StandardCharsets.UTF_8), err);
        if (exit != 0) {
            out.write(answer.toByteArray());
            return exit;
        }
        long pid = JSON.readTree(answer.toByteArray()).path("stopping").asLong(-1);
        java.util.Optional<ProcessHandle> p = pid > 0 ? ProcessHandle.of(pid) : java.util.Optional.empty();
        if (p.isPresent()) {
            try {
                p.get().onExit().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                err.println("error: the container on " + Embedded.home().toAbsolutePath() + " (pid " + pid
                        + ") was asked to stop but is still running after 60 s");
                return 1;
            } catch (java.util.concurrent.ExecutionException e) {
                // it ended
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
        out.println("{\"stopped\": " + pid + ", \"home\": " + JSON.writeValueAsString(Embedded.home().toAbsolutePath().toString()) + "}");
        return 0;
    }

    /** @return OSVIF_TIMEOUT (seconds, fractions allowed), default 10 s */
    static Duration timeout() {
        String t = System.getenv("OSVIF_TIMEOUT");
        if (t == null || t.isBlank()) {
            return Duration.ofSeconds(10);
        }
        try {
            double s = Double.parseDouble(t.trim());
            if (s > 0 && s <= 86_400) {
                return Duration.ofMillis(Math.round(s * 1000));
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException("OSVIF_TIMEOUT=" + t + ": expected seconds, more than 0 (e.g. 10 or 0.5)");
    }

    /** @return the pid recorded in {@code run/osvif.lock}, or "unknown" */
    static String recordedPid() {
        try {
            String s = Files.readString(ContainerLock.path()).trim();
            return s.isEmpty() ? "unknown" : s;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Runs the command in the container listening on {@code sock}.
     *
     * @return the command's exit code
     * @throws NoAnswer when nothing answers on the socket, or the container stops answering
     */
    static int forward(Path sock, List<String> args0, InputStream stdin, PrintStream out, PrintStream err)
            throws IOException, NoAnswer {
        List<String> args = new ArrayList<>(args0);
        InputStream input = input(args, stdin);
        Duration timeout = timeout();
        String home = Embedded.home().toAbsolutePath().toString();
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        Watchdog dog = new Watchdog(ch, timeout);
        Thread sender = null;
        try (ch; dog; input) {
            try {
                ch.connect(UnixDomainSocketAddress.of(sock));
            } catch (IOException e) {
                if (dog.fired) {
                    throw new NoAnswer(unresponsive(home, timeout));
                }
                throw new NoAnswer(sock + " exists but no container answers on it (" + reason(e)
                        + "): start one with 'osvif run', or use --embedded for a throw-away container");
            }
            dog.reset();
            OutputStream o = new BufferedOutputStream(ChannelStreams.out(ch), 64 << 10);
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("args", args);
            header.put("pid", ProcessHandle.current().pid());
            header.put("netns", ControlSocket.ownNetns());
            boolean headerFailed = false;
            try {
                Frames.writeHeader(o, JSON.writeValueAsString(header));
                o.flush();
            } catch (IOException e) {
                // closed by the container before reading: its answer (busy, refused) says why
                headerFailed = true;
            }
            boolean[] sent = {false};
            sender = new Thread(() -> {
                // As much as the input has at hand, up to a whole frame: the container batches
                // the lines of a frame it holds (a file's 1 MiB is ~800 VIFs, so its batches come
                // whole), and a pipe's read returns what the producer wrote, so nothing waits.
                byte[] b = new byte[Frames.MAX_FRAME];
                try {
                    int n;
                    while ((n = input.read(b)) > 0) {
                        Frames.writeInput(o, b, 0, n);
                        // Sent as it comes: a producer that writes a line and waits for its
                        // result gets it, and the container plugs while the rest is read.
                        o.flush();
                        // the container reads: it is alive, even before it has output
                        dog.reset();
                    }
                    Frames.writeInput(o, b, 0, 0);
                    o.flush();
                    synchronized (sent) {
                        sent[0] = true;
                    }
                } catch (IOException e) {
                    // the container closed (it refused the input, or stopped): its answer says why
                }
            }, "osvif-send");
            sender.setDaemon(true);
            if (!headerFailed) {
                sender.start();
            }
            DataInputStream in = new DataInputStream(ChannelStreams.in(ch));
            try {
                while (true) {
                    Frames.Frame f = Frames.read(in);
                    dog.reset();

                    if (f == null) {
                        throw new NoAnswer("the container on " + home + " closed the connection without an answer");
                    }
                    switch (f.type()) {
                        case Frames.OUT -> {
                            out.write(f.body());
                            out.flush();
                        }
                        case Frames.ERR -> {
                            err.write(f.body());
                            err.flush();
                        }
                        case Frames.EXIT -> {
                            sender.join(TimeUnit.NANOSECONDS.toMillis(timeout.toNanos()));
                            synchronized (sent) {
                                if (sent[0]) {
                                    try {
                                        o.write(Frames.ACK);
                                        o.flush();
                                    } catch (IOException e) {
                                        // the container closed first: nothing more to confirm
                                    }
                                }
                            }
                            return f.exit();
                        }
                        default -> {
                            // HELLO, and kinds a later container may add
                        }
                    }
                }
            } catch (IOException e) {
                if (dog.fired) {
                    throw new NoAnswer(unresponsive(home, timeout));
                }
                throw new NoAnswer("the container on " + home + " (pid " + recordedPid() + ") broke off: " + reason(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NoAnswer("interrupted");
            }
        } finally {
            if (sender != null) {
                sender.interrupt();
            }
        }
    }

    private static String unresponsive(String home, Duration timeout) {
        return "the container on " + home + " (pid " + recordedPid() + ") did not answer within "
                + timeout.toMillis() / 1000.0 + " s (OSVIF_TIMEOUT); is it stopped or overloaded?";
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The command's input: a FILE argument is read here (the container may not see our paths). */
    private static InputStream input(List<String> args, InputStream stdin) throws IOException {
        if (args.get(0).equals("install") && args.size() == 2 && !InstallCommand.isUri(args.get(1))) {
            args.set(1, Path.of(args.get(1)).toAbsolutePath().toString()); // the container's cwd is not ours
        }
        boolean takesInput = args.get(0).equals("plug") || args.get(0).equals("unplug");
        if (!takesInput) {
            return InputStream.nullInputStream();
        }
        // the FILE is the last argument, unless that is an option's value (--batch N)
        int f = args.size() - 1;
        if (f >= 1 && !args.get(f).equals("-") && !args.get(f).startsWith("--") && !args.get(f - 1).equals("--batch")) {
            Path file = Path.of(args.get(f));
            if (!Files.isRegularFile(file)) {
                throw new UsageException(args.get(0) + ": no such file " + file);
            }
            args.set(f, "-");
            try {
                return Files.newInputStream(file);
            } catch (NoSuchFileException e) {
                throw new UsageException(args.get(0) + ": no such file " + file);
            }
        }
        // Not closed with the connection: it is the process's stdin.
        return new java.io.FilterInputStream(stdin) {
            @Override
            public void close() {
            }
        };
    }

    /** Closes the connection when nothing arrived for the timeout: a stopped container, a full backlog. */
    private static final class Watchdog implements AutoCloseable {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "osvif-timeout");
            t.setDaemon(true);
            return t;
        });
        private final SocketChannel ch;
        private final long timeoutNanos;
        private volatile long last = System.nanoTime();
        volatile boolean fired;

        Watchdog(SocketChannel ch, Duration timeout) {
            this.ch = ch;
            this.timeoutNanos = timeout.toNanos();
            long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(20), timeoutNanos / 20);
            timer.scheduleWithFixedDelay(this::check, tick, tick, TimeUnit.NANOSECONDS);
        }

        void reset() {
            last = System.nanoTime();
        }

        private void check() {
            if (System.nanoTime() - last > timeoutNanos) {
                fired = true;
                try {
                    ch.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}
