package org.osvif.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osvif.binding.Bindings;
import org.osvif.objects.ObjectException;

/** {@code osvif bench binding FILE}: per-VIF time of the Nova binding conversion, one thread. */
final class BenchBinding implements Command {

    private static volatile long sink;

    @Override
    public String name() {
        return "bench binding";
    }

    @Override
    public String summary() {
        return "time the Nova binding conversion per VIF on a JSONL file (one JSON line)";
    }

    @Override
    public String help() {
        return "usage: osvif bench binding FILE [--seconds S]\n\n"
                + "Converts every convertible Nova network-model VIF of FILE (JSONL) over and over for S seconds\n"
                + "(default 2, after a warm-up as long) and prints {\"impl\", \"vifs\", \"us_per_vif\"}.\n";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out) throws IOException {
        double seconds = 2;
        Path file = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--seconds")) {
                seconds = Double.parseDouble(ObjectsConvert.value(args, ++i, "--seconds"));
            } else if (file == null) {
                file = Path.of(args.get(i));
            } else {
                throw new UsageException("bench binding: unknown argument '" + args.get(i) + "'");
            }
        }
        if (file == null || !Files.isRegularFile(file)) {
            throw new UsageException("bench binding: FILE is required and must exist");
        }
        List<byte[]> vifs = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            try {
                Bindings.toVif(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                vifs.add(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (ObjectException refused) {
                // Only what Nova converts is timed.
            }
        }
        if (vifs.isEmpty()) {
            throw new UsageException("bench binding: no convertible VIF in " + file);
        }
        double perSecond = BenchSerialize.rate(seconds, () -> {
            for (byte[] v : vifs) {
                sink += Bindings.toVif(v).hashCode();
            }
        });
        out.printf("{\"impl\": \"osvif-java\", \"vifs\": %d, \"us_per_vif\": %.2f}%n", vifs.size(),
                1e6 / (perSecond * vifs.size()));
        return 0;
    }
}
