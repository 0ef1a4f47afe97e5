package org.osvif.objects;

import java.util.List;

/**
 * os-vif {@code Subnet}: A subnet of a network.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * </ul>
 */
public final class Subnet extends VersionedObject {

    /** {@code cidr}. */
    public static final Field CIDR = Field.of("cidr", FieldKind.IP_NETWORK);

    /** {@code dns}. */
    public static final Field DNS = Field.of("dns", FieldKind.IP_ADDRESS_LIST);

    /** {@code gateway}. */
    public static final Field GATEWAY = Field.of("gateway", FieldKind.IP_ADDRESS);

    /** {@code ips}. */
    public static final Field IPS = Field.object("ips", "FixedIPList");

    /** {@code routes}. */
    public static final Field ROUTES = Field.object("routes", "RouteList");

    /** {@code dhcp_server}. */
    public static final Field DHCP_SERVER = Field.of("dhcp_server", FieldKind.IP_ADDRESS);

    /** The schema of {@code Subnet}. */
    public static final ObjectType<Subnet> TYPE = ObjectType.builder("Subnet", "1.0", Subnet::new)
            .fields(CIDR, DNS, GATEWAY, IPS, ROUTES, DHCP_SERVER)
            .build();

    Subnet(ObjectState state) {
        super(state);
    }

    /** @return {@code cidr}, its default or {@code null} when unset */
    public String cidr() {
        return string(CIDR);
    }

    /** @return {@code dns}, its default or {@code null} when unset */
    public List<String> dns() {
        return list(DNS);
    }

    /** @return {@code gateway}, its default or {@code null} when unset */
    public String gateway() {
        return string(GATEWAY);
    }

    /** @return {@code ips}, its default or {@code null} when unset */
    public FixedIPList ips() {
        return object(IPS);
    }

    /** @return {@code routes}, its default or {@code null} when unset */
    public RouteList routes() {
        return object(ROUTES);
    }

    /** @return {@code dhcp_server}, its default or {@code null} when unset */
    public String dhcpServer() {
        return string(DHCP_SERVER);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code Subnet}. */
    public static final class Builder extends VersionedObject.Builder<Subnet, Builder> {
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
         * @param value {@code dns}
         * @return this builder
         */
        public Builder dns(List<String> value) {
            return set(DNS, value);
        }

        /**
         * @param value {@code gateway}
         * @return this builder
         */
        public Builder gateway(String value) {
            return set(GATEWAY, value);
        }

        /**
         * @param value {@code ips}
         * @return this builder
         */
        public Builder ips(FixedIPList value) {
            return set(IPS, value);
        }

        /**
         * @param value {@code routes}
         * @return this builder
         */
        public Builder routes(RouteList value) {
            return set(ROUTES, value);
        }

        /**
         * @param value {@code dhcp_server}
         * @return this builder
         */
        public Builder dhcpServer(String value) {
            return set(DHCP_SERVER, value);
        }
    }
}
