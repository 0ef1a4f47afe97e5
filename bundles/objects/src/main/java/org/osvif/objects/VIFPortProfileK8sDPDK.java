package org.osvif.objects;

/**
 * os-vif {@code VIFPortProfileK8sDPDK}: Port profile of a nested DPDK VIF used by a Kubernetes pod.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * <li>1.1: VIFPortProfileBase 1.1 (datapath_offload)</li>
 * </ul>
 */
public final class VIFPortProfileK8sDPDK extends VIFPortProfileBase {

    /** {@code l3_setup}. */
    public static final Field L3_SETUP = Field.of("l3_setup", FieldKind.BOOLEAN);

    /** {@code selflink}. */
    public static final Field SELFLINK = Field.of("selflink", FieldKind.STRING);

    /** {@code resourceversion}. */
    public static final Field RESOURCEVERSION = Field.of("resourceversion", FieldKind.STRING);

    /** The schema of {@code VIFPortProfileK8sDPDK}. */
    public static final ObjectType<VIFPortProfileK8sDPDK> TYPE = ObjectType.builder("VIFPortProfileK8sDPDK", "1.1", VIFPortProfileK8sDPDK::new)
            .parent(VIFPortProfileBase.TYPE)
            .fields(L3_SETUP, SELFLINK, RESOURCEVERSION)
            .baseVersion("1.1", "1.0", "1.1")
            .build();

    VIFPortProfileK8sDPDK(ObjectState state) {
        super(state);
    }

    /** @return {@code l3_setup}, its default or {@code null} when unset */
    public Boolean l3Setup() {
        return bool(L3_SETUP);
    }

    /** @return {@code selflink}, its default or {@code null} when unset */
    public String selflink() {
        return string(SELFLINK);
    }

    /** @return {@code resourceversion}, its default or {@code null} when unset */
    public String resourceversion() {
        return string(RESOURCEVERSION);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code VIFPortProfileK8sDPDK}. */
    public static final class Builder extends VIFPortProfileBase.Builder<VIFPortProfileK8sDPDK, Builder> {
        Builder() {
            super(TYPE);
        }

        /**
         * @param value {@code l3_setup}
         * @return this builder
         */
        public Builder l3Setup(boolean value) {
            return set(L3_SETUP, value);
        }

        /**
         * @param value {@code selflink}
         * @return this builder
         */
        public Builder selflink(String value) {
            return set(SELFLINK, value);
        }

        /**
         * @param value {@code resourceversion}
         * @return this builder
         */
        public Builder resourceversion(String value) {
            return set(RESOURCEVERSION, value);
        }
    }
}
