package org.osvif.objects;

/**
 * os-vif {@code VIFPortProfileOVSRepresentor}: Port profile of a VF representor on an Open vSwitch port (deprecated in os-vif for {@code datapath_offload}).
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * <li>1.1: VIFPortProfileOpenVSwitch 1.1</li>
 * <li>1.2: VIFPortProfileOpenVSwitch 1.2</li>
 * <li>1.3: VIFPortProfileOpenVSwitch 1.3</li>
 * <li>1.4: VIFPortProfileOpenVSwitch 1.4</li>
 * </ul>
 */
public final class VIFPortProfileOVSRepresentor extends VIFPortProfileOpenVSwitch {

    /** {@code representor_name} (nullable). */
    public static final Field REPRESENTOR_NAME = Field.of("representor_name", FieldKind.STRING).nullable();

    /** {@code representor_address} (nullable). */
    public static final Field REPRESENTOR_ADDRESS = Field.of("representor_address", FieldKind.PCI_ADDRESS).nullable();

    /** The schema of {@code VIFPortProfileOVSRepresentor}. */
    public static final ObjectType<VIFPortProfileOVSRepresentor> TYPE = ObjectType.builder("VIFPortProfileOVSRepresentor", "1.4", VIFPortProfileOVSRepresentor::new)
            .parent(VIFPortProfileOpenVSwitch.TYPE)
            .fields(REPRESENTOR_NAME, REPRESENTOR_ADDRESS)
            .build();

    VIFPortProfileOVSRepresentor(ObjectState state) {
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

    /** Builds {@code VIFPortProfileOVSRepresentor}. */
    public static final class Builder extends VIFPortProfileOpenVSwitch.Builder<VIFPortProfileOVSRepresentor, Builder> {
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
