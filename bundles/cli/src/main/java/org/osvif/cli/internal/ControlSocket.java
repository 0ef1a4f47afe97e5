package org.osvif.cli.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * {@code run/osvif.sock}: how one-shot commands reach a running container. A request is one JSON
 * line {@code {"args": [...]}} followed by the command's stdin until the client half-closes; the
 * answer is one JSON line {@code {"exit": n, "out": bytes, "err": bytes}} followed by the output
 * and error bytes. Mode 0600 in a 0700 folder, and the peer's user is checked: only the user
 * running the container (or root) may use it. No network listener exists.
 */
final class ControlSocket {

    private static final System.Logger LOG = System.getLogger(ControlSocket.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> FORWARDED = List.of("hostinfo", "plug", "unplug", "plugins");

    private ControlSocket() {
    }

    static Path path() {
        return Embedded.home().resolve("run").resolve("osvif.sock");
    }

    /** Serves until the channel is closed; returns the channel to close. */
    static ServerSocketChannel serve() throws IOException {
        Path sock = path();
        Path run = sock.getParent();
        Files.createDirectories(run);
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx------"));
        Files.deleteIfExists(sock);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(sock));
        Files.setPosixFilePermissions(sock, PosixFilePermissions.fromString("rw-------"));
        Thread t = new Thread(() -> accept(server), "osvif-control");
        t.setDaemon(true);
        t.start();
        return server;
    }

    private static void accept(ServerSocketChannel server) {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                Thread t = new Thread(() -> handle(ch), "osvif-control-client");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.log(Level.WARNING, "control socket: " + e);
                }
            }
        }
    }

    private static void handle(SocketChannel ch) {
        try (ch) {
            UnixDomainPrincipal peer = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
            String me = System.getProperty("user.name");
            String who = peer.user().getName();
            InputStream in = Channels.newInputStream(ch);
            OutputStream out = Channels.newOutputStream(ch);
            if (!who.equals(me) && !who.equals("root")) {
                LOG.log(Level.WARNING, "control socket: refused user {0}", who);
                answer(out, 1, new byte[0], ("error: user " + who + " may not use this container\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            JsonNode header = JSON.readTree(readLine(in));
            List<String> args = new ArrayList<>();
            header.get("args").forEach(a -> args.add(a.asText()));
            byte[] stdin = in.readAllBytes();
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            int exit = Main.dispatch(args, new ByteArrayInputStream(stdin), new PrintStream(o, true, StandardCharsets.UTF_8),
                    new PrintStream(e, true, StandardCharsets.UTF_8));
            answer(out, exit, o.toByteArray(), e.toByteArray());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "control socket request failed: " + e);
        }
    }

    private static void answer(OutputStream out, int exit, byte[] o, byte[] e) throws IOException {
        out.write(("{\"exit\": " + exit + ", \"out\": " + o.length + ", \"err\": " + e.length + "}\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(o);
        out.write(e);
        out.flush();
    }

    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (b.size() > 1 << 20) {
                throw new IOException("request header too long");
            }
            b.write(c);
        }
        return b.toByteArray();
    }

    /**
     * Runs the command in the container listening on the socket, if there is one.
     *
     * @return the exit code, or -1 when no container answers (the caller runs it itself)
     */
    static int forward(List<String> args, InputStream stdin, PrintStream out, PrintStream err) throws IOException {
        Path sock = path();
        if (!Files.exists(sock)) {
            return -1;
        }
        SocketChannel ch;
        try {
            ch = SocketChannel.open(UnixDomainSocketAddress.of(sock));
        } catch (IOException stale) {
            return -1;
        }
        try (ch) {
            List<String> sent = new ArrayList<>(args);
            byte[] input = readInput(sent, stdin);
            OutputStream o = Channels.newOutputStream(ch);
            o.write((JSON.writeValueAsString(java.util.Map.of("args", sent)) + "\n").getBytes(StandardCharsets.UTF_8));
            o.write(input);
            o.flush();
            ch.shutdownOutput();
            InputStream in = Channels.newInputStream(ch);
            JsonNode header = JSON.readTree(readLine(in));
            out.write(in.readNBytes(header.get("out").asInt()));
            err.write(in.readNBytes(header.get("err").asInt()));
            out.flush();
            err.flush();
            return header.get("exit").asInt();
        }
    }

    /** The command's input: a FILE argument is read here (the server may not see our paths). */
    private static byte[] readInput(List<String> args, InputStream stdin) throws IOException {
        boolean takesInput = args.get(0).equals("plug") || args.get(0).equals("unplug");
        if (!takesInput) {
            return new byte[0];
        }
        // the FILE is the last argument, unless that is an option's value (--batch N)
        int f = args.size() - 1;
        if (f >= 1 && !args.get(f).equals("-") && !args.get(f).startsWith("--")
                && !args.get(f - 1).equals("--batch")) {
            Path file = Path.of(args.get(f));
            if (!Files.isRegularFile(file)) {
                throw new UsageException(args.get(0) + ": no such file " + file);
            }
            args.set(f, "-");
            return Files.readAllBytes(file);
        }
        return stdin.readAllBytes();
    }
}
