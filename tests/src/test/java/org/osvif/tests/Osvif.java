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
     * client of {@code bin/osvif} does, without a JVM start per call (for tests that poll).
     */
    static Osvif viaSocket(Path home, String stdin, String... args) throws IOException {
        try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(home.resolve("run/osvif.sock")))) {
            var o = java.nio.channels.Channels.newOutputStream(ch);
            StringBuilder header = new StringBuilder("{\"args\": [");
            for (int i = 0; i < args.length; i++) {
                header.append(i == 0 ? "" : ", ").append('"').append(args[i]).append('"');
            }
            o.write((header + "]}\n" + stdin).getBytes(StandardCharsets.UTF_8));
            o.flush();
            ch.shutdownOutput();
            var in = java.nio.channels.Channels.newInputStream(ch);
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
            var h = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line.toString());
            String out = new String(in.readNBytes(h.get("out").asInt()), StandardCharsets.UTF_8);
            String err = new String(in.readNBytes(h.get("err").asInt()), StandardCharsets.UTF_8);
            return new Osvif(h.get("exit").asInt(), out, err);
        }
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
