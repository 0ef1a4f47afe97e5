package org.osvif.objects;

/**
 * os-vif {@code VIFPortProfileFPBridge}: Port profile of a fast-path VIF on a Linux bridge.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * <li>1.1: VIFPortProfileBase 1.1 (datapath_offload)</li>
 * </ul>
 */
public final class VIFPortProfileFPBridge extends VIFPortProfileBase {

    /** {@code bridge_name}. */
    public static final Field BRIDGE_NAME = Field.of("bridge_name", FieldKind.STRING);

    /** The schema of {@code VIFPortProfileFPBridge}. */
    public static final ObjectType<VIFPortProfileFPBridge> TYPE = ObjectType.builder("VIFPortProfileFPBridge", "1.1", VIFPortProfileFPBridge::new)
            .parent(VIFPortProfileBase.TYPE)
            .fields(BRIDGE_NAME)
            .baseVersion("1.1", "1.0", "1.1")
            .build();

    VIFPortProfileFPBridge(ObjectState state) {
        super(state);
    }

    /** @return {@code bridge_name}, its default or {@code null} when unset */
    public String bridgeName() {
        return string(BRIDGE_NAME);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code VIFPortProfileFPBridge}. */
    public static final class Builder extends VIFPortProfileBase.Builder<VIFPortProfileFPBridge, Builder> {
        Builder() {
            super(TYPE);
        }

        /**
         * @param value {@code bridge_name}
         * @return this builder
         */
        public Builder bridgeName(String value) {
            return set(BRIDGE_NAME, value);
        }
    }
}
