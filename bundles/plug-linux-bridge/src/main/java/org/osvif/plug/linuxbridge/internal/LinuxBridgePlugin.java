package org.osvif.plug.linuxbridge.internal;

import java.io.IOException;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osvif.netlink.Netlink;
import org.osvif.objects.HostPluginInfo;
import org.osvif.objects.HostVIFInfo;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.Network;
import org.osvif.objects.VIFBase;
import org.osvif.objects.VIFBridge;
import org.osvif.plugin.PluginName;
import org.osvif.plugin.VifPlugin;

/**
 * os-vif's {@code linux_bridge} plugin ({@code vif_plug_linux_bridge/linux_bridge.py}): for a
 * {@link VIFBridge} whose network asks for a bridge (and is not multi-host), makes sure the
 * bridge exists with the network's MTU, enslaves the flat interface (or a VLAN device on the
 * VLAN interface) and moves its addresses and routes onto the bridge, and installs os-vif's
 * iptables forward rules when the VIF has no traffic filtering of its own. Unplug does nothing,
 * as in os-vif: the bridge is shared and the hypervisor removes the tap.
 */
@Component(configurationPid = LinuxBridgePlugin.PID)
@Designate(ocd = LinuxBridgeConfig.class)
@PluginName(LinuxBridgePlugin.NAME)
public final class LinuxBridgePlugin implements VifPlugin {

    /** os-vif's {@code PLUGIN_NAME}. */
    public static final String NAME = "linux_bridge";
    /** The configuration PID. */
    public static final String PID = "org.osvif.plug.linux_bridge";

    private static final HostPluginInfo DESCRIPTION = HostPluginInfo.builder()
            .pluginName(NAME)
            .vifInfo(List.of(HostVIFInfo.builder()
                    .vifObjectName(VIFBridge.TYPE.name())
                    .minVersion("1.0")
                    .maxVersion("1.0")
                    .supportedPortProfiles(List.of())
                    .build()))
            .build();

    private final Settings settings;
    private final LinuxNet net;

    /**
     * @param netlink rtnetlink in the host's namespace
     * @param config the plugin's configuration
     */
    @Activate
    public LinuxBridgePlugin(@Reference Netlink netlink, LinuxBridgeConfig config) {
        this(netlink, Settings.of(config));
    }

    LinuxBridgePlugin(Netlink netlink, Settings settings) {
        this.settings = settings;
        Iptables.Runner runner = (command, stdin) -> {
            try {
                return netlink.inNamespace(() -> Iptables.exec(command, stdin));
            } catch (IOException | InterruptedException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        };
        this.net = new LinuxNet(netlink, new Iptables(settings, runner));
    }

    /**
     * A plugin outside a framework, as the benchmark and tests make it.
     *
     * @param netlink rtnetlink in the namespace to plug in
     * @return the plugin with os-vif's default options
     */
    public static LinuxBridgePlugin withDefaults(Netlink netlink) {
        return new LinuxBridgePlugin(netlink, Settings.DEFAULTS);
    }

    @Override
    public HostPluginInfo describe() {
        return DESCRIPTION;
    }

    @Override
    public void plug(VIFBase vif, InstanceInfo instanceInfo) throws Exception {
        VIFBridge v = (VIFBridge) vif;
        Network network = v.network();
        if (network == null) {
            throw new IllegalArgumentException("VIFBridge " + v.id() + " has no network");
        }
        if (truthy(network.multiHost()) || !truthy(network.shouldProvideBridge())) {
            return;
        }
        String bridge = v.bridgeName();
        int mtu = network.mtu() != null && network.mtu() != 0 ? network.mtu().intValue() : settings.networkDeviceMtu();
        Integer mtuOrNone = mtu == 0 ? null : mtu;
        if (truthy(network.shouldProvideVlan())) {
            String iface = or(settings.vlanInterface(), network.bridgeInterface());
            net.ensureVlanBridge(network.vlan() == null ? 0 : network.vlan(), bridge, iface, mtuOrNone);
        } else {
            String iface = or(settings.flatInterface(), network.bridgeInterface());
            // os-vif: only put in iptables rules if Neutron is not filtering
            net.ensureBridge(bridge, iface, !truthy(v.hasTrafficFiltering()), mtuOrNone);
        }
    }

    @Override
    public void unplug(VIFBase vif, InstanceInfo instanceInfo) {
        // Nothing to do, as in os-vif: the bridge may serve other VIFs.
    }

    private static boolean truthy(Boolean b) {
        return b != null && b;
    }

    private static String or(String a, String b) {
        return a != null && !a.isEmpty() ? a : b;
    }
}
