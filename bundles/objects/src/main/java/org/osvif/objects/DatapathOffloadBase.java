package org.osvif.objects;

/**
 * os-vif {@code DatapathOffloadBase}: Base class for all types of datapath offload.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * </ul>
 */
public class DatapathOffloadBase extends VersionedObject {

    /** The schema of {@code DatapathOffloadBase}. */
    public static final ObjectType<DatapathOffloadBase> TYPE = ObjectType.builder("DatapathOffloadBase", "1.0", DatapathOffloadBase::new)
            .build();

    DatapathOffloadBase(ObjectState state) {
        super(state);
    }

    /**
     * Builds {@code DatapathOffloadBase} and its subclasses.
     *
     * @param <T> the class built
     * @param <B> the concrete builder
     */
    public abstract static class Builder<T extends DatapathOffloadBase, B extends Builder<T, B>> extends VersionedObject.Builder<T, B> {
        Builder(ObjectType<T> type) {
            super(type);
        }
    }

    /** Builds a plain {@code DatapathOffloadBase}. */
    public static final class Plain extends Builder<DatapathOffloadBase, Plain> {
        /** A builder; every field set is marked changed. */
        public Plain() {
            super(TYPE);
        }
    }
}
