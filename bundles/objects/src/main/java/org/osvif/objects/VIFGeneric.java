package org.osvif.objects;

/**
 * os-vif {@code VIFGeneric}: An unbound, floating TUN/TAP device set up by the plugin (libvirt type "ethernet").
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * </ul>
 */
public final class VIFGeneric extends VIFBase {

    /** {@code vif_name}. */
    public static final Field VIF_NAME = Field.of("vif_name", FieldKind.STRING);

    /** The schema of {@code VIFGeneric}. */
    public static final ObjectType<VIFGeneric> TYPE = ObjectType.builder("VIFGeneric", "1.0", VIFGeneric::new)
            .parent(VIFBase.TYPE)
            .fields(VIF_NAME)
            .build();

    VIFGeneric(ObjectState state) {
        super(state);
    }

    /** @return {@code vif_name}, its default or {@code null} when unset */
    public String vifName() {
        return string(VIF_NAME);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code VIFGeneric}. */
    public static final class Builder extends VIFBase.Builder<VIFGeneric, Builder> {
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
    }
}
