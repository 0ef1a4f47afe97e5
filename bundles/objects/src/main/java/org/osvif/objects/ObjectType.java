package org.osvif.objects;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * The schema of one os-vif class: name, current version, fields in os-vif's order (own fields
 * first, then inherited ones, as oslo merges them), and the rules its {@code obj_make_compatible}
 * applies when writing an older version. Everything about a class that the wire format, the
 * backlevel logic and the fingerprint need is here, once.
 *
 * @param <T> the Java class of its objects
 */
public final class ObjectType<T extends VersionedObject> {

    private final String name;
    private final String version;
    private final ObjectType<?> parent;
    private final Field[] fields;
    private final int[] slotById;
    private final Map<String, Field> byName;
    private final Map<Field, String> addedIn;
    private final String[] baseVersionRule;
    private final Map<Field, String[]> relationships;
    private final boolean listType;
    private final Map<Field, Supplier<Object>> initDefaults;
    private final Function<ObjectState, T> factory;
    final SerializableString jsonName;
    final SerializableString jsonVersion;

    private ObjectType(Builder<T> b) {
        this.name = b.name;
        this.version = b.version;
        this.parent = b.parent;
        List<Field> all = new ArrayList<>(b.own);
        Map<Field, String> added = new LinkedHashMap<>();
        Map<Field, String[]> rels = new LinkedHashMap<>();
        String[] base = b.baseVersionRule;
        if (parent != null) {
            for (Field f : parent.fields) {
                if (!all.contains(f)) {
                    all.add(f);
                }
            }
            added.putAll(parent.addedIn);
            rels.putAll(parent.relationships);
            if (base == null) {
                base = parent.baseVersionRule;
            }
        }
        added.putAll(b.addedIn);
        rels.putAll(b.relationships);
        if (all.size() > 63) {
            throw new IllegalStateException(name + " has more fields than a slot mask holds");
        }
        this.fields = all.toArray(new Field[0]);
        int maxId = 0;
        for (Field f : fields) {
            maxId = Math.max(maxId, f.id);
        }
        this.slotById = new int[maxId + 1];
        Arrays.fill(slotById, -1);
        Map<String, Field> names = new HashMap<>();
        for (int i = 0; i < fields.length; i++) {
            slotById[fields[i].id] = i;
            names.put(fields[i].name(), fields[i]);
        }
        this.byName = names;
        this.addedIn = Collections.unmodifiableMap(added);
        this.relationships = Collections.unmodifiableMap(rels);
        this.baseVersionRule = base;
        this.listType = b.listType;
        this.initDefaults = Collections.unmodifiableMap(new LinkedHashMap<>(b.initDefaults));
        this.factory = b.factory;
        this.jsonName = new SerializedString(name);
        this.jsonVersion = new SerializedString(version);
    }

    static <T extends VersionedObject> Builder<T> builder(String name, String version, Function<ObjectState, T> factory) {
        return new Builder<>(name, version, factory);
    }

    /** @return the class name on the wire, e.g. {@code VIFOpenVSwitch} */
    public String name() {
        return name;
    }

    /** @return the newest version of this class that we implement, e.g. {@code 1.4} */
    public String version() {
        return version;
    }

    /** @return the os-vif superclass that is itself a registered class, or {@code null} */
    public ObjectType<?> parent() {
        return parent;
    }

    /** @return all fields, own first and then inherited, in os-vif's order */
    public List<Field> fields() {
        return List.of(fields);
    }

    /** @return the field with this wire name, or {@code null} */
    public Field field(String fieldName) {
        return byName.get(fieldName);
    }

    /** @return whether this class is {@code other} or one of its subclasses */
    public boolean isA(ObjectType<?> other) {
        for (ObjectType<?> t = this; t != null; t = t.parent) {
            if (t == other) {
                return true;
            }
        }
        return false;
    }

    /**
     * The fingerprint oslo.versionedobjects' {@code ObjectVersionChecker} computes:
     * {@code VERSION-md5(repr((sorted(fields.items()), [])))}, with {@code OrderedDict()} appended
     * for list classes. os-vif has no remotable methods.
     *
     * @return e.g. {@code 1.0-e78d355f3505361fafbf0797ffad484a}
     */
    public String fingerprint() {
        Field[] sorted = fields.clone();
        Arrays.sort(sorted, Comparator.comparing(Field::name));
        StringBuilder repr = new StringBuilder("([");
        for (int i = 0; i < sorted.length; i++) {
            repr.append(i == 0 ? "" : ", ").append("('").append(sorted[i].name()).append("', ")
                    .append(sorted[i].repr()).append(')');
        }
        // ObjectListBase declares child_versions = {}, which the checker appends to the tuple.
        repr.append(listType ? "], [], OrderedDict())" : "], [])");
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(repr.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(version).append('-');
            for (byte x : md5) {
                hex.append(Character.forDigit(x >> 4 & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }

    @Override
    public String toString() {
        return name + " " + version;
    }

    // ---- package-private view for the codec and the backlevel rules ----

    int slotCount() {
        return fields.length;
    }

    Field fieldAt(int slot) {
        return fields[slot];
    }

    int slotOf(Field f) {
        return f.id < slotById.length ? slotById[f.id] : -1;
    }

    T create(ObjectState state) {
        return factory.apply(state);
    }

    /** Values the class's Python {@code __init__} sets when not given (only {@code Network} has any). */
    Map<Field, Supplier<Object>> initDefaults() {
        return initDefaults;
    }

    Map<Field, String> addedIn() {
        return addedIn;
    }

    Map<Field, String[]> relationships() {
        return relationships;
    }

    /** The version this class's {@code obj_make_compatible} hands to oslo's base for target {@code t}. */
    String baseVersionFor(String t) {
        if (baseVersionRule == null) {
            return t;
        }
        if (baseVersionRule.length == 1) {
            return baseVersionRule[0];
        }
        return Versions.compare(t, baseVersionRule[0]) < 0 ? baseVersionRule[1] : baseVersionRule[2];
    }

    /** Collects a class's schema; see the os-vif class it mirrors. */
    static final class Builder<T extends VersionedObject> {
        private final String name;
        private final String version;
        private final Function<ObjectState, T> factory;
        private ObjectType<?> parent;
        private final List<Field> own = new ArrayList<>();
        private final Map<Field, String> addedIn = new LinkedHashMap<>();
        private final Map<Field, String[]> relationships = new LinkedHashMap<>();
        private String[] baseVersionRule;
        private boolean listType;
        private final Map<Field, Supplier<Object>> initDefaults = new LinkedHashMap<>();

        private Builder(String name, String version, Function<ObjectState, T> factory) {
            this.name = name;
            this.version = version;
            this.factory = factory;
        }

        Builder<T> parent(ObjectType<?> p) {
            this.parent = p;
            return this;
        }

        Builder<T> fields(Field... f) {
            own.addAll(List.of(f));
            return this;
        }

        /** The field exists from {@code v}; a backlevel below it drops the field. */
        Builder<T> addedIn(String v, Field... f) {
            for (Field x : f) {
                addedIn.put(x, v);
            }
            return this;
        }

        /** {@code super().obj_make_compatible(primitive, v)} whatever the target. */
        Builder<T> baseVersion(String v) {
            this.baseVersionRule = new String[] {v};
            return this;
        }

        /** {@code super().obj_make_compatible(primitive, t < below ? low : high)}. */
        Builder<T> baseVersion(String below, String low, String high) {
            this.baseVersionRule = new String[] {below, low, high};
            return this;
        }

        /** oslo {@code obj_relationships[field] = ((parentVersion, childVersion),)}. */
        Builder<T> relationship(Field f, String parentVersion, String childVersion) {
            relationships.put(f, new String[] {parentVersion, childVersion});
            return this;
        }

        /** The class's Python {@code __init__} sets {@code f} to this value when it is not given. */
        Builder<T> initDefault(Field f, Supplier<Object> value) {
            initDefaults.put(f, value);
            return this;
        }

        /** An oslo {@code ObjectListBase}, whose fingerprint also hashes {@code child_versions}. */
        Builder<T> listType() {
            this.listType = true;
            return this;
        }

        ObjectType<T> build() {
            return new ObjectType<>(this);
        }
    }
}
