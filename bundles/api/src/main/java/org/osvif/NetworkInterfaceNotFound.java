package org.osvif;

import org.osvif.objects.OsVifException;

/** os-vif's {@code NetworkInterfaceNotFound}: a network interface does not exist. Plugins raise it; it reaches callers as the cause of a plug or unplug failure. */
public class NetworkInterfaceNotFound extends OsVifException {

    private static final long serialVersionUID = 1L;

    /**
     * @param interfaceName os-vif's {@code interface}
     */
    public NetworkInterfaceNotFound(String interfaceName) {
        super(String.format("Network interface %s not found", interfaceName));
    }
}
