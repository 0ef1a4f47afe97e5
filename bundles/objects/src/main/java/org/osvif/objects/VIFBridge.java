package org.osvif.objects;

/**
 * os-vif {@code VIFBridge}: A VIF bound to a Linux bridge by the hypervisor (libvirt type "bridge").
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * </ul>
 */
public final class VIFBridge extends VIFBase {

    /** {@code vif_name}. */
    public static final Field VIF_NAME = Field.of("vif_name", FieldKind.STRING);

    /** {@code bridge_name}. */
    public static final Field BRIDGE_NAME = Field.of("bridge_name", FieldKind.STRING);

    /** The schema of {@code VIFBridge}. */
    public static final ObjectType<VIFBridge> TYPE = ObjectType.builder("VIFBridge", "1.0", VIFBridge::new)
            .parent(VIFBase.TYPE)
            .fields(VIF_NAME, BRIDGE_NAME)
            .build();

    VIFBridge(ObjectState state) {
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

    /** Builds {@code VIFBridge}. */
    public static final class Builder extends VIFBase.Builder<VIFBridge, Builder> {
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
