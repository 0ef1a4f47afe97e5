package org.osvif;

import org.osvif.objects.OsVifException;

/** os-vif's {@code NetworkMissingPhysicalNetwork}: the network has no physical network. Plugins raise it; it reaches callers as the cause of a plug or unplug failure. */
public class NetworkMissingPhysicalNetwork extends OsVifException {

    private static final long serialVersionUID = 1L;

    /**
     * @param networkUuid os-vif's {@code network_uuid}
     */
    public NetworkMissingPhysicalNetwork(String networkUuid) {
        super(String.format("Physical network is missing for network %s", networkUuid));
    }
}
