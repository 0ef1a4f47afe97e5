package org.osvif.objects;

/**
 * os-vif {@code HostPortProfileInfo}: A port profile class a plugin supports, with the range of versions it understands.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * </ul>
 */
public final class HostPortProfileInfo extends VersionedObject {

    /** {@code profile_object_name}. */
    public static final Field PROFILE_OBJECT_NAME = Field.of("profile_object_name", FieldKind.STRING);

    /** {@code min_version}. */
    public static final Field MIN_VERSION = Field.of("min_version", FieldKind.STRING);

    /** {@code max_version}. */
    public static final Field MAX_VERSION = Field.of("max_version", FieldKind.STRING);

    /** The schema of {@code HostPortProfileInfo}. */
    public static final ObjectType<HostPortProfileInfo> TYPE = ObjectType.builder("HostPortProfileInfo", "1.0", HostPortProfileInfo::new)
            .fields(PROFILE_OBJECT_NAME, MIN_VERSION, MAX_VERSION)
            .build();

    HostPortProfileInfo(ObjectState state) {
        super(state);
    }

    /** @return {@code profile_object_name}, its default or {@code null} when unset */
    public String profileObjectName() {
        return string(PROFILE_OBJECT_NAME);
    }

    /** @return {@code min_version}, its default or {@code null} when unset */
    public String minVersion() {
        return string(MIN_VERSION);
    }

    /** @return {@code max_version}, its default or {@code null} when unset */
    public String maxVersion() {
        return string(MAX_VERSION);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code HostPortProfileInfo}. */
    public static final class Builder extends VersionedObject.Builder<HostPortProfileInfo, Builder> {
        Builder() {
            super(TYPE);
        }

        /**
         * @param value {@code profile_object_name}
         * @return this builder
         */
        public Builder profileObjectName(String value) {
            return set(PROFILE_OBJECT_NAME, value);
        }

        /**
         * @param value {@code min_version}
         * @return this builder
         */
        public Builder minVersion(String value) {
            return set(MIN_VERSION, value);
        }

        /**
         * @param value {@code max_version}
         * @return this builder
         */
        public Builder maxVersion(String value) {
            return set(MAX_VERSION, value);
        }
    }


    /**
     * os-vif's {@code get_common_version}: the highest version of the profile class that both
     * this range and this library can handle.
     *
     * @return e.g. {@code 1.3}
     * @throws NoMatchingPortProfileClass if we have no such class
     * @throws NoSupportedPortProfileVersion if no version we can write is in the range
     */
    public String commonVersion() {
        return Negotiation.commonVersion(profileObjectName(), minVersion(), maxVersion(), null, true);
    }
}
