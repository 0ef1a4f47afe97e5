package org.osvif;

import java.util.Map;

import org.osvif.objects.OsVifException;

/**
 * The outcome of one VIF of a batch: done, or the os-vif exception {@link OsVif#plug} would have
 * thrown for it.
 *
 * @param vifId the VIF's id
 * @param error null when done; else {@link PlugException}, {@link UnplugException} or one of the
 *        checks' exceptions ({@code NoMatchingPlugin}, ...)
 * @param ms how long the caller waited for this VIF, in milliseconds
 * @param phases where the plugin says the time went, in milliseconds by phase name (for the ovs
 *        plugin {@code build}, {@code commit}, {@code wait}, {@code linux}); empty when it does not say
 */
public record VifResult(String vifId, OsVifException error, double ms, Map<String, Double> phases) {

    /**
     * @param vifId the VIF's id
     * @param error the failure, or null
     * @param ms milliseconds
     * @param phases by phase name
     */
    public VifResult {
        phases = phases == null ? Map.of() : Map.copyOf(phases);
    }

    /** @return whether the VIF was plugged (unplugged) */
    public boolean ok() {
        return error == null;
    }
}
