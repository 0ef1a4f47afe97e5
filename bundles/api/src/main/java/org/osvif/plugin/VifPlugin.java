package org.osvif.plugin;

import org.osgi.annotation.versioning.ConsumerType;
import org.osvif.objects.HostPluginInfo;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.VIFBase;

/**
 * A VIF plugin (os-vif's {@code PluginBase}): says what it supports and plugs and unplugs VIFs.
 * Register it as a DS component with {@code @PluginName("name")}; the host calls it from many
 * threads, never twice at once for the same VIF id, and waits for calls in progress to finish
 * before the component is deactivated.
 */
@ConsumerType
public interface VifPlugin {

    /**
     * @return the plugin's name (equal to its {@link PluginName}), the VIF classes it supports with
     *         their versions, and for each the port profiles it takes
     */
    HostPluginInfo describe();

    /**
     * Plugs a VIF. Must leave nothing half-done when it fails.
     *
     * @param vif a VIF of a class and version {@link #describe()} lists
     * @param instanceInfo the instance it belongs to
     * @throws Exception anything that went wrong; the host wraps it in {@code PlugException}
     */
    void plug(VIFBase vif, InstanceInfo instanceInfo) throws Exception;

    /**
     * Unplugs a VIF.
     *
     * @param vif the VIF
     * @param instanceInfo the instance it belonged to
     * @throws Exception anything that went wrong; the host wraps it in {@code UnplugException}
     */
    void unplug(VIFBase vif, InstanceInfo instanceInfo) throws Exception;
}
