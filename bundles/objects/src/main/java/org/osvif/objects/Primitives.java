package org.osvif.objects;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * The os-vif JSON wire format: objects to and from their primitives
 * ({@code versioned_object.name/namespace/version/data/changes}).
 *
 * <p>Decoding validates everything and fails with an {@link ObjectException} naming the
 * field path; it never throws anything else for bad input, and it bounds what bad input can
 * cost (nesting depth, string length).
 */
public final class Primitives {

    /** Deepest JSON nesting we read; the deepest valid os-vif object (a VIF) needs 15. */
    public static final int MAX_DEPTH = 64;
    /** Longest string value we read, in characters. */
    public static final int MAX_STRING = 1 << 20;
    /** Longest number we read, in digits. */
    static final int MAX_NUMBER = 64;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING)
                    .maxNumberLength(MAX_NUMBER)
                    .build())
            .build();

    private Primitives() {
    }

    /** @return the Jackson factory configured with our limits, for callers that embed primitives */
    public static JsonFactory jsonFactory() {
        return FACTORY;
    }

    /**
     * Reads one primitive.
     *
     * @param json the JSON text of one primitive
     * @return the object, at the version it was written at
     * @throws ObjectException if the text is not a valid os-vif primitive
     */
    public static VersionedObject fromJson(byte[] json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            return PrimitiveReader.readTop(p);
        } catch (Problem e) {
            throw e.toException();
        } catch (JsonProcessingException e) {
            throw new ObjectException("", describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param json the JSON text of one primitive
     * @return the object
     * @throws ObjectException if the text is not a valid os-vif primitive
     */
    public static VersionedObject fromJson(String json) {
        return fromJson(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads one primitive that must be of a given class (or a subclass).
     *
     * @param <T> the class wanted
     * @param json the JSON text
     * @param wanted e.g. {@code VIFBase.class}
     * @return the object
     * @throws ObjectException if invalid or of another class
     */
    public static <T extends VersionedObject> T fromJson(byte[] json, Class<T> wanted) {
        VersionedObject o = fromJson(json);
        if (!wanted.isInstance(o)) {
            throw new ObjectException(o.type().name(), "a " + wanted.getSimpleName() + " is required here");
        }
        return wanted.cast(o);
    }

    /**
     * Reads the primitive at the parser's current {@code START_OBJECT} token, for callers that
     * carry primitives inside their own JSON.
     *
     * @param p a parser from {@link #jsonFactory()}, positioned on {@code START_OBJECT}
     * @return the object
     * @throws ObjectException if invalid; the path is relative to this object
     * @throws IOException if the parser fails
     */
    public static VersionedObject read(JsonParser p) throws IOException {
        try {
            return PrimitiveReader.readObject(p, null);
        } catch (Problem e) {
            throw e.toException();
        } catch (JsonProcessingException e) {
            throw new ObjectException("", describe(e));
        }
    }

    /**
     * Says what is wrong with JSON text in words a user can act on, without the parser's
     * internals (its class names, its limit getters, its redacted source): for callers that read
     * JSON with {@link #jsonFactory()} or Jackson around our primitives and report failures.
     *
     * @param e what the parser threw
     * @return e.g. {@code malformed JSON at column 6: unexpected end of input}, or
     *         {@code a string value is longer than the 1 MiB limit}
     * @since 1.1
     */
    public static String describe(JsonProcessingException e) {
        return JsonErrors.describe(e);
    }

    /**
     * Writes the primitive as Python's {@code obj_to_primitive()} does.
     *
     * @param o the object
     * @return compact JSON text
     */
    public static String toJson(VersionedObject o) {
        return toJson(o, Map.of());
    }

    /**
     * Writes the primitive with every object whose class is named in {@code targets} backlevelled
     * as Python's {@code obj_to_primitive(target_version=...)} does.
     *
     * @param o the object
     * @param targets class name to version, e.g. {@code VIFPortProfileOpenVSwitch -> 1.3}
     * @return compact JSON text
     * @throws InvalidTargetVersionException if a target is above the object's version
     * @throws ObjectActionException if os-vif has no rule for the backlevel
     */
    public static String toJson(VersionedObject o, Map<String, String> targets) {
        return new String(toJsonBytes(o, targets), StandardCharsets.UTF_8);
    }

    /**
     * @param o the object
     * @param targets class name to version; empty for none
     * @return compact JSON, UTF-8
     */
    public static byte[] toJsonBytes(VersionedObject o, Map<String, String> targets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, o, targets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the primitive into a caller's generator.
     *
     * @param g the generator
     * @param o the object
     * @param targets class name to version; empty for none
     * @throws IOException if the generator fails
     */
    public static void write(JsonGenerator g, VersionedObject o, Map<String, String> targets) throws IOException {
        for (Map.Entry<String, String> t : targets.entrySet()) {
            if (!Versions.isValid(t.getValue())) {
                throw new InvalidTargetVersionException(t.getKey(), "Invalid target version " + t.getValue());
            }
        }
        PrimitiveWriter.write(g, o, targets);
    }
}
