package org.osvif.plug.linuxbridge.internal;

import java.util.UUID;

import org.osvif.objects.InstanceInfo;
import org.osvif.objects.Network;
import org.osvif.objects.VIFBridge;

/** VIFs for the tests, built the way Nova builds a linux bridge VIF. */
final class Vifs {

    static final InstanceInfo INSTANCE = InstanceInfo.builder().uuid(UUID.randomUUID().toString()).name("vm1")
            .projectId("p1").build();

    private Vifs() {
    }

    static Network.Builder network() {
        return Network.builder().id(UUID.randomUUID().toString()).label("n").shouldProvideBridge(true)
                .shouldProvideVlan(false).multiHost(false).bridgeInterface(null);
    }

    static VIFBridge vif(int i, String bridge, Network network, boolean trafficFiltering) {
        return VIFBridge.builder().id(UUID.nameUUIDFromBytes(("vif" + i).getBytes()).toString())
                .address(String.format("ca:fe:de:ad:%02x:%02x", i / 256 % 256, i % 256)).network(network)
                .plugin("linux_bridge").vifName(String.format("tap%05d", i)).bridgeName(bridge)
                .hasTrafficFiltering(trafficFiltering).build();
    }
}
