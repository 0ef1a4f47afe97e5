package org.osvif.objects;

/**
 * os-vif {@code VIFBase}: A virtual network interface: the fields every kind of VIF has. os-vif registers it as a class of its own, so it can be read and written, but plugins get a subclass.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * </ul>
 */
public class VIFBase extends VersionedObject {

    /** {@code id}. */
    public static final Field ID = Field.of("id", FieldKind.UUID);

    /** {@code address} (nullable). */
    public static final Field ADDRESS = Field.of("address", FieldKind.MAC_ADDRESS).nullable();

    /** {@code network} (nullable). */
    public static final Field NETWORK = Field.object("network", "Network").nullable();

    /** {@code plugin}. */
    public static final Field PLUGIN = Field.of("plugin", FieldKind.STRING);

    /** {@code active} (default true). */
    public static final Field ACTIVE = Field.of("active", FieldKind.BOOLEAN).withDefault(Boolean.TRUE);

    /** {@code preserve_on_delete} (default false). */
    public static final Field PRESERVE_ON_DELETE = Field.of("preserve_on_delete", FieldKind.BOOLEAN).withDefault(Boolean.FALSE);

    /** {@code has_traffic_filtering} (default false). */
    public static final Field HAS_TRAFFIC_FILTERING = Field.of("has_traffic_filtering", FieldKind.BOOLEAN).withDefault(Boolean.FALSE);

    /** {@code port_profile}. */
    public static final Field PORT_PROFILE = Field.object("port_profile", "VIFPortProfileBase").subclasses();

    /** The schema of {@code VIFBase}. */
    public static final ObjectType<VIFBase> TYPE = ObjectType.builder("VIFBase", "1.0", VIFBase::new)
            .fields(ID, ADDRESS, NETWORK, PLUGIN, ACTIVE, PRESERVE_ON_DELETE, HAS_TRAFFIC_FILTERING, PORT_PROFILE)
            .build();

    VIFBase(ObjectState state) {
        super(state);
    }

    /** @return {@code id}, its default or {@code null} when unset */
    public String id() {
        return string(ID);
    }

    /** @return {@code address}, its default or {@code null} when unset */
    public String address() {
        return string(ADDRESS);
    }

    /** @return {@code network}, its default or {@code null} when unset */
    public Network network() {
        return object(NETWORK);
    }

    /** @return {@code plugin}, its default or {@code null} when unset */
    public String plugin() {
        return string(PLUGIN);
    }

    /** @return {@code active}, its default or {@code null} when unset */
    public Boolean active() {
        return bool(ACTIVE);
    }

    /** @return {@code preserve_on_delete}, its default or {@code null} when unset */
    public Boolean preserveOnDelete() {
        return bool(PRESERVE_ON_DELETE);
    }

    /** @return {@code has_traffic_filtering}, its default or {@code null} when unset */
    public Boolean hasTrafficFiltering() {
        return bool(HAS_TRAFFIC_FILTERING);
    }

    /** @return {@code port_profile}, its default or {@code null} when unset */
    public VIFPortProfileBase portProfile() {
        return object(PORT_PROFILE);
    }

    /**
     * Builds {@code VIFBase} and its subclasses.
     *
     * @param <T> the class built
     * @param <B> the concrete builder
     */
    public abstract static class Builder<T extends VIFBase, B extends Builder<T, B>> extends VersionedObject.Builder<T, B> {
        Builder(ObjectType<T> type) {
            super(type);
        }

        /**
         * @param value {@code id}
         * @return this builder
         */
        public B id(String value) {
            return set(ID, value);
        }

        /**
         * @param value {@code address}
         * @return this builder
         */
        public B address(String value) {
            return set(ADDRESS, value);
        }

        /**
         * @param value {@code network}
         * @return this builder
         */
        public B network(Network value) {
            return set(NETWORK, value);
        }

        /**
         * @param value {@code plugin}
         * @return this builder
         */
        public B plugin(String value) {
            return set(PLUGIN, value);
        }

        /**
         * @param value {@code active}
         * @return this builder
         */
        public B active(boolean value) {
            return set(ACTIVE, value);
        }

        /**
         * @param value {@code preserve_on_delete}
         * @return this builder
         */
        public B preserveOnDelete(boolean value) {
            return set(PRESERVE_ON_DELETE, value);
        }

        /**
         * @param value {@code has_traffic_filtering}
         * @return this builder
         */
        public B hasTrafficFiltering(boolean value) {
            return set(HAS_TRAFFIC_FILTERING, value);
        }

        /**
         * @param value {@code port_profile}
         * @return this builder
         */
        public B portProfile(VIFPortProfileBase value) {
            return set(PORT_PROFILE, value);
        }
    }

    /** Builds a plain {@code VIFBase}. */
    public static final class Plain extends Builder<VIFBase, Plain> {
        /** A builder; every field set is marked changed. */
        public Plain() {
            super(TYPE);
        }
    }
}
