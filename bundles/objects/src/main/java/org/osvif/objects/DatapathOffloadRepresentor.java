package org.osvif.objects;

/**
 * os-vif {@code DatapathOffloadRepresentor}: Offload type for VF representors conforming to the switchdev model; a {@code representor_name} asks to rename the representor on plugging.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * </ul>
 */
public final class DatapathOffloadRepresentor extends DatapathOffloadBase {

    /** {@code representor_name} (nullable). */
    public static final Field REPRESENTOR_NAME = Field.of("representor_name", FieldKind.STRING).nullable();

    /** {@code representor_address} (nullable). */
    public static final Field REPRESENTOR_ADDRESS = Field.of("representor_address", FieldKind.STRING).nullable();

    /** The schema of {@code DatapathOffloadRepresentor}. */
    public static final ObjectType<DatapathOffloadRepresentor> TYPE = ObjectType.builder("DatapathOffloadRepresentor", "1.0", DatapathOffloadRepresentor::new)
            .parent(DatapathOffloadBase.TYPE)
            .fields(REPRESENTOR_NAME, REPRESENTOR_ADDRESS)
            .build();

    DatapathOffloadRepresentor(ObjectState state) {
        super(state);
    }

    /** @return {@code representor_name}, its default or {@code null} when unset */
    public String representorName() {
        return string(REPRESENTOR_NAME);
    }

    /** @return {@code representor_address}, its default or {@code null} when unset */
    public String representorAddress() {
        return string(REPRESENTOR_ADDRESS);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code DatapathOffloadRepresentor}. */
    public static final class Builder extends DatapathOffloadBase.Builder<DatapathOffloadRepresentor, Builder> {
        Builder() {
            super(TYPE);
        }

        /**
         * @param value {@code representor_name}
         * @return this builder
         */
        public Builder representorName(String value) {
            return set(REPRESENTOR_NAME, value);
        }

        /**
         * @param value {@code representor_address}
         * @return this builder
         */
        public Builder representorAddress(String value) {
            return set(REPRESENTOR_ADDRESS, value);
        }
    }
}
