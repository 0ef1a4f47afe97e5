package org.osvif.objects;

/**
 * os-vif {@code VIFPortProfile8021Qbg}: Port profile of a VEPA 802.1Qbg device.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * <li>1.1: VIFPortProfileBase 1.1 (datapath_offload)</li>
 * </ul>
 */
public final class VIFPortProfile8021Qbg extends VIFPortProfileBase {

    /** {@code manager_id}. */
    public static final Field MANAGER_ID = Field.of("manager_id", FieldKind.INTEGER);

    /** {@code type_id}. */
    public static final Field TYPE_ID = Field.of("type_id", FieldKind.INTEGER);

    /** {@code type_id_version}. */
    public static final Field TYPE_ID_VERSION = Field.of("type_id_version", FieldKind.INTEGER);

    /** {@code instance_id}. */
    public static final Field INSTANCE_ID = Field.of("instance_id", FieldKind.UUID);

    /** The schema of {@code VIFPortProfile8021Qbg}. */
    public static final ObjectType<VIFPortProfile8021Qbg> TYPE = ObjectType.builder("VIFPortProfile8021Qbg", "1.1", VIFPortProfile8021Qbg::new)
            .parent(VIFPortProfileBase.TYPE)
            .fields(MANAGER_ID, TYPE_ID, TYPE_ID_VERSION, INSTANCE_ID)
            .baseVersion("1.1", "1.0", "1.1")
            .build();

    VIFPortProfile8021Qbg(ObjectState state) {
        super(state);
    }

    /** @return {@code manager_id}, its default or {@code null} when unset */
    public Long managerId() {
        return integer(MANAGER_ID);
    }

    /** @return {@code type_id}, its default or {@code null} when unset */
    public Long typeId() {
        return integer(TYPE_ID);
    }

    /** @return {@code type_id_version}, its default or {@code null} when unset */
    public Long typeIdVersion() {
        return integer(TYPE_ID_VERSION);
    }

    /** @return {@code instance_id}, its default or {@code null} when unset */
    public String instanceId() {
        return string(INSTANCE_ID);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code VIFPortProfile8021Qbg}. */
    public static final class Builder extends VIFPortProfileBase.Builder<VIFPortProfile8021Qbg, Builder> {
        Builder() {
            super(TYPE);
        }

        /**
         * @param value {@code manager_id}
         * @return this builder
         */
        public Builder managerId(long value) {
            return set(MANAGER_ID, value);
        }

        /**
         * @param value {@code type_id}
         * @return this builder
         */
        public Builder typeId(long value) {
            return set(TYPE_ID, value);
        }

        /**
         * @param value {@code type_id_version}
         * @return this builder
         */
        public Builder typeIdVersion(long value) {
            return set(TYPE_ID_VERSION, value);
        }

        /**
         * @param value {@code instance_id}
         * @return this builder
         */
        public Builder instanceId(String value) {
            return set(INSTANCE_ID, value);
        }
    }
}
