package org.osvif.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON equality as os-vif means it: parsed values equal, every {@code versioned_object.changes}
 * list compared as the set it is (Python writes a set, in no defined order). Compare
 * {@code normalize(a)} with {@code normalize(b)}.
 */
public final class JsonAssert {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonAssert() {
    }

    /** @return {@code json} parsed and {@link #normalize normalized} */
    public static JsonNode parse(String json) {
        try {
            return normalize(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sorts every changes list in the tree, in place. @return {@code n} */
    public static JsonNode normalize(JsonNode n) {
        if (n instanceof ObjectNode o) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
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

    /** @return the lines of a test data file ({@link TestData#lines}) */
    public static List<String> lines(String testData) {
        return TestData.lines(testData);
    }
}
