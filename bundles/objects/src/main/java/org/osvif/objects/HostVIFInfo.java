package org.osvif.objects;

import java.util.List;

/**
 * os-vif {@code HostVIFInfo}: A VIF class a plugin supports, with the range of versions it understands and the port profiles it takes.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * <li>1.1: added supported_port_profiles</li>
 * </ul>
 */
public final class HostVIFInfo extends VersionedObject {

    /** {@code vif_object_name}. */
    public static final Field VIF_OBJECT_NAME = Field.of("vif_object_name", FieldKind.STRING);

    /** {@code min_version}. */
    public static final Field MIN_VERSION = Field.of("min_version", FieldKind.STRING);

    /** {@code max_version}. */
    public static final Field MAX_VERSION = Field.of("max_version", FieldKind.STRING);

    /** {@code supported_port_profiles}. */
    public static final Field SUPPORTED_PORT_PROFILES = Field.objectList("supported_port_profiles", "HostPortProfileInfo");

    /** The schema of {@code HostVIFInfo}. */
    public static final ObjectType<HostVIFInfo> TYPE = ObjectType.builder("HostVIFInfo", "1.1", HostVIFInfo::new)
            .fields(VIF_OBJECT_NAME, MIN_VERSION, MAX_VERSION, SUPPORTED_PORT_PROFILES)
            .addedIn("1.1", SUPPORTED_PORT_PROFILES).baseVersion("1.0")
            .build();

    HostVIFInfo(ObjectState state) {
        super(state);
    }

    /** @return {@code vif_object_name}, its default or {@code null} when unset */
    public String vifObjectName() {
        return string(VIF_OBJECT_NAME);
    }

    /** @return {@code min_version}, its default or {@code null} when unset */
    public String minVersion() {
        return string(MIN_VERSION);
    }

    /** @return {@code max_version}, its default or {@code null} when unset */
    public String maxVersion() {
        return string(MAX_VERSION);
    }

    /** @return {@code supported_port_profiles}, its default or {@code null} when unset */
    public List<HostPortProfileInfo> supportedPortProfiles() {
        return list(SUPPORTED_PORT_PROFILES);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code HostVIFInfo}. */
    public static final class Builder extends VersionedObject.Builder<HostVIFInfo, Builder> {
        Builder() {
            super(TYPE);
        }

        /**
         * @param value {@code vif_object_name}
         * @return this builder
         */
        public Builder vifObjectName(String value) {
            return set(VIF_OBJECT_NAME, value);
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

        /**
         * @param value {@code supported_port_profiles}
         * @return this builder
         */
        public Builder supportedPortProfiles(List<HostPortProfileInfo> value) {
            return set(SUPPORTED_PORT_PROFILES, value);
        }
    }


    /**
     * os-vif's {@code get_common_version}: the highest version of the VIF class that both this
     * range and this library can handle.
     *
     * @return e.g. {@code 1.0}
     * @throws NoMatchingVIFClass if we have no such class
     * @throws NoSupportedVIFVersion if no version we can write is in the range
     */
    public String commonVersion() {
        return Negotiation.commonVersion(vifObjectName(), minVersion(), maxVersion(), null, false);
    }
}
