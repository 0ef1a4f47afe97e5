package org.osvif.objects;

/**
 * os-vif {@code VIFNestedDPDK}: A DPDK port of a VM consumed by a nested Kubernetes pod (Kuryr).
 *
 * <p>Version history:
 * <ul>
 * <li>1.0: initial version</li>
 * </ul>
 */
public final class VIFNestedDPDK extends VIFBase {

    /** {@code pci_address}. */
    public static final Field PCI_ADDRESS = Field.of("pci_address", FieldKind.STRING);

    /** {@code dev_driver}. */
    public static final Field DEV_DRIVER = Field.of("dev_driver", FieldKind.STRING);

    /** The schema of {@code VIFNestedDPDK}. */
    public static final ObjectType<VIFNestedDPDK> TYPE = ObjectType.builder("VIFNestedDPDK", "1.0", VIFNestedDPDK::new)
            .parent(VIFBase.TYPE)
            .fields(PCI_ADDRESS, DEV_DRIVER)
            .build();

    VIFNestedDPDK(ObjectState state) {
        super(state);
    }

    /** @return {@code pci_address}, its default or {@code null} when unset */
    public String pciAddress() {
        return string(PCI_ADDRESS);
    }

    /** @return {@code dev_driver}, its default or {@code null} when unset */
    public String devDriver() {
        return string(DEV_DRIVER);
    }

    /** @return a builder; every field set is marked changed */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@code VIFNestedDPDK}. */
    public static final class Builder extends VIFBase.Builder<VIFNestedDPDK, Builder> {
        Builder() {
            super(TYPE);
        }

        /**
         * @param value {@code pci_address}
         * @return this builder
         */
        public Builder pciAddress(String value) {
            return set(PCI_ADDRESS, value);
        }

        /**
         * @param value {@code dev_driver}
         * @return this builder
         */
        public Builder devDriver(String value) {
            return set(DEV_DRIVER, value);
        }
    }
}
