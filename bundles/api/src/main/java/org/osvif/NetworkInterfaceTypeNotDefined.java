package org.osvif;

import org.osvif.objects.OsVifException;

/** os-vif's {@code NetworkInterfaceTypeNotDefined}: a network interface type is not defined. Plugins raise it; it reaches callers as the cause of a plug or unplug failure. */
public class NetworkInterfaceTypeNotDefined extends OsVifException {

    private static final long serialVersionUID = 1L;

    /**
     * @param typeName os-vif's {@code type}
     */
    public NetworkInterfaceTypeNotDefined(String typeName) {
        super(String.format("Network interface type %s not defined", typeName));
    }
}
