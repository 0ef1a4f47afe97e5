package com.example.osvif.vendor.internal;

import java.util.List;

import org.osvif.objects.HostPluginInfo;
import org.osvif.objects.HostVIFInfo;

/** Version 1.1.0 adds vhost-user VIFs. */
final class Advertised {

    static final HostPluginInfo DESCRIPTION = HostPluginInfo.builder()
            .pluginName(VendorPlugin.NAME)
            .vifInfo(List.of(
                    HostVIFInfo.builder()
                            .vifObjectName("VIFGeneric").minVersion("1.0").maxVersion("1.0")
                            .supportedPortProfiles(List.of())
                            .build(),
                    HostVIFInfo.builder()
                            .vifObjectName("VIFVHostUser").minVersion("1.0").maxVersion("1.1")
                            .supportedPortProfiles(List.of())
                            .build()))
            .build();

    private Advertised() {
    }
}
