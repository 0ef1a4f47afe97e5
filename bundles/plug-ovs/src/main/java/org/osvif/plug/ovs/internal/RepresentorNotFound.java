package org.osvif.plug.ovs.internal;

import org.osvif.objects.OsVifException;

/** vif_plug_ovs's {@code RepresentorNotFound}. */
final class RepresentorNotFound extends OsVifException {
    private static final long serialVersionUID = 1L;

    RepresentorNotFound(String ifname, String vfNum) {
        super("Failed getting representor port for PF " + ifname + " with " + vfNum);
    }
}
