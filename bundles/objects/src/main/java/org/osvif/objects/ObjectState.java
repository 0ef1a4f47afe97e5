package org.osvif.objects;

/** What an object holds, handed from a builder or the decoder to the class's constructor (which copies it). */
final class ObjectState {
    final ObjectType<?> type;
    final String version;
    final Object[] values;
    final long setMask;
    /** Not final: the decoder reads the changes after the data. */
    long changedMask;

    ObjectState(ObjectType<?> type, String version, Object[] values, long setMask, long changedMask) {
        this.type = type;
        this.version = version;
        this.values = values;
        this.setMask = setMask;
        this.changedMask = changedMask;
    }
}
