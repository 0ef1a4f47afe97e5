package org.osvif.objects;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Python os-vif oracle scripts in src/test/oracle with Debian's {@code /usr/bin/python3}.
 * Under CI a missing interpreter or os_vif is a failure, never a skip.
 */
final class Python {

    static final Path SCRIPTS = Path.of("src/test/oracle");

    private Python() {
    }

    /** Runs a script with the given stdin lines and returns its stdout lines. */
    static List<String> run(String script, List<String> stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-W", "ignore", SCRIPTS.resolve(script).toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        try (OutputStream in = p.getOutputStream()) {
            for (String line : stdin) {
                in.write(line.getBytes(StandardCharsets.UTF_8));
                in.write('\n');
            }
        }
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(script + " did not finish in 300 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(script + " exited " + p.exitValue());
        }
        List<String> lines = new ArrayList<>();
        for (String l : new String(out.join(), StandardCharsets.UTF_8).split("\n")) {
            if (!l.isBlank()) {
                lines.add(l);
            }
        }
        return lines;
    }

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/python3"));
    }

    private static byte[] readAll(InputStream in) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
