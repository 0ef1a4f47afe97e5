package org.osvif.objects;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Streams an os-vif primitive into objects, validating every field as it goes: the class and
 * version against the registry, each value against its field type, each nested object against
 * the class its field allows. Refuses what Python refuses, and also what Python lets through
 * only by accident (unknown fields, numbers in string fields, non-UUIDs in UUID fields): a peer
 * that sends those is broken, and dropping or reinterpreting its data silently would lose it.
 */
final class PrimitiveReader {

    static final String NAME = "versioned_object.name";
    static final String NAMESPACE = "versioned_object.namespace";
    static final String VERSION = "versioned_object.version";
    static final String DATA = "versioned_object.data";
    static final String CHANGES = "versioned_object.changes";
    static final String OS_VIF = "os_vif";

    private PrimitiveReader() {
    }

    /** Reads one top-level primitive; the parser is before its first token. */
    static VersionedObject readTop(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new Problem("expected a JSON object (an os-vif primitive), got " + describe(p));
        }
        VersionedObject o = readObject(p, null);
        if (p.nextToken() != null) {
            throw new Problem("unexpected data after the object: " + describe(p));
        }
        return o;
    }

    /** Reads the object at START_OBJECT; {@code field} is the field it goes into, or null at the top. */
    static VersionedObject readObject(JsonParser p, Field field) throws IOException {
        String name = null;
        String namespace = null;
        String version = null;
        ObjectState state = null;
        byte[] pendingData = null;
        List<String> changes = null;
        try {
            String key;
            while ((key = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                switch (key) {
                    case NAME:
                        name = envelopeString(p, t, key);
                        break;
                    case NAMESPACE:
                        namespace = envelopeString(p, t, key);
                        break;
                    case VERSION:
                        version = envelopeString(p, t, key);
                        break;
                    case DATA:
                        if (t != JsonToken.START_OBJECT) {
                            throw new Problem(key + " must be a JSON object, got " + describe(p));
                        }
                        if (name != null && namespace != null && version != null) {
                            state = readData(p, resolve(name, namespace, version, field), version);
                        } else {
                            pendingData = copy(p);
                        }
                        break;
                    case CHANGES:
                        if (state != null) {
                            state.changedMask = changesMask(state.type, p, t);
                        } else {
                            changes = readChanges(p, t);
                        }
                        break;
                    default:
                        throw new Problem("unknown key '" + key + "' in an os-vif primitive");
                }
            }
            if (name == null || namespace == null || version == null) {
                String missing = name == null ? NAME : namespace == null ? NAMESPACE : VERSION;
                throw new Problem("missing " + missing);
            }
            if (state == null) {
                if (pendingData == null) {
                    throw new Problem("missing " + DATA);
                }
                ObjectType<?> type = resolve(name, namespace, version, field);
                try (JsonParser sub = FACTORY.createParser(pendingData)) {
                    sub.nextToken();
                    state = readData(sub, type, version);
                }
            }
            if (changes != null) {
                state.changedMask = changesMask(state.type, changes);
            }
            return state.type.create(state);
        } catch (Problem problem) {
            // Nested objects are named by their field path; only the outermost by its class.
            throw field == null && name != null ? problem.under(name) : problem;
        }
    }

    static final JsonFactory FACTORY = Primitives.FACTORY;

    private static ObjectType<?> resolve(String name, String namespace, String version, Field field) {
        if (!OS_VIF.equals(namespace)) {
            throw new Problem(Problem.Kind.UNSUPPORTED, "unsupported object type " + namespace + "." + name);
        }
        ObjectType<?> type = ObjectRegistry.type(name);
        if (type == null) {
            throw new Problem(Problem.Kind.UNSUPPORTED, "unsupported object type " + name);
        }
        if (!version.equals(type.version()) && (!Versions.isValid(version)
                || Versions.major(version) != Versions.major(type.version())
                || Versions.compare(version, type.version()) > 0)) {
            throw new Problem(Problem.Kind.INCOMPATIBLE, "version " + version + " of " + name
                    + " is not supported (we have " + type.version() + ")");
        }
        if (field != null && !FieldValues.accepts(field, type)) {
            throw new Problem("a " + field.objectName() + " object is required, not a " + name);
        }
        return type;
    }

    private static ObjectState readData(JsonParser p, ObjectType<?> type, String version) throws IOException {
        Object[] values = new Object[type.slotCount()];
        long set = 0;
        String key;
        while ((key = p.nextFieldName()) != null) {
            Field f = type.field(key);
            if (f == null) {
                throw new Problem("unknown field '" + key + "' (" + type.name() + " " + version + " has "
                        + fieldNames(type) + ")");
            }
            p.nextToken();
            int slot = type.slotOf(f);
            try {
                values[slot] = readValue(p, f);
            } catch (Problem e) {
                throw e.under(f.name());
            }
            set |= 1L << slot;
        }
        // Python builds the object with cls() first, so its __init__ defaults fill what is absent.
        if (!type.initDefaults().isEmpty()) {
            for (var d : type.initDefaults().entrySet()) {
                int slot = type.slotOf(d.getKey());
                if ((set & 1L << slot) == 0) {
                    values[slot] = d.getValue().get();
                    set |= 1L << slot;
                }
            }
        }
        return new ObjectState(type, version, values, set, 0);
    }

    private static Object readValue(JsonParser p, Field f) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            if (f.isNullable()) {
                return null;
            }
            if (f.defaultValue() != null) {
                return f.defaultValue();
            }
            throw new Problem("Field `" + f.name() + "' cannot be None");
        }
        switch (f.kind()) {
            case BOOLEAN:
                if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                    return t == JsonToken.VALUE_TRUE ? Boolean.TRUE : Boolean.FALSE;
                }
                break;
            case INTEGER:
                if (t == JsonToken.VALUE_NUMBER_INT) {
                    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        throw new Problem(p.getText() + " is out of the 64-bit integer range");
                    }
                    return p.getLongValue();
                }
                break;
            case OBJECT:
                if (t == JsonToken.START_OBJECT) {
                    return readObject(p, f);
                }
                break;
            case OBJECT_LIST:
            case IP_ADDRESS_LIST:
                if (t == JsonToken.START_ARRAY) {
                    return readList(p, f);
                }
                break;
            default:
                if (t == JsonToken.VALUE_STRING) {
                    String s = p.getText();
                    String v = FieldValues.text(f, s);
                    if (v == null) {
                        throw new Problem(FieldValues.describe(s) + " is not " + FieldValues.expected(f));
                    }
                    return v;
                }
        }
        throw new Problem("expected " + FieldValues.expected(f) + ", got " + describe(p));
    }

    private static List<Object> readList(JsonParser p, Field f) throws IOException {
        List<Object> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            try {
                if (f.kind() == FieldKind.OBJECT_LIST && t == JsonToken.START_OBJECT) {
                    out.add(readObject(p, f));
                } else if (f.kind() == FieldKind.IP_ADDRESS_LIST && t == JsonToken.VALUE_STRING) {
                    String s = p.getText();
                    String v = FieldValues.text(f, s);
                    if (v == null) {
                        throw new Problem(FieldValues.describe(s) + " is not " + FieldValues.expected(f));
                    }
                    out.add(v);
                } else {
                    throw new Problem("expected " + (f.kind() == FieldKind.OBJECT_LIST
                            ? "a " + f.objectName() + " object" : "an IP address string") + ", got " + describe(p));
                }
            } catch (Problem e) {
                throw e.under("[" + out.size() + "]");
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static List<String> readChanges(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw new Problem(CHANGES + " must be a list of field names, got " + describe(p));
        }
        List<String> names = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_STRING) {
                throw new Problem(CHANGES + " must be a list of field names, got " + describe(p));
            }
            names.add(p.getText());
        }
        return names;
    }

    /** The common order (data before changes): fold the names straight into the mask. */
    private static long changesMask(ObjectType<?> type, JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw new Problem(CHANGES + " must be a list of field names, got " + describe(p));
        }
        long mask = 0;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_STRING) {
                throw new Problem(CHANGES + " must be a list of field names, got " + describe(p));
            }
            mask |= maskOf(type, p.getText());
        }
        return mask;
    }

    private static long changesMask(ObjectType<?> type, List<String> changes) {
        long mask = 0;
        for (String n : changes) {
            mask |= maskOf(type, n);
        }
        return mask;
    }

    /** Python keeps only the changes that name fields of the class; so do we. */
    private static long maskOf(ObjectType<?> type, String fieldName) {
        Field f = type.field(fieldName);
        return f == null ? 0 : 1L << type.slotOf(f);
    }

    private static String envelopeString(JsonParser p, JsonToken t, String key) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw new Problem(key + " must be a string, got " + describe(p));
        }
        return p.getText();
    }

    /** Keeps data that came before the class name, to be read once the class is known. */
    private static byte[] copy(JsonParser p) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.copyCurrentStructure(p);
        }
        return out.toByteArray();
    }

    private static String fieldNames(ObjectType<?> type) {
        List<String> names = new ArrayList<>();
        for (Field f : type.fields()) {
            names.add(f.name());
        }
        return String.join(", ", names);
    }

    static String describe(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "end of input";
        }
        switch (t) {
            case VALUE_STRING:
                return "string " + FieldValues.describe(p.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "number " + p.getText();
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "boolean " + p.getText();
            case VALUE_NULL:
                return "null";
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "a list";
            default:
                return t.asString() == null ? t.name() : t.asString();
        }
    }
}
