package org.osvif.objects;

import java.util.List;

/**
 * os-vif {@code VIFVHostUser}: A vhost-user VIF: a userspace backend reached over a UNIX socket (libvirt type "vhostuser").
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * <li>1.1: added vif_name</li>
 * </ul>
 */
public final class VIFVHostUser extends VIFBase {

    /** {@code vif_name}. */
    public static final Field VIF_NAME = Field.of("vif_name", FieldKind.STRING);

    /** {@code path}. */
    public static final Field PATH = Field.of("path", FieldKind.STRING);

    /** {@code mode}. */
    public static final Field MODE = Field.enumeration("mode", "VIFVHostUserMode", List.of("client", "server"));

    /** The schema of {@code VIFVHostUser}. */
    public static final ObjectType<VIFVHostUser> TYPE = ObjectType.builder("VIFVHostUser", "1.1", VIFVHostUser::new)
            .parent(VIFBase.TYPE)
            .fields(VIF_NAME, PATH, MODE)
            .addedIn("1.1", VIF_NAME).baseVersion("1.0")
            .build();

    VIFVHostUser(ObjectState state) {
        super(state);
    }

    /** @return {@code vif_name}, its default or {@code null} when unset */
    public String vifName() {
        return string(VIF_NAME);
    }

    /** @return {@code path}, its default or {@code null} when unset */
    public String path() {
        return string(PATH);
    }

    /** @return {@code mode}, its default or {@code null} when unset */
    public String mode() {
        return string(MODE);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code VIFVHostUser}. */
    public static final class Builder extends VIFBase.Builder<VIFVHostUser, Builder> {
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
         * @param value {@code path}
         * @return this builder
         */
        public Builder path(String value) {
            return set(PATH, value);
        }

        /**
         * @param value {@code mode}
         * @return this builder
         */
        public Builder mode(String value) {
            return set(MODE, value);
        }
    }
}
