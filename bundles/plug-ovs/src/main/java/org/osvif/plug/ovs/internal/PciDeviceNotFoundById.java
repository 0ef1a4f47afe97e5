package org.osvif.plug.ovs.internal;

import org.osvif.objects.OsVifException;

/** vif_plug_ovs's {@code PciDeviceNotFoundById}. */
final class PciDeviceNotFoundById extends OsVifException {
    private static final long serialVersionUID = 1L;

    PciDeviceNotFoundById(String id) {
        super("PCI device " + id + " not found");
    }
}
