package org.osvif.objects;

/**
 * os-vif {@code VIFOpenVSwitch}: A VIF bound to an Open vSwitch bridge (libvirt type "bridge").
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * </ul>
 */
public final class VIFOpenVSwitch extends VIFBase {

    /** {@code vif_name}. */
    public static final Field VIF_NAME = Field.of("vif_name", FieldKind.STRING);

    /** {@code bridge_name}. */
    public static final Field BRIDGE_NAME = Field.of("bridge_name", FieldKind.STRING);

    /** The schema of {@code VIFOpenVSwitch}. */
    public static final ObjectType<VIFOpenVSwitch> TYPE = ObjectType.builder("VIFOpenVSwitch", "1.0", VIFOpenVSwitch::new)
            .parent(VIFBase.TYPE)
            .fields(VIF_NAME, BRIDGE_NAME)
            .build();

    VIFOpenVSwitch(ObjectState state) {
        super(state);
    }

    /** @return {@code vif_name}, its default or {@code null} when unset */
    public String vifName() {
        return string(VIF_NAME);
    }

    /** @return {@code bridge_name}, its default or {@code null} when unset */
    public String bridgeName() {
        return string(BRIDGE_NAME);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code VIFOpenVSwitch}. */
    public static final class Builder extends VIFBase.Builder<VIFOpenVSwitch, Builder> {
        Builder() {
            super(TYPE);
        }

        /**
         * @param value {@code vif_name}
         * @return this builder
         */
        public Builder vifName(String value) {
            return set(VIF_NAME, value);
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
