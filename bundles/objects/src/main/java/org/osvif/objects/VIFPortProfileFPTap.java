package org.osvif.objects;

/**
 * os-vif {@code VIFPortProfileFPTap}: Port profile of a fast-path VIF for Calico.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * <li>1.1: VIFPortProfileBase 1.1 (datapath_offload)</li>
 * </ul>
 */
public final class VIFPortProfileFPTap extends VIFPortProfileBase {

    /** {@code mac_address} (nullable). */
    public static final Field MAC_ADDRESS = Field.of("mac_address", FieldKind.MAC_ADDRESS).nullable();

    /** The schema of {@code VIFPortProfileFPTap}. */
    public static final ObjectType<VIFPortProfileFPTap> TYPE = ObjectType.builder("VIFPortProfileFPTap", "1.1", VIFPortProfileFPTap::new)
            .parent(VIFPortProfileBase.TYPE)
            .fields(MAC_ADDRESS)
            .baseVersion("1.1", "1.0", "1.1")
            .build();

    VIFPortProfileFPTap(ObjectState state) {
        super(state);
    }

    /** @return {@code mac_address}, its default or {@code null} when unset */
    public String macAddress() {
        return string(MAC_ADDRESS);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code VIFPortProfileFPTap}. */
    public static final class Builder extends VIFPortProfileBase.Builder<VIFPortProfileFPTap, Builder> {
        Builder() {
            super(TYPE);
        }

        /**
         * @param value {@code mac_address}
         * @return this builder
         */
        public Builder macAddress(String value) {
            return set(MAC_ADDRESS, value);
        }
    }
}
