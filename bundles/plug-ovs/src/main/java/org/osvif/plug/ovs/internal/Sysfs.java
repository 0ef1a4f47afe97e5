package org.osvif.plug.ovs.internal;

/** The SR-IOV lookups of os-vif's {@code linux_net} (PCI VFs, PFs and their representors in sysfs). */
interface Sysfs {

    /** {@code get_vf_num_by_pci_address}: the VF's number under its PF. @throws PciDeviceNotFoundById */
    String vfNumByPciAddress(String pciAddr);

    /** {@code get_ifname_by_pci_address(pci, pf_interface, switchdev)}. @throws PciDeviceNotFoundById */
    String ifnameByPciAddress(String pciAddr, boolean pfInterface, boolean switchdev);

    /** {@code get_representor_port(pf_ifname, vf_num)}. @throws RepresentorNotFound */
    String representorPort(String pfIfname, String vfNum);

    /** {@code get_pf_pci_from_vf}: the PF's PCI address. */
    String pfPciFromVf(String vfPci);
}
