package org.osvif.objects;

import java.util.List;

/**
 * os-vif {@code Network}: A network a VIF is plugged into.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * <li>1.1: added mtu</li>
 * </ul>
 */
public final class Network extends VersionedObject {

    /** {@code id}. */
    public static final Field ID = Field.of("id", FieldKind.UUID);

    /** {@code bridge}. */
    public static final Field BRIDGE = Field.of("bridge", FieldKind.STRING);

    /** {@code label}. */
    public static final Field LABEL = Field.of("label", FieldKind.STRING);

    /** {@code subnets}. */
    public static final Field SUBNETS = Field.object("subnets", "SubnetList");

    /** {@code multi_host}. */
    public static final Field MULTI_HOST = Field.of("multi_host", FieldKind.BOOLEAN);

    /** {@code should_provide_bridge}. */
    public static final Field SHOULD_PROVIDE_BRIDGE = Field.of("should_provide_bridge", FieldKind.BOOLEAN);

    /** {@code should_provide_vlan}. */
    public static final Field SHOULD_PROVIDE_VLAN = Field.of("should_provide_vlan", FieldKind.BOOLEAN);

    /** {@code bridge_interface} (nullable). */
    public static final Field BRIDGE_INTERFACE = Field.of("bridge_interface", FieldKind.STRING).nullable();

    /** {@code vlan} (nullable). */
    public static final Field VLAN = Field.of("vlan", FieldKind.INTEGER).nullable();

    /** {@code mtu} (nullable). */
    public static final Field MTU = Field.of("mtu", FieldKind.INTEGER).nullable();

    /** The schema of {@code Network}. */
    public static final ObjectType<Network> TYPE = ObjectType.builder("Network", "1.1", Network::new)
            .fields(ID, BRIDGE, LABEL, SUBNETS, MULTI_HOST, SHOULD_PROVIDE_BRIDGE, SHOULD_PROVIDE_VLAN, BRIDGE_INTERFACE, VLAN, MTU)
            .addedIn("1.1", MTU).baseVersion("1.0")
            // os-vif Network.__init__ defaults
            .initDefault(SUBNETS, () -> SubnetList.of(List.of()))
            .initDefault(MULTI_HOST, () -> Boolean.FALSE)
            .initDefault(SHOULD_PROVIDE_BRIDGE, () -> Boolean.FALSE)
            .initDefault(SHOULD_PROVIDE_VLAN, () -> Boolean.FALSE)
            .initDefault(MTU, () -> null)
            .build();

    Network(ObjectState state) {
        super(state);
    }

    /** @return {@code id}, its default or {@code null} when unset */
    public String id() {
        return string(ID);
    }

    /** @return {@code bridge}, its default or {@code null} when unset */
    public String bridge() {
        return string(BRIDGE);
    }

    /** @return {@code label}, its default or {@code null} when unset */
    public String label() {
        return string(LABEL);
    }

    /** @return {@code subnets}, its default or {@code null} when unset */
    public SubnetList subnets() {
        return object(SUBNETS);
    }

    /** @return {@code multi_host}, its default or {@code null} when unset */
    public Boolean multiHost() {
        return bool(MULTI_HOST);
    }

    /** @return {@code should_provide_bridge}, its default or {@code null} when unset */
    public Boolean shouldProvideBridge() {
        return bool(SHOULD_PROVIDE_BRIDGE);
    }

    /** @return {@code should_provide_vlan}, its default or {@code null} when unset */
    public Boolean shouldProvideVlan() {
        return bool(SHOULD_PROVIDE_VLAN);
    }

    /** @return {@code bridge_interface}, its default or {@code null} when unset */
    public String bridgeInterface() {
        return string(BRIDGE_INTERFACE);
    }

    /** @return {@code vlan}, its default or {@code null} when unset */
    public Long vlan() {
        return integer(VLAN);
    }

    /** @return {@code mtu}, its default or {@code null} when unset */
    public Long mtu() {
        return integer(MTU);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code Network}. */
    public static final class Builder extends VersionedObject.Builder<Network, Builder> {
        Builder() {
            super(TYPE);
        }

        /**
         * @param value {@code id}
         * @return this builder
         */
        public Builder id(String value) {
            return set(ID, value);
        }

        /**
         * @param value {@code bridge}
         * @return this builder
         */
        public Builder bridge(String value) {
            return set(BRIDGE, value);
        }

        /**
         * @param value {@code label}
         * @return this builder
         */
        public Builder label(String value) {
            return set(LABEL, value);
        }

        /**
         * @param value {@code subnets}
         * @return this builder
         */
        public Builder subnets(SubnetList value) {
            return set(SUBNETS, value);
        }

        /**
         * @param value {@code multi_host}
         * @return this builder
         */
        public Builder multiHost(boolean value) {
            return set(MULTI_HOST, value);
        }

        /**
         * @param value {@code should_provide_bridge}
         * @return this builder
         */
        public Builder shouldProvideBridge(boolean value) {
            return set(SHOULD_PROVIDE_BRIDGE, value);
        }

        /**
         * @param value {@code should_provide_vlan}
         * @return this builder
         */
        public Builder shouldProvideVlan(boolean value) {
            return set(SHOULD_PROVIDE_VLAN, value);
        }

        /**
         * @param value {@code bridge_interface}
         * @return this builder
         */
        public Builder bridgeInterface(String value) {
            return set(BRIDGE_INTERFACE, value);
        }

        /**
         * @param value {@code vlan}
         * @return this builder
         */
        public Builder vlan(long value) {
            return set(VLAN, value);
        }

        /**
         * @param value {@code mtu}
         * @return this builder
         */
        public Builder mtu(long value) {
            return set(MTU, value);
        }
    }
}
