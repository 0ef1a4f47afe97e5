package org.osvif.objects;

/**
 * os-vif {@code VIFPortProfileOpenVSwitch}: Port profile of an Open vSwitch port.
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * <li>1.1: added datapath_type</li>
 * <li>1.2: VIFPortProfileBase 1.1 (datapath_offload)</li>
 * <li>1.3: added create_port</li>
 * <li>1.4: added create_tap and multiqueue (os-vif master; Debian 3.0.0 stops at 1.3)</li>
 * </ul>
 */
public class VIFPortProfileOpenVSwitch extends VIFPortProfileBase {

    /** {@code interface_id}. */
    public static final Field INTERFACE_ID = Field.of("interface_id", FieldKind.UUID);

    /** {@code profile_id}. */
    public static final Field PROFILE_ID = Field.of("profile_id", FieldKind.STRING);

    /** {@code datapath_type} (nullable). */
    public static final Field DATAPATH_TYPE = Field.of("datapath_type", FieldKind.STRING).nullable();

    /** {@code create_port} (default false). */
    public static final Field CREATE_PORT = Field.of("create_port", FieldKind.BOOLEAN).withDefault(Boolean.FALSE);

    /** {@code create_tap} (default false). */
    public static final Field CREATE_TAP = Field.of("create_tap", FieldKind.BOOLEAN).withDefault(Boolean.FALSE);

    /** {@code multiqueue} (default false). */
    public static final Field MULTIQUEUE = Field.of("multiqueue", FieldKind.BOOLEAN).withDefault(Boolean.FALSE);

    /** The schema of {@code VIFPortProfileOpenVSwitch}. */
    public static final ObjectType<VIFPortProfileOpenVSwitch> TYPE = ObjectType.builder("VIFPortProfileOpenVSwitch", "1.4", VIFPortProfileOpenVSwitch::new)
            .parent(VIFPortProfileBase.TYPE)
            .fields(INTERFACE_ID, PROFILE_ID, DATAPATH_TYPE, CREATE_PORT, CREATE_TAP, MULTIQUEUE)
            .addedIn("1.1", DATAPATH_TYPE).addedIn("1.3", CREATE_PORT).addedIn("1.4", CREATE_TAP, MULTIQUEUE).baseVersion("1.2", "1.0", "1.1")
            .build();

    VIFPortProfileOpenVSwitch(ObjectState state) {
        super(state);
    }

    /** @return {@code interface_id}, its default or {@code null} when unset */
    public String interfaceId() {
        return string(INTERFACE_ID);
    }

    /** @return {@code profile_id}, its default or {@code null} when unset */
    public String profileId() {
        return string(PROFILE_ID);
    }

    /** @return {@code datapath_type}, its default or {@code null} when unset */
    public String datapathType() {
        return string(DATAPATH_TYPE);
    }

    /** @return {@code create_port}, its default or {@code null} when unset */
    public Boolean createPort() {
        return bool(CREATE_PORT);
    }

    /** @return {@code create_tap}, its default or {@code null} when unset */
    public Boolean createTap() {
        return bool(CREATE_TAP);
    }

    /** @return {@code multiqueue}, its default or {@code null} when unset */
    public Boolean multiqueue() {
        return bool(MULTIQUEUE);
    }

    /**
     * Builds {@code VIFPortProfileOpenVSwitch} and its subclasses.
     *
     * @param <T> the class built
     * @param <B> the concrete builder
     */
    public abstract static class Builder<T extends VIFPortProfileOpenVSwitch, B extends Builder<T, B>> extends VIFPortProfileBase.Builder<T, B> {
        Builder(ObjectType<T> type) {
            super(type);
        }

        /**
         * @param value {@code interface_id}
         * @return this builder
         */
        public B interfaceId(String value) {
            return set(INTERFACE_ID, value);
        }

        /**
         * @param value {@code profile_id}
         * @return this builder
         */
        public B profileId(String value) {
            return set(PROFILE_ID, value);
        }

        /**
         * @param value {@code datapath_type}
         * @return this builder
         */
        public B datapathType(String value) {
            return set(DATAPATH_TYPE, value);
        }

        /**
         * @param value {@code create_port}
         * @return this builder
         */
        public B createPort(boolean value) {
            return set(CREATE_PORT, value);
        }

        /**
         * @param value {@code create_tap}
         * @return this builder
         */
        public B createTap(boolean value) {
            return set(CREATE_TAP, value);
        }

        /**
         * @param value {@code multiqueue}
         * @return this builder
         */
        public B multiqueue(boolean value) {
            return set(MULTIQUEUE, value);
        }
    }

    /** Builds a plain {@code VIFPortProfileOpenVSwitch}. */
    public static final class Plain extends Builder<VIFPortProfileOpenVSwitch, Plain> {
        /** A builder; every field set is marked changed. */
        public Plain() {
            super(TYPE);
        }
    }
}
