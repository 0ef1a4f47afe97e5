package org.osvif.plug.linuxbridge.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osvif.netlink.Netlink;
import org.osvif.PlugRequest;
import org.osvif.objects.HostPluginInfo;
import org.osvif.objects.HostVIFInfo;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.Network;
import org.osvif.objects.VIFBase;
import org.osvif.objects.VIFBridge;
import org.osvif.plugin.BatchVifPlugin;
import org.osvif.plugin.PlugOutcome;
import org.osvif.plugin.PluginName;
import org.osvif.plugin.VifPlugin;

/**
 * os-vif's {@code linux_bridge} plugin ({@code vif_plug_linux_bridge/linux_bridge.py}): for a
 * {@link VIFBridge} whose network asks for a bridge (and is not multi-host), makes sure the
 * bridge exists with the network's MTU, enslaves the flat interface (or a VLAN device on the
 * VLAN interface) and moves its addresses and routes onto the bridge, and installs os-vif's
 * iptables forward rules when the VIF has no traffic filtering of its own. Unplug does nothing,
 * as in os-vif: the bridge is shared and the hypervisor removes the tap. A batch
 * ({@link #plugAll}) sends the kernel steps of all its bridges pipelined.
 */
// registered as a VifPlugin: DS would otherwise register only BatchVifPlugin, the interface implemented
@Component(service = VifPlugin.class, configurationPid = LinuxBridgePlugin.PID)
@Designate(ocd = LinuxBridgeConfig.class)
@PluginName(LinuxBridgePlugin.NAME)
public final class LinuxBridgePlugin implements BatchVifPlugin {

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
    private final BatchPlug batch;

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
        this.batch = new BatchPlug(net);
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
        BatchPlug.Want w = want(vif);
        if (w == null) {
            return;
        }
        if (w.isVlan()) {
            net.ensureVlanBridge(w.vlan(), w.bridge(), w.iface(), w.mtu());
        } else {
            net.ensureBridge(w.bridge(), w.iface(), Boolean.TRUE.equals(w.gatewayFiltering()), w.mtu());
        }
    }

    /**
     * The batch path: the kernel steps of all the batch's bridges and VLAN devices go as
     * pipelined netlink requests, one round per step ({@link BatchPlug}); the host ends as the
     * single plugs, one after the other, would leave it.
     */
    @Override
    public List<PlugOutcome> plugAll(List<PlugRequest> requests) {
        List<BatchPlug.Want> wants = new ArrayList<>(requests.size());
        Exception[] refused = new Exception[requests.size()];
        for (int i = 0; i < requests.size(); i++) {
            try {
                wants.add(want(requests.get(i).vif()));
            } catch (RuntimeException e) {
                refused[i] = e;
                wants.add(null);
            }
        }
        List<PlugOutcome> out = new ArrayList<>(batch.plugAll(wants));
        for (int i = 0; i < refused.length; i++) {
            if (refused[i] != null) {
                out.set(i, PlugOutcome.failed(refused[i]));
            }
        }
        return out;
    }

    /** Nothing to do, as {@link #unplug} does nothing. */
    @Override
    public List<PlugOutcome> unplugAll(List<PlugRequest> requests) {
        List<PlugOutcome> out = new ArrayList<>(requests.size());
        requests.forEach(r -> out.add(PlugOutcome.done(Map.of())));
        return out;
    }

    /** What os-vif's plug does for the VIF; null: nothing (multi-host, or no bridge to provide). */
    private BatchPlug.Want want(VIFBase vif) {
        VIFBridge v = (VIFBridge) vif;
        Network network = v.network();
        if (network == null) {
            throw new IllegalArgumentException("VIFBridge " + v.id() + " has no network");
        }
        if (truthy(network.multiHost()) || !truthy(network.shouldProvideBridge())) {
            return null;
        }
        String bridge = v.bridgeName();
        int mtu = network.mtu() != null && network.mtu() != 0 ? network.mtu().intValue() : settings.networkDeviceMtu();
        Integer mtuOrNone = mtu == 0 ? null : mtu;
        if (truthy(network.shouldProvideVlan())) {
            String iface = or(settings.vlanInterface(), network.bridgeInterface());
            long vlan = network.vlan() == null ? 0 : network.vlan();
            return new BatchPlug.Want(bridge, iface, vlan, mtuOrNone, false);
        }
        String iface = or(settings.flatInterface(), network.bridgeInterface());
        // os-vif: only put in iptables rules if Neutron is not filtering
        return new BatchPlug.Want(bridge, iface, null, mtuOrNone, truthy(v.hasTrafficFiltering()) ? null : true);
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
