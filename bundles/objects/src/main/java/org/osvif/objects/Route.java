package org.osvif.objects;

/**
 * os-vif {@code Route}: A route of a subnet.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * </ul>
 */
public final class Route extends VersionedObject {

    /** {@code cidr}. */
    public static final Field CIDR = Field.of("cidr", FieldKind.IP_NETWORK);

    /** {@code gateway}. */
    public static final Field GATEWAY = Field.of("gateway", FieldKind.IP_ADDRESS);

    /** {@code interface}. */
    public static final Field INTERFACE = Field.of("interface", FieldKind.STRING);

    /** The schema of {@code Route}. */
    public static final ObjectType<Route> TYPE = ObjectType.builder("Route", "1.0", Route::new)
            .fields(CIDR, GATEWAY, INTERFACE)
            .build();

    Route(ObjectState state) {
        super(state);
    }

    /** @return {@code cidr}, its default or {@code null} when unset */
    public String cidr() {
        return string(CIDR);
    }

    /** @return {@code gateway}, its default or {@code null} when unset */
    public String gateway() {
        return string(GATEWAY);
    }

    /** @return {@code interface}, its default or {@code null} when unset */
    public String interfaceName() {
        return string(INTERFACE);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code Route}. */
    public static final class Builder extends VersionedObject.Builder<Route, Builder> {
        Builder() {
            super(TYPE);
        }

        /**
         * @param value {@code cidr}
         * @return this builder
         */
        public Builder cidr(String value) {
            return set(CIDR, value);
        }

        /**
         * @param value {@code gateway}
         * @return this builder
         */
        public Builder gateway(String value) {
            return set(GATEWAY, value);
        }

        /**
         * @param value {@code interface}
         * @return this builder
         */
        public Builder interfaceName(String value) {
            return set(INTERFACE, value);
        }
    }
}
