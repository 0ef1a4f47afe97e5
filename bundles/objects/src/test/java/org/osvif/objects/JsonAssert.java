package org.osvif.objects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON equality as the fixtures define it: parsed values equal, {@code versioned_object.changes} as sets. */
final class JsonAssert {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonAssert() {
    }

    static JsonNode parse(String json) {
        try {
            return normalize(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sorts every changes list so that set order does not matter. */
    static JsonNode normalize(JsonNode n) {
        if (n instanceof ObjectNode) {
            ObjectNode o = (ObjectNode) n;
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            List<String> keys = new ArrayList<>();
            it.forEachRemaining(e -> keys.add(e.getKey()));
            for (String k : keys) {
                JsonNode v = o.get(k);
                if (k.equals("versioned_object.changes") && v.isArray()) {
                    List<String> names = new ArrayList<>();
                    v.forEach(x -> names.add(x.asText()));
                    names.sort(null);
                    ArrayNode sorted = MAPPER.createArrayNode();
                    names.forEach(sorted::add);
                    o.set(k, sorted);
                } else {
                    normalize(v);
                }
            }
        } else if (n instanceof ArrayNode) {
            n.forEach(JsonAssert::normalize);
        }
        return n;
    }

    /** The shared fixtures folder: {@code OSVIF_SHARED} or {@code ../shared} beside the checkout. */
    static Path shared() {
        String env = System.getenv("OSVIF_SHARED");
        if (env != null && Files.isDirectory(Path.of(env))) {
            return Path.of(env);
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path candidate = p.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("fixtures"))) {
                return candidate;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("../shared/fixtures not found; set OSVIF_SHARED");
    }

    static List<String> lines(String fixture) {
        try {
            return Files.readAllLines(shared().resolve("fixtures").resolve(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
