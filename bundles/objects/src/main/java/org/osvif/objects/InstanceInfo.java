package org.osvif.objects;

/**
 * os-vif {@code InstanceInfo}: What a plugin needs to know of the instance a VIF belongs to.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * </ul>
 */
public final class InstanceInfo extends VersionedObject {

    /** {@code uuid}. */
    public static final Field UUID = Field.of("uuid", FieldKind.UUID);

    /** {@code name}. */
    public static final Field NAME = Field.of("name", FieldKind.STRING);

    /** {@code project_id}. */
    public static final Field PROJECT_ID = Field.of("project_id", FieldKind.STRING);

    /** The schema of {@code InstanceInfo}. */
    public static final ObjectType<InstanceInfo> TYPE = ObjectType.builder("InstanceInfo", "1.0", InstanceInfo::new)
            .fields(UUID, NAME, PROJECT_ID)
            .build();

    InstanceInfo(ObjectState state) {
        super(state);
    }

    /** @return {@code uuid}, its default or {@code null} when unset */
    public String uuid() {
        return string(UUID);
    }

    /** @return {@code name}, its default or {@code null} when unset */
    public String name() {
        return string(NAME);
    }

    /** @return {@code project_id}, its default or {@code null} when unset */
    public String projectId() {
        return string(PROJECT_ID);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code InstanceInfo}. */
    public static final class Builder extends VersionedObject.Builder<InstanceInfo, Builder> {
        Builder() {
            super(TYPE);
        }

        /**
         * @param value {@code uuid}
         * @return this builder
         */
        public Builder uuid(String value) {
            return set(UUID, value);
        }

        /**
         * @param value {@code name}
         * @return this builder
         */
        public Builder name(String value) {
            return set(NAME, value);
        }

        /**
         * @param value {@code project_id}
         * @return this builder
         */
        public Builder projectId(String value) {
            return set(PROJECT_ID, value);
        }
    }
}
