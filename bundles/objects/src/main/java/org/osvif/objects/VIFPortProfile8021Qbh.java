package org.osvif.objects;

/**
 * os-vif {@code VIFPortProfile8021Qbh}: Port profile of a VEPA 802.1Qbh device.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * <li>1.1: VIFPortProfileBase 1.1 (datapath_offload)</li>
 * </ul>
 */
public final class VIFPortProfile8021Qbh extends VIFPortProfileBase {

    /** {@code profile_id}. */
    public static final Field PROFILE_ID = Field.of("profile_id", FieldKind.STRING);

    /** The schema of {@code VIFPortProfile8021Qbh}. */
    public static final ObjectType<VIFPortProfile8021Qbh> TYPE = ObjectType.builder("VIFPortProfile8021Qbh", "1.1", VIFPortProfile8021Qbh::new)
            .parent(VIFPortProfileBase.TYPE)
            .fields(PROFILE_ID)
            .baseVersion("1.1", "1.0", "1.1")
            .build();

    VIFPortProfile8021Qbh(ObjectState state) {
        super(state);
    }

    /** @return {@code profile_id}, its default or {@code null} when unset */
    public String profileId() {
        return string(PROFILE_ID);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code VIFPortProfile8021Qbh}. */
    public static final class Builder extends VIFPortProfileBase.Builder<VIFPortProfile8021Qbh, Builder> {
        Builder() {
            super(TYPE);
        }

        /**
         * @param value {@code profile_id}
         * @return this builder
         */
        public Builder profileId(String value) {
            return set(PROFILE_ID, value);
        }
    }
}
