package org.osvif;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;
import org.osvif.objects.HostInfo;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.VIFBase;

/**
 * os-vif for a host agent: plug and unplug VIFs through the plugin named by {@code vif.plugin},
 * and describe what this host's plugins support. Thread-safe: calls for one VIF id never
 * overlap (a second call waits for the first), calls for different VIFs run in parallel.
 */
@ProviderType
public interface OsVif {

    /**
     * Plugs a VIF (os-vif's {@code plug}).
     *
     * @param vif the VIF; its class, version and port profile must be ones its plugin supports
     * @param instanceInfo the instance it belongs to
     * @throws org.osvif.objects.NoMatchingPlugin if no plugin has the VIF's plugin name
     * @throws org.osvif.objects.NoMatchingVIFClass if the plugin does not support the VIF's class
     * @throws org.osvif.objects.NoSupportedVIFVersion if it cannot read the VIF's version
     * @throws org.osvif.objects.NoMatchingPortProfileClass if it does not take the VIF's port profile
     * @throws org.osvif.objects.NoSupportedPortProfileVersion if it cannot read the profile's version
     * @throws PlugException if the plugin failed; the cause is the plugin's error
     */
    void plug(VIFBase vif, InstanceInfo instanceInfo);

    /**
     * Unplugs a VIF (os-vif's {@code unplug}); the same checks as {@link #plug}.
     *
     * @param vif the VIF
     * @param instanceInfo the instance it belonged to
     * @throws UnplugException if the plugin failed; the cause is the plugin's error
     */
    void unplug(VIFBase vif, InstanceInfo instanceInfo);

    /**
     * Plugs many VIFs at once. Each VIF is checked and plugged as by {@link #plug}; a plugin with a
     * batch path ({@link org.osvif.plugin.BatchVifPlugin}) gets its VIFs together (the ovs plugin
     * puts them into one OVSDB transaction), any other plugin one call per VIF. The per-VIF
     * guarantees hold: a VIF id that occurs twice is plugged twice, in order, never at once.
     *
     * @param requests the VIFs, in order
     * @return one result per request, in the same order; a failed VIF does not fail the others
     */
    List<VifResult> plugAll(List<PlugRequest> requests);

    /**
     * Unplugs many VIFs at once, as {@link #plugAll} plugs them.
     *
     * @param requests the VIFs, in order
     * @return one result per request, in the same order
     */
    List<VifResult> unplugAll(List<PlugRequest> requests);

    /** @return what every plugin present now supports, plugins sorted by name (os-vif's {@code host_info()}) */
    HostInfo hostInfo();

    /**
     * os-vif's {@code host_info(permitted_vif_type_names)}.
     *
     * @param permittedVifTypeNames VIF class names to keep; plugins left with none are dropped
     * @return the filtered host info
     */
    HostInfo hostInfo(Collection<String> permittedVifTypeNames);

    /** @return counters of every plugin seen since start, by plugin name */
    Map<String, PluginStats> stats();
}
