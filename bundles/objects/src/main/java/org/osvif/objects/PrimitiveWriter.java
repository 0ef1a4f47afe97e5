package org.osvif.objects;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Streams objects out as os-vif primitives, optionally backlevelled: the exact output of
 * Python's {@code obj_to_primitive()}, or of {@code obj_to_primitive(target_version=V)} for
 * every object whose class is named in the targets (outermost first; a named nested object is
 * written at its own target, replacing what its parent wrote).
 */
final class PrimitiveWriter {

    private static final SerializableString NAME = new SerializedString(PrimitiveReader.NAME);
    private static final SerializableString NAMESPACE = new SerializedString(PrimitiveReader.NAMESPACE);
    private static final SerializableString VERSION = new SerializedString(PrimitiveReader.VERSION);
    private static final SerializableString DATA = new SerializedString(PrimitiveReader.DATA);
    private static final SerializableString CHANGES = new SerializedString(PrimitiveReader.CHANGES);
    private static final SerializableString OS_VIF = new SerializedString(PrimitiveReader.OS_VIF);

    private PrimitiveWriter() {
    }

    static void write(JsonGenerator g, VersionedObject o, Map<String, String> targets) throws IOException {
        write(g, o, targets, null);
    }

    private static void write(JsonGenerator g, VersionedObject o, Map<String, String> targets, String backport)
            throws IOException {
        ObjectType<?> type = o.type;
        String target = targets.isEmpty() ? null : targets.get(type.name());
        long keep = o.setMask;
        long changes = o.changedSlots() & o.setMask;
        Backlevel plan = null;
        String version = o.version;
        if (target != null && !target.equals(o.version)) {
            if (Versions.compare(target, o.version) > 0) {
                throw new InvalidTargetVersionException(type.name(), "Invalid target version " + target
                        + " (the object is at " + o.version + ")");
            }
            plan = Backlevel.plan(o, target);
            keep = plan.keep;
            changes &= keep;
            version = target;
        } else if (target == null && backport != null) {
            // oslo's _do_subobject_backport: make compatible and relabel, changes left as they were.
            plan = Backlevel.plan(o, backport);
            keep = plan.keep;
            version = backport;
        }
        g.writeStartObject();
        g.writeFieldName(NAME);
        g.writeString(type.jsonName);
        g.writeFieldName(NAMESPACE);
        g.writeString(OS_VIF);
        g.writeFieldName(VERSION);
        if (version.equals(type.version())) {
            g.writeString(type.jsonVersion);
        } else {
            g.writeString(version);
        }
        g.writeFieldName(DATA);
        g.writeStartObject();
        for (int i = 0; i < type.slotCount(); i++) {
            if ((keep & 1L << i) == 0) {
                continue;
            }
            Field f = type.fieldAt(i);
            g.writeFieldName(f.jsonName);
            writeValue(g, f, o.values[i], targets, plan == null ? null : plan.childVersion(i));
        }
        g.writeEndObject();
        if (changes != 0) {
            g.writeFieldName(CHANGES);
            g.writeStartArray();
            for (int i = 0; i < type.slotCount(); i++) {
                if ((changes & 1L << i) != 0) {
                    g.writeString(type.fieldAt(i).jsonName);
                }
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, Field f, Object v, Map<String, String> targets, String backport)
            throws IOException {
        if (v == null) {
            g.writeNull();
            return;
        }
        switch (f.kind()) {
            case BOOLEAN:
                g.writeBoolean((Boolean) v);
                break;
            case INTEGER:
                g.writeNumber((Long) v);
                break;
            case OBJECT:
                write(g, (VersionedObject) v, targets, backport);
                break;
            case OBJECT_LIST:
                g.writeStartArray();
                for (Object e : (List<?>) v) {
                    write(g, (VersionedObject) e, targets, backport);
                }
                g.writeEndArray();
                break;
            case IP_ADDRESS_LIST:
                g.writeStartArray();
                for (Object e : (List<?>) v) {
                    g.writeString((String) e);
                }
                g.writeEndArray();
                break;
            default:
                g.writeString((String) v);
        }
    }
}
