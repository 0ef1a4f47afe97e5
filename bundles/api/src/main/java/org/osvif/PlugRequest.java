package org.osvif;

import java.util.Objects;

import org.osvif.objects.InstanceInfo;
import org.osvif.objects.VIFBase;

/**
 * One VIF of a batch: what {@link OsVif#plugAll} and {@link OsVif#unplugAll} take, and what a
 * {@link org.osvif.plugin.BatchVifPlugin} is handed.
 *
 * @param vif the VIF
 * @param instanceInfo the instance it belongs (or belonged) to
 */
public record PlugRequest(VIFBase vif, InstanceInfo instanceInfo) {

    /**
     * @param vif the VIF
     * @param instanceInfo the instance
     */
    public PlugRequest {
        Objects.requireNonNull(vif, "vif");
        Objects.requireNonNull(instanceInfo, "instanceInfo");
    }
}
