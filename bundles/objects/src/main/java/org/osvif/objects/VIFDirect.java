package org.osvif.objects;

import java.util.List;

/**
 * os-vif {@code VIFDirect}: A macvtap VIF on an SR-IOV VF or NIC, in VEPA, passthrough or bridge mode (libvirt type "direct").
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * </ul>
 */
public final class VIFDirect extends VIFBase {

    /** {@code vif_name}. */
    public static final Field VIF_NAME = Field.of("vif_name", FieldKind.STRING);

    /** {@code dev_address}. */
    public static final Field DEV_ADDRESS = Field.of("dev_address", FieldKind.PCI_ADDRESS);

    /** {@code mode}. */
    public static final Field MODE = Field.enumeration("mode", "VIFDirectMode", List.of("vepa", "passthrough", "bridge"));

    /** {@code vlan_name}. */
    public static final Field VLAN_NAME = Field.of("vlan_name", FieldKind.STRING);

    /** The schema of {@code VIFDirect}. */
    public static final ObjectType<VIFDirect> TYPE = ObjectType.builder("VIFDirect", "1.0", VIFDirect::new)
            .parent(VIFBase.TYPE)
            .fields(VIF_NAME, DEV_ADDRESS, MODE, VLAN_NAME)
            .build();

    VIFDirect(ObjectState state) {
        super(state);
    }

    /** @return {@code vif_name}, its default or {@code null} when unset */
    public String vifName() {
        return string(VIF_NAME);
    }

    /** @return {@code dev_address}, its default or {@code null} when unset */
    public String devAddress() {
        return string(DEV_ADDRESS);
    }

    /** @return {@code mode}, its default or {@code null} when unset */
    public String mode() {
        return string(MODE);
    }

    /** @return {@code vlan_name}, its default or {@code null} when unset */
    public String vlanName() {
        return string(VLAN_NAME);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code VIFDirect}. */
    public static final class Builder extends VIFBase.Builder<VIFDirect, Builder> {
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
         * @param value {@code dev_address}
         * @return this builder
         */
        public Builder devAddress(String value) {
            return set(DEV_ADDRESS, value);
        }

        /**
         * @param value {@code mode}
         * @return this builder
         */
        public Builder mode(String value) {
            return set(MODE, value);
        }

        /**
         * @param value {@code vlan_name}
         * @return this builder
         */
        public Builder vlanName(String value) {
            return set(VLAN_NAME, value);
        }
    }
}
