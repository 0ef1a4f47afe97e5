package org.osvif.objects;

/**
 * What os-vif's {@code obj_make_compatible} does to an object's primitive for a target version:
 * which fields stay, and which nested object must itself be written at an older version. Read
 * from the class's schema ({@link ObjectType.Builder#addedIn}, {@code baseVersion},
 * {@code relationship}) rather than coded per class.
 */
final class Backlevel {

    /** Slots kept in the written primitive. */
    final long keep;
    /** Per slot, the version oslo backports that nested object to, or null. */
    final String[] childVersion;

    private Backlevel(long keep, String[] childVersion) {
        this.keep = keep;
        this.childVersion = childVersion;
    }

    /**
     * The class's own rules drop fields newer than {@code target}; oslo's base rule then visits
     * every object-valued field that is set on the object (even one the class just dropped):
     * with a relationship it drops or backports the child, without one it refuses
     * ({@code No rule for <field>}).
     */
    static Backlevel plan(VersionedObject o, String target) {
        ObjectType<?> type = o.type;
        long keep = o.setMask;
        for (var e : type.addedIn().entrySet()) {
            if (Versions.compare(target, e.getValue()) < 0) {
                keep &= ~(1L << type.slotOf(e.getKey()));
            }
        }
        String base = type.baseVersionFor(target);
        String[] child = null;
        for (int i = 0; i < type.slotCount(); i++) {
            Field f = type.fieldAt(i);
            if (!f.kind().holdsObjects() || (o.setMask & 1L << i) == 0) {
                continue;
            }
            String[] rel = type.relationships().get(f);
            if (rel == null) {
                throw new ObjectActionException(type.name() + "." + f.name(),
                        "Object action obj_make_compatible failed because: No rule for " + f.name());
            }
            // oslo's _get_subobject_version for a single (parent, child) pair.
            int c = Versions.compare(base, rel[0]);
            if (c < 0) {
                keep &= ~(1L << i);
            } else if (c == 0 && o.values[i] != null) {
                if (child == null) {
                    child = new String[type.slotCount()];
                }
                child[i] = rel[1];
            }
        }
        return new Backlevel(keep, child);
    }

    String childVersion(int slot) {
        return childVersion == null ? null : childVersion[slot];
    }
}
