package org.osvif.cli.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.osvif.objects.Primitives;
import org.osvif.objects.VersionedObject;

/**
 * {@code osvif bench serialize}: single-thread throughput of the wire codec, beside Jackson's
 * own floor on the same bytes (a parse that reads every token and string, and a write of the
 * same tokens), so the codec's overhead over raw JSON is visible in one run.
 */
final class BenchSerialize implements Command {

    /** Keeps the JIT from discarding the work. */
    private static volatile long sink;

    @Override
    public String name() {
        return "bench serialize";
    }

    @Override
    public String summary() {
        return "time primitive serialization, deserialization and backlevelling (one JSON line)";
    }

    @Override
    public String help() {
        return "usage: osvif bench serialize [--seconds S] [--fixture FILE]\n\n"
                + "Times, in one thread, object -> JSON text, JSON text -> validated object, and writing the\n"
                + "object backlevelled to version 1.0, on FILE (one primitive) or by default the benchmark VIF\n"
                + "of testdata/vif_ovs_full.json built in code. Also times Jackson's floor on the same\n"
                + "bytes. Prints one JSON line: json_bytes, serialize_per_s, deserialize_per_s,\n"
                + "to_primitive_v1_0_per_s, floor_read_per_s, floor_write_per_s.\n\n"
                + "  --seconds S    measuring time per figure (default 2), after a warm-up of the same length\n";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out) throws IOException {
        double seconds = 2;
        VersionedObject vif = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--seconds")) {
                try {
                    seconds = Double.parseDouble(ObjectsConvert.value(args, ++i, a));
                } catch (NumberFormatException e) {
                    throw new UsageException("--seconds: not a number: " + args.get(i));
                }
                if (!(seconds > 0 && seconds <= 600)) {
                    throw new UsageException("--seconds: must be in (0, 600]");
                }
            } else if (a.equals("--fixture")) {
                Path file = Path.of(ObjectsConvert.value(args, ++i, a));
                if (!Files.isRegularFile(file)) {
                    throw new UsageException("--fixture: no such file " + file);
                }
                vif = Primitives.fromJson(Files.readAllBytes(file));
            } else {
                throw new UsageException("bench serialize: unknown argument '" + a + "' (see --help)");
            }
        }
        VersionedObject o = vif == null ? BenchFixture.vif() : vif;
        byte[] json = Primitives.toJsonBytes(o, Map.of());
        Map<String, String> v10 = Map.of(o.type().name(), "1.0");
        double ser = rate(seconds, () -> sink += Primitives.toJsonBytes(o, Map.of()).length);
        double de = rate(seconds, () -> sink += Primitives.fromJson(json).hashCode());
        double back = rate(seconds, () -> sink += Primitives.toJsonBytes(o, v10).length);
        double floorRead = rate(seconds, () -> sink += floorRead(json));
        Tokens tokens = Tokens.of(json);
        double floorWrite = rate(seconds, () -> sink += tokens.write());
        out.printf("{\"impl\": \"osvif-java\", \"json_bytes\": %d, \"serialize_per_s\": %d, \"deserialize_per_s\": %d, "
                + "\"to_primitive_v1_0_per_s\": %d, \"floor_read_per_s\": %d, \"floor_write_per_s\": %d}%n",
                json.length, Math.round(ser), Math.round(de), Math.round(back), Math.round(floorRead),
                Math.round(floorWrite));
        return 0;
    }

    interface Op {
        void run() throws IOException;
    }

    /** Operations per second after a warm-up of the same length. */
    static double rate(double seconds, Op op) throws IOException {
        long budget = (long) (seconds * 1e9);
        for (int pass = 0; pass < 2; pass++) {
            long n = 0;
            long start = System.nanoTime();
            long elapsed;
            do {
                for (int i = 0; i < 100; i++) {
                    op.run();
                }
                n += 100;
                elapsed = System.nanoTime() - start;
            } while (elapsed < budget);
            if (pass == 1) {
                return n / (elapsed / 1e9);
            }
        }
        throw new AssertionError();
    }

    private static final JsonFactory FLOOR = new JsonFactory();

    /** Reads every token and every string's text: what any decoder of these bytes must do. */
    static long floorRead(byte[] json) throws IOException {
        long n = 0;
        try (JsonParser p = FLOOR.createParser(json)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.VALUE_STRING || t == JsonToken.FIELD_NAME) {
                    n += p.getText().length();
                }
            }
        }
        return n;
    }

    /** The tokens of a document, recorded once, so that the write floor times writing alone. */
    static final class Tokens {
        private final JsonToken[] kinds;
        private final String[] texts;
        private final int size;

        private Tokens(JsonToken[] kinds, String[] texts, int size) {
            this.kinds = kinds;
            this.texts = texts;
            this.size = size;
        }

        static Tokens of(byte[] json) throws IOException {
            JsonToken[] kinds = new JsonToken[json.length];
            String[] texts = new String[json.length];
            int n = 0;
            try (JsonParser p = FLOOR.createParser(json)) {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    kinds[n] = t;
                    texts[n++] = p.getText();
                }
            }
            return new Tokens(kinds, texts, n);
        }

        long write() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            try (JsonGenerator g = FLOOR.createGenerator(out)) {
                for (int i = 0; i < size; i++) {
                    switch (kinds[i]) {
                        case START_OBJECT: g.writeStartObject(); break;
                        case END_OBJECT: g.writeEndObject(); break;
                        case START_ARRAY: g.writeStartArray(); break;
                        case END_ARRAY: g.writeEndArray(); break;
                        case FIELD_NAME: g.writeFieldName(texts[i]); break;
                        case VALUE_STRING: g.writeString(texts[i]); break;
                        case VALUE_NUMBER_INT: g.writeNumber(texts[i]); break;
                        case VALUE_TRUE: g.writeBoolean(true); break;
                        case VALUE_FALSE: g.writeBoolean(false); break;
                        case VALUE_NULL: g.writeNull(); break;
                        default: g.writeRawValue(texts[i]);
                    }
                }
            }
            return out.size();
        }
    }
}
