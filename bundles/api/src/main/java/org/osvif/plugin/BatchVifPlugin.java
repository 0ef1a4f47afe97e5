package org.osvif.plugin;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;
import org.osvif.PlugRequest;

/**
 * The optional batch path of a {@link VifPlugin}: a plugin service that also implements this
 * interface is handed the VIFs of {@link org.osvif.OsVif#plugAll} together, so it can apply them
 * at once (the ovs plugin: one OVSDB transaction and one wait for ovs-vswitchd). A plugin that
 * does not implement it is called once per VIF, as before. The service is still registered as a
 * {@link VifPlugin} ({@code @Component(service = VifPlugin.class)}: DS would otherwise register
 * only the directly implemented interface); the host finds the batch path on the object.
 * <p>
 * The host keeps the per-VIF guarantees around a batch: no two requests of one batch share a VIF
 * id, no other call for those ids runs while the batch does, and the plugin is not deactivated
 * while a batch is inside it. The host has already checked every VIF against {@link #describe()}.
 */
@ConsumerType
public interface BatchVifPlugin extends VifPlugin {

    /**
     * Plugs the VIFs. Each must be done whole or not at all, independently of the others: a VIF
     * that fails leaves nothing half-done and does not fail the rest.
     *
     * @param requests the VIFs, distinct ids
     * @return one outcome per request, in the same order
     */
    List<PlugOutcome> plugAll(List<PlugRequest> requests);

    /**
     * Unplugs the VIFs, as {@link #plugAll} plugs them.
     *
     * @param requests the VIFs, distinct ids
     * @return one outcome per request, in the same order
     */
    List<PlugOutcome> unplugAll(List<PlugRequest> requests);
}
