package org.osvif.plug.ovs.internal;

import org.osvif.objects.OsVifException;

/** vif_plug_ovs's {@code WrongPortProfile}. */
final class WrongPortProfile extends OsVifException {
    private static final long serialVersionUID = 1L;

    WrongPortProfile(String profile) {
        super("Port profile " + profile + " is not a subclass of VIFPortProfileOpenVSwitch");
    }
}
