package org.osvif.objects;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An os-vif versioned object: immutable, with the version it was read at (or its class's
 * current version when built here) and the set of fields that changed, which the wire format
 * carries as {@code versioned_object.changes}.
 *
 * <p>Immutable rather than Python's mutable model: a host agent hands the same VIF to plugins
 * and threads, and a value that cannot change under them needs no locking. Change tracking is
 * still exact: a builder marks what it sets, and {@link #whatChanged()} follows oslo's
 * {@code obj_what_changed}, so what we write is what Python writes.
 *
 * <p>Getters of the typed subclasses return the value, else the field's os-vif default, else
 * {@code null}; {@link #isSet(Field)} tells a value from an unset field.
 */
public abstract class VersionedObject {

    final ObjectType<?> type;
    final String version;
    final Object[] values;
    final long setMask;
    final long changedMask;
    private long whatChanged = -1;

    VersionedObject(ObjectState s) {
        this.type = s.type;
        this.version = s.version;
        this.values = s.values;
        this.setMask = s.setMask;
        this.changedMask = s.changedMask;
    }

    /** @return the schema of this object's class */
    public ObjectType<?> type() {
        return type;
    }

    /** @return the version this object is at: as read from the wire, or the class's current one */
    public String version() {
        return version;
    }

    /** @return whether the field has a value (possibly {@code null}); unset fields are absent on the wire */
    public boolean isSet(Field f) {
        int slot = type.slotOf(f);
        return slot >= 0 && (setMask & 1L << slot) != 0;
    }

    /**
     * @param f a field of this object's class
     * @return its value, else its default, else {@code null}
     */
    public Object get(Field f) {
        int slot = type.slotOf(f);
        if (slot < 0) {
            throw new IllegalArgumentException(type.name() + " has no field " + f.name());
        }
        if ((setMask & 1L << slot) == 0) {
            return f.defaultValue();
        }
        return values[slot];
    }

    /** @return the names of changed fields, as oslo's {@code obj_what_changed()} reports them */
    public Set<String> whatChanged() {
        long mask = changedSlots();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < type.slotCount(); i++) {
            if ((mask & 1L << i) != 0) {
                names.add(type.fieldAt(i).name());
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /**
     * oslo's {@code obj_what_changed}: own changes, plus any object field whose object has
     * changes. (os-vif's list classes inherit this one, not ObjectListBase's, so a list does not
     * report changes of its elements.)
     */
    long changedSlots() {
        long cached = whatChanged;
        if (cached >= 0) {
            return cached;
        }
        long mask = changedMask;
        for (int i = 0; i < values.length; i++) {
            if ((setMask & 1L << i) == 0 || (mask & 1L << i) != 0) {
                continue;
            }
            Object v = values[i];
            if (v instanceof VersionedObject && ((VersionedObject) v).changedSlots() != 0) {
                mask |= 1L << i;
            }
        }
        whatChanged = mask;
        return mask;
    }

    /**
     * oslo's {@code obj_reset_changes(recursive)}.
     *
     * @param recursive also reset every nested object
     * @return this object with no recorded changes
     */
    public VersionedObject withChangesReset(boolean recursive) {
        Object[] copy = values.clone();
        if (recursive) {
            for (int i = 0; i < copy.length; i++) {
                Object v = copy[i];
                if (v instanceof VersionedObject) {
                    copy[i] = ((VersionedObject) v).withChangesReset(true);
                } else if (v instanceof List && type.fieldAt(i).kind() == FieldKind.OBJECT_LIST) {
                    List<Object> reset = new ArrayList<>();
                    for (Object e : (List<?>) v) {
                        reset.add(((VersionedObject) e).withChangesReset(true));
                    }
                    copy[i] = Collections.unmodifiableList(reset);
                }
            }
        }
        return type.create(new ObjectState(type, version, copy, setMask, 0));
    }

    // ---- typed access for subclasses ----

    final String string(Field f) {
        return (String) get(f);
    }

    final Boolean bool(Field f) {
        return (Boolean) get(f);
    }

    final Long integer(Field f) {
        return (Long) get(f);
    }

    @SuppressWarnings("unchecked")
    final <O extends VersionedObject> O object(Field f) {
        return (O) get(f);
    }

    @SuppressWarnings("unchecked")
    final <E> List<E> list(Field f) {
        return (List<E>) get(f);
    }

    /** Value equality: same class, version, set fields and values. Change tracking is ignored. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VersionedObject)) {
            return false;
        }
        VersionedObject other = (VersionedObject) o;
        return type == other.type && version.equals(other.version) && setMask == other.setMask
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type.name(), version, setMask, Arrays.hashCode(values));
    }

    /** @return the os-vif primitive as JSON, for logs and debugging */
    @Override
    public String toString() {
        return Primitives.toJson(this);
    }

    /**
     * Sets fields of a new object, marking each as changed as Python's attribute assignment does.
     *
     * @param <T> the object class built
     * @param <B> the concrete builder, for chaining
     */
    public abstract static class Builder<T extends VersionedObject, B extends Builder<T, B>> {
        private final ObjectType<T> type;
        private final Object[] values;
        private long setMask;
        private long changedMask;
        private String version;

        Builder(ObjectType<T> type) {
            this.type = type;
            this.values = new Object[type.slotCount()];
            this.version = type.version();
            // Like the class's Python __init__: its defaults are set, and so marked changed.
            for (var d : type.initDefaults().entrySet()) {
                set(d.getKey(), d.getValue().get());
            }
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /**
         * Sets a field, checking and canonicalizing the value as os-vif's field type does.
         *
         * @param f a field of the class being built
         * @param value the value; {@code null} means None (or the default, for non-nullable fields with one)
         * @return this builder
         * @throws ObjectException naming the field when the value is not acceptable
         */
        public B set(Field f, Object value) {
            int slot = type.slotOf(f);
            if (slot < 0) {
                throw new ObjectException(type.name() + "." + f.name(), "not a field of " + type.name());
            }
            values[slot] = FieldValues.coerce(type, f, value);
            setMask |= 1L << slot;
            changedMask |= 1L << slot;
            return self();
        }

        /**
         * Builds an older version of the class, e.g. to hand-craft what an old peer sends.
         *
         * @param v a version of the same major version, not newer than the class's
         * @return this builder
         */
        public B version(String v) {
            if (!Versions.isValid(v) || Versions.major(v) != Versions.major(type.version())
                    || Versions.compare(v, type.version()) > 0) {
                throw new IncompatibleObjectVersionException(type.name(),
                        "version " + v + " is not readable as " + type.name() + " " + type.version());
            }
            this.version = v;
            return self();
        }

        /** @return the immutable object */
        public T build() {
            return type.create(new ObjectState(type, version, values.clone(), setMask, changedMask));
        }
    }
}
