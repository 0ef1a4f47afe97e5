package org.osvif.plug.noop.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osvif.objects.HostPluginInfo;
import org.osvif.objects.HostVIFInfo;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.VIFBase;
import org.osvif.objects.VIFVHostUser;
import org.osvif.plugin.PluginName;
import org.osvif.plugin.VifPlugin;

/**
 * os-vif's {@code noop} plugin: for VIF types whose back end needs nothing done on plug (generic
 * vhost-user without OVS). The smallest complete plugin: a DS component, a name, a description.
 */
@Component
@PluginName(NoOpPlugin.NAME)
public final class NoOpPlugin implements VifPlugin {

    static final String NAME = "noop";

    private static final HostPluginInfo DESCRIPTION = HostPluginInfo.builder()
            .pluginName(NAME)
            .vifInfo(List.of(HostVIFInfo.builder()
                    .vifObjectName(VIFVHostUser.TYPE.name())
                    .minVersion("1.0")
                    .maxVersion("1.0")
                    .supportedPortProfiles(List.of())
                    .build()))
            .build();

    @Override
    public HostPluginInfo describe() {
        return DESCRIPTION;
    }

    @Override
    public void plug(VIFBase vif, InstanceInfo instanceInfo) {
        // Nothing to do: the back end needs no host-side setup.
    }

    @Override
    public void unplug(VIFBase vif, InstanceInfo instanceInfo) {
        // Nothing to undo.
    }
}
