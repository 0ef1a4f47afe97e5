package org.osvif.objects;

/**
 * os-vif {@code VIFPortProfileBase}: Base of all port profiles. os-vif registers it as a class of its own.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * <li>1.1: added datapath_offload</li>
 * </ul>
 */
public class VIFPortProfileBase extends VersionedObject {

    /** {@code datapath_offload} (nullable). */
    public static final Field DATAPATH_OFFLOAD = Field.object("datapath_offload", "DatapathOffloadBase").nullable().subclasses();

    /** The schema of {@code VIFPortProfileBase}. */
    public static final ObjectType<VIFPortProfileBase> TYPE = ObjectType.builder("VIFPortProfileBase", "1.1", VIFPortProfileBase::new)
            .fields(DATAPATH_OFFLOAD)
            .relationship(DATAPATH_OFFLOAD, "1.1", "1.0")
            .build();

    VIFPortProfileBase(ObjectState state) {
        super(state);
    }

    /** @return {@code datapath_offload}, its default or {@code null} when unset */
    public DatapathOffloadBase datapathOffload() {
        return object(DATAPATH_OFFLOAD);
    }

    /**
     * Builds {@code VIFPortProfileBase} and its subclasses.
     *
     * @param <T> the class built
     * @param <B> the concrete builder
     */
    public abstract static class Builder<T extends VIFPortProfileBase, B extends Builder<T, B>> extends VersionedObject.Builder<T, B> {
        Builder(ObjectType<T> type) {
            super(type);
        }

        /**
         * @param value {@code datapath_offload}
         * @return this builder
         */
        public B datapathOffload(DatapathOffloadBase value) {
            return set(DATAPATH_OFFLOAD, value);
        }
    }

    /** Builds a plain {@code VIFPortProfileBase}. */
    public static final class Plain extends Builder<VIFPortProfileBase, Plain> {
        /** A builder; every field set is marked changed. */
        public Plain() {
            super(TYPE);
        }
    }
}
