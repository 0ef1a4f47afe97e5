package org.osvif.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.osvif.testsupport.Processes;

/** Runs {@code runtime/bin/osvif} as a new process, as an operator or a script would. */
final class Osvif {

    static final Path TOP = Path.of("..").toAbsolutePath().normalize();
    static final Path BIN = TOP.resolve("runtime/bin/osvif");

    final int exit;
    final String out;
    final String err;

    private Osvif(int exit, String out, String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    static Osvif run(Path home, String stdin, String... args) throws IOException, InterruptedException {
        return run(List.of(), home, stdin, args);
    }

    /**
     * @param prefix a command that runs osvif, such as {@code ip netns exec NS} or setpriv
     */
    static Osvif run(List<String> prefix, Path home, String stdin, String... args) throws IOException, InterruptedException {
        return run(java.util.Map.of(), prefix, home, stdin, args);
    }

    /**
     * @param env environment variables to add, such as {@code OSVIF_LOG}
     */
    static Osvif run(java.util.Map<String, String> env, List<String> prefix, Path home, String stdin, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(BIN.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OSVIF_HOME", home.toString());
        pb.environment().putAll(env);
        Processes.Result r = Processes.run(pb, stdin, Duration.ofSeconds(120));
        return new Osvif(r.exit(), r.out(), r.err());
    }

    /**
     * One command over a running container's {@code run/osvif.sock}, from this JVM: what the
     * client of {@code bin/osvif} does (the framing of the cli's {@code Frames}), without a JVM
     * start per call (for tests that poll).
     */
    static Osvif viaSocket(Path home, String stdin, String... args) throws IOException {
        try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(home.resolve("run/osvif.sock")))) {
            var o = new java.io.DataOutputStream(java.nio.channels.Channels.newOutputStream(ch));
            o.write(header(args).getBytes(StandardCharsets.UTF_8));
            byte[] body = stdin.getBytes(StandardCharsets.UTF_8);
            if (body.length > 0) {
                o.writeInt(body.length);
                o.write(body);
            }
            o.writeInt(0);
            o.flush();
            var in = new java.io.DataInputStream(java.nio.channels.Channels.newInputStream(ch));
            var out = new java.io.ByteArrayOutputStream();
            var err = new java.io.ByteArrayOutputStream();
            while (true) {
                int type = in.read();
                if (type == -1) {
                    throw new java.io.EOFException("the container closed without an exit frame");
                }
                byte[] b = in.readNBytes(in.readInt());
                switch (type) {
                    case 'o' -> out.write(b);
                    case 'e' -> err.write(b);
                    case 'x' -> {
                        try {
                            o.write('k');
                            o.flush();
                        } catch (IOException closed) {
                            // the container closed first (a command without results to confirm)
                        }
                        int exit = java.nio.ByteBuffer.wrap(b).getInt();
                        return new Osvif(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
                    }
                    default -> {
                        // the hello frame
                    }
                }
            }
        }
    }

    /** @return the request's header line: {"args": [...]} */
    static String header(String... args) {
        StringBuilder header = new StringBuilder("{\"args\": [");
        for (int i = 0; i < args.length; i++) {
            header.append(i == 0 ? "" : ", ").append('"').append(args[i]).append('"');
        }
        return header + "]}\n";
    }

    List<String> lines() {
        List<String> l = new ArrayList<>();
        for (String s : out.split("\n")) {
            if (!s.isBlank()) {
                l.add(s);
            }
        }
        return l;
    }

    @Override
    public String toString() {
        return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
    }
}
