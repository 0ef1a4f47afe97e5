package org.osvif.objects;

import java.util.List;

/**
 * os-vif {@code FixedIP}: A fixed IP address and its floating IPs.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * </ul>
 */
public final class FixedIP extends VersionedObject {

    /** {@code address}. */
    public static final Field ADDRESS = Field.of("address", FieldKind.IP_ADDRESS);

    /** {@code floating_ips}. */
    public static final Field FLOATING_IPS = Field.of("floating_ips", FieldKind.IP_ADDRESS_LIST);

    /** The schema of {@code FixedIP}. */
    public static final ObjectType<FixedIP> TYPE = ObjectType.builder("FixedIP", "1.0", FixedIP::new)
            .fields(ADDRESS, FLOATING_IPS)
            .build();

    FixedIP(ObjectState state) {
        super(state);
    }

    /** @return {@code address}, its default or {@code null} when unset */
    public String address() {
        return string(ADDRESS);
    }

    /** @return {@code floating_ips}, its default or {@code null} when unset */
    public List<String> floatingIps() {
        return list(FLOATING_IPS);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code FixedIP}. */
    public static final class Builder extends VersionedObject.Builder<FixedIP, Builder> {
        Builder() {
            super(TYPE);
        }

        /**
         * @param value {@code address}
         * @return this builder
         */
        public Builder address(String value) {
            return set(ADDRESS, value);
        }

        /**
         * @param value {@code floating_ips}
         * @return this builder
         */
        public Builder floatingIps(List<String> value) {
            return set(FLOATING_IPS, value);
        }
    }
}
