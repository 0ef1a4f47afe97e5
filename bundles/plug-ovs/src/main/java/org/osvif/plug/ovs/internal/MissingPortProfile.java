package org.osvif.plug.ovs.internal;

import org.osvif.objects.OsVifException;

/** vif_plug_ovs's {@code MissingPortProfile}. */
final class MissingPortProfile extends OsVifException {
    private static final long serialVersionUID = 1L;

    MissingPortProfile() {
        super("A port profile is mandatory for the OpenVSwitch plugin");
    }
}
