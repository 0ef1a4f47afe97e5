package org.osvif.objects;

/**
 * os-vif {@code VIFPortProfileFPOpenVSwitch}: Port profile of a fast-path VIF on an Open vSwitch port.
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
public final class VIFPortProfileFPOpenVSwitch extends VIFPortProfileOpenVSwitch {

    /** {@code bridge_name}. */
    public static final Field BRIDGE_NAME = Field.of("bridge_name", FieldKind.STRING);

    /** {@code hybrid_plug} (default false). */
    public static final Field HYBRID_PLUG = Field.of("hybrid_plug", FieldKind.BOOLEAN).withDefault(Boolean.FALSE);

    /** The schema of {@code VIFPortProfileFPOpenVSwitch}. */
    public static final ObjectType<VIFPortProfileFPOpenVSwitch> TYPE = ObjectType.builder("VIFPortProfileFPOpenVSwitch", "1.4", VIFPortProfileFPOpenVSwitch::new)
            .parent(VIFPortProfileOpenVSwitch.TYPE)
            .fields(BRIDGE_NAME, HYBRID_PLUG)
            .build();

    VIFPortProfileFPOpenVSwitch(ObjectState state) {
        super(state);
    }

    /** @return {@code bridge_name}, its default or {@code null} when unset */
    public String bridgeName() {
        return string(BRIDGE_NAME);
    }

    /** @return {@code hybrid_plug}, its default or {@code null} when unset */
    public Boolean hybridPlug() {
        return bool(HYBRID_PLUG);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code VIFPortProfileFPOpenVSwitch}. */
    public static final class Builder extends VIFPortProfileOpenVSwitch.Builder<VIFPortProfileFPOpenVSwitch, Builder> {
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

        /**
         * @param value {@code hybrid_plug}
         * @return this builder
         */
        public Builder hybridPlug(boolean value) {
            return set(HYBRID_PLUG, value);
        }
    }
}
