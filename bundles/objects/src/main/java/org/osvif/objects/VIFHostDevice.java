package org.osvif.objects;

import java.util.List;

/**
 * os-vif {@code VIFHostDevice}: Direct guest access to an SR-IOV VF or a whole PF (libvirt type "hostdev").
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * </ul>
 */
public final class VIFHostDevice extends VIFBase {

    /** {@code dev_type}. */
    public static final Field DEV_TYPE = Field.enumeration("dev_type", "VIFHostDeviceDevType", List.of("ethernet", "generic"));

    /** {@code dev_address}. */
    public static final Field DEV_ADDRESS = Field.of("dev_address", FieldKind.PCI_ADDRESS);

    /** The schema of {@code VIFHostDevice}. */
    public static final ObjectType<VIFHostDevice> TYPE = ObjectType.builder("VIFHostDevice", "1.0", VIFHostDevice::new)
            .parent(VIFBase.TYPE)
            .fields(DEV_TYPE, DEV_ADDRESS)
            .build();

    VIFHostDevice(ObjectState state) {
        super(state);
    }

    /** @return {@code dev_type}, its default or {@code null} when unset */
    public String devType() {
        return string(DEV_TYPE);
    }

    /** @return {@code dev_address}, its default or {@code null} when unset */
    public String devAddress() {
        return string(DEV_ADDRESS);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code VIFHostDevice}. */
    public static final class Builder extends VIFBase.Builder<VIFHostDevice, Builder> {
        Builder() {
            super(TYPE);
        }

        /**
         * @param value {@code dev_type}
         * @return this builder
         */
        public Builder devType(String value) {
            return set(DEV_TYPE, value);
        }

        /**
         * @param value {@code dev_address}
         * @return this builder
         */
        public Builder devAddress(String value) {
            return set(DEV_ADDRESS, value);
        }
    }
}
