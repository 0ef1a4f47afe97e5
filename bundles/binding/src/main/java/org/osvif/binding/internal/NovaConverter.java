package org.osvif.binding.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.osvif.binding.BindingException;
import org.osvif.objects.DatapathOffloadRepresentor;
import org.osvif.objects.FixedIP;
import org.osvif.objects.FixedIPList;
import org.osvif.objects.Network;
import org.osvif.objects.Route;
import org.osvif.objects.RouteList;
import org.osvif.objects.Subnet;
import org.osvif.objects.SubnetList;
import org.osvif.objects.VIFBase;
import org.osvif.objects.VIFBridge;
import org.osvif.objects.VIFGeneric;
import org.osvif.objects.VIFHostDevice;
import org.osvif.objects.VIFOpenVSwitch;
import org.osvif.objects.VIFPortProfileBase;
import org.osvif.objects.VIFPortProfileFPBridge;
import org.osvif.objects.VIFPortProfileFPOpenVSwitch;
import org.osvif.objects.VIFPortProfileOVSRepresentor;
import org.osvif.objects.VIFPortProfileOpenVSwitch;
import org.osvif.objects.VIFVHostUser;

/**
 * Nova 26's {@code nova/network/os_vif_util.py}, rule for rule: one method per Python function,
 * in the same order, so that the next engineer can read both side by side. Values go through
 * the os-vif builders, which coerce and validate them as os-vif's fields do.
 */
public final class NovaConverter {

    /** Nova's {@code model.NIC_NAME_LEN}. */
    static final int NIC_NAME_LEN = 14;

    /** Types Nova leaves to its legacy libvirt path ({@code LEGACY_VIFS}). */
    static final Set<String> LEGACY_VIFS = Set.of("dvs", "iovisor", "802.1qbg", "802.1qbh", "hw_veb",
            "hostdev_physical", "ib_hostdev", "midonet", "tap", "macvtap");

    private NovaConverter() {
    }

    /** {@code nova_to_osvif_vif(VIF.hydrate(json))}. */
    public static VIFBase vif(JsonNode json) {
        NovaVif vif = NovaVif.hydrate(json);
        String type = vif.type;
        if (type == null || LEGACY_VIFS.contains(type) || type.equals("binding_failed") || type.equals("unbound")) {
            // Nova returns None here: no os-vif object exists for this binding.
            throw new BindingException("vif.type", "Nova does not convert VIF type '" + type + "' to os-vif (port "
                    + vif.id + ")");
        }
        switch (type) {
            case "ovs":
                return ovs(vif);
            case "ivs":
                return ivs(vif);
            case "bridge":
                return bridge(vif);
            case "agilio_ovs":
                return agilioOvs(vif);
            case "vhostuser":
                return vhostuser(vif);
            case "vrouter":
                return vrouter(vif);
            default:
                throw new BindingException("vif.type", "Unsupported VIF type " + type + " (port " + vif.id + ")");
        }
    }

    /** {@code _get_vif_name}. */
    static String vifName(NovaVif vif) {
        if (vif.devname != null) {
            return vif.devname;
        }
        return prefix("nic", vif.id);
    }

    /** {@code _get_hybrid_bridge_name}. */
    static String hybridBridgeName(NovaVif vif) {
        return prefix("qbr", vif.id);
    }

    private static String prefix(String p, String id) {
        String s = p + vif(id);
        return s.length() > NIC_NAME_LEN ? s.substring(0, NIC_NAME_LEN) : s;
    }

    private static String vif(String id) {
        if (id == null) {
            throw new BindingException("vif.id", "missing: a device name is made from the port id");
        }
        return id;
    }

    /** {@code _set_vhostuser_settings}. */
    static void vhostuserSettings(NovaVif vif, VIFVHostUser.Builder obj) {
        JsonNode mode = vif.details.get("vhostuser_mode");
        obj.mode(mode == null ? "server" : Py.str(mode, "vif.details.vhostuser_mode"));
        JsonNode path = vif.details.get("vhostuser_socket");
        if (Py.truthy(path)) {
            obj.path(Py.str(path, "vif.details.vhostuser_socket"));
        } else {
            throw new BindingException("vif.details.vhostuser_socket",
                    "VIF details missing vhostuser_socket parameter for vif " + vif.id);
        }
    }

    /** {@code _nova_to_osvif_ip}. */
    static FixedIP ip(NovaVif.Ip ip) {
        List<String> floating = new ArrayList<>();
        for (NovaVif.Ip f : ip.floatingIps) {
            floating.add(f.address);
        }
        return FixedIP.builder().address(ip.address).floatingIps(floating).build();
    }

    /** {@code _nova_to_osvif_route}. */
    static Route route(NovaVif.RouteModel r) {
        Route.Builder obj = Route.builder().cidr(r.cidr);
        if (r.iface != null) {
            obj.interfaceName(r.iface);
        }
        if (r.gateway != null && r.gateway.address != null) {
            obj.gateway(r.gateway.address);
        }
        return obj.build();
    }

    /** {@code _nova_to_osvif_subnet}. */
    static Subnet subnet(NovaVif.SubnetModel s) {
        List<String> dns = new ArrayList<>();
        for (NovaVif.Ip d : s.dns) {
            dns.add(d.address);
        }
        List<FixedIP> ips = new ArrayList<>();
        for (NovaVif.Ip i : s.ips) {
            ips.add(ip(i));
        }
        List<Route> routes = new ArrayList<>();
        for (NovaVif.RouteModel r : s.routes) {
            routes.add(route(r));
        }
        Subnet.Builder obj = Subnet.builder().dns(dns).ips(FixedIPList.of(ips)).routes(RouteList.of(routes));
        if (s.cidr != null) {
            obj.cidr(s.cidr);
        }
        if (s.gateway != null && s.gateway.address != null) {
            obj.gateway(s.gateway.address);
        }
        return obj.build();
    }

    /** {@code _nova_to_osvif_network}. */
    static Network network(NovaVif vif) {
        NovaVif.NetworkModel n = vif.network;
        if (n == null) {
            throw new BindingException("vif.network", "missing: Nova needs the port's network");
        }
        List<Subnet> subnets = new ArrayList<>();
        for (NovaVif.SubnetModel s : n.subnets) {
            subnets.add(subnet(s));
        }
        Network.Builder obj = Network.builder().id(n.id)
                .bridgeInterface(Py.strOrNull(n.meta("bridge_interface"), "vif.network.meta.bridge_interface"))
                .subnets(SubnetList.of(subnets));
        if (n.bridge != null) {
            obj.bridge(n.bridge);
        }
        if (n.label != null) {
            obj.label(n.label);
        }
        if (Py.notNone(n.meta("mtu"))) {
            obj.mtu(Py.integer(n.meta("mtu"), "vif.network.meta.mtu"));
        }
        if (Py.notNone(n.meta("multi_host"))) {
            obj.multiHost(Py.truthy(n.meta("multi_host")));
        }
        if (Py.notNone(n.meta("should_create_bridge"))) {
            obj.shouldProvideBridge(Py.truthy(n.meta("should_create_bridge")));
        }
        if (Py.notNone(n.meta("should_create_vlan"))) {
            obj.shouldProvideVlan(Py.truthy(n.meta("should_create_vlan")));
            if (!Py.notNone(n.meta("vlan"))) {
                throw new BindingException("vif.network.meta.vlan", "Missing vlan number (network " + n.id + ")");
            }
            obj.vlan(Py.integer(n.meta("vlan"), "vif.network.meta.vlan"));
        }
        return obj.build();
    }

    /** {@code _get_vif_instance}: the fields every converted VIF has. */
    static <B extends VIFBase.Builder<?, B>> B instance(NovaVif vif, B b, String plugin) {
        Py.field("vif.id", () -> b.id(vif.id));
        Py.field("vif.address", () -> b.address(vif.address));
        return b.network(network(vif))
                .hasTrafficFiltering(vif.isNeutronFilteringEnabled())
                .preserveOnDelete(vif.preserveOnDelete)
                .active(vif.active)
                .plugin(plugin);
    }

    /** {@code _set_representor_datapath_offload_settings}. */
    static VIFPortProfileBase withRepresentor(NovaVif vif, VIFPortProfileBase.Builder<?, ?> profile) {
        return profile.datapathOffload(DatapathOffloadRepresentor.builder()
                .representorName(vifName(vif))
                .representorAddress(vif.pciSlot())
                .build()).build();
    }

    /** {@code _get_vnic_direct_vif_instance}. */
    static VIFHostDevice vnicDirect(NovaVif vif, VIFPortProfileBase profile, String plugin, boolean setBridge) {
        VIFHostDevice.Builder b = instance(vif, VIFHostDevice.builder(), plugin)
                .portProfile(profile)
                .devAddress(vif.pciSlot())
                .devType("ethernet");
        // Nova then sets obj.network.bridge to network['bridge'] when set_bridge; the network
        // was built with that very bridge already, so nothing changes on the wire.
        return b.build();
    }

    /** {@code _get_ovs_representor_port_profile}, with the representor offload Nova adds next. */
    static VIFPortProfileOVSRepresentor.Builder ovsRepresentorProfile(NovaVif vif) {
        return VIFPortProfileOVSRepresentor.builder()
                .interfaceId(vif.ovsInterfaceIdOrId())
                .representorName(vifName(vif))
                .representorAddress(vif.pciSlot());
    }

    /** {@code _nova_to_osvif_vif_bridge}. */
    static VIFBase bridge(NovaVif vif) {
        VIFBridge.Builder b = instance(vif, VIFBridge.builder(), "linux_bridge").vifName(vifName(vif));
        if (vif.network != null && vif.network.bridge != null) {
            b.bridgeName(vif.network.bridge);
        }
        return b.build();
    }

    private static VIFPortProfileOpenVSwitch.Plain ovsProfile(NovaVif vif) {
        return new VIFPortProfileOpenVSwitch.Plain()
                .interfaceId(vif.ovsInterfaceIdOrId())
                .datapathType(Py.strOrNull(vif.details.get("datapath_type"), "vif.details.datapath_type"));
    }

    /** {@code _nova_to_osvif_vif_ovs}. */
    static VIFBase ovs(NovaVif vif) {
        String vifName = vifName(vif);
        String vnicType = vif.vnicType;
        if (vnicType.equals("direct") || vnicType.equals("vdpa")) {
            return vnicDirect(vif, withRepresentor(vif, ovsRepresentorProfile(vif)), "ovs", true);
        }
        if (vnicType.equals("remote-managed")) {
            return instance(vif, VIFHostDevice.builder(), "noop")
                    .devAddress(vif.pciSlot()).devType("ethernet").build();
        }
        if (vif.isHybridPlugEnabled()) {
            return instance(vif, VIFBridge.builder(), "ovs").portProfile(ovsProfile(vif).build())
                    .vifName(vifName).bridgeName(hybridBridgeName(vif)).build();
        }
        VIFPortProfileOpenVSwitch profile = ovsProfile(vif).createPort(vif.delegateCreate).build();
        VIFOpenVSwitch.Builder b = instance(vif, VIFOpenVSwitch.builder(), "ovs").portProfile(profile).vifName(vifName);
        if (vif.network.bridge != null) {
            b.bridgeName(vif.network.bridge);
        }
        return b.build();
    }

    /** {@code _nova_to_osvif_vif_agilio_ovs}. */
    static VIFBase agilioOvs(NovaVif vif) {
        String vnicType = vif.vnicType;
        if (vnicType.equals("direct")) {
            return vnicDirect(vif, withRepresentor(vif, ovsRepresentorProfile(vif)), "agilio_ovs", true);
        }
        if (vnicType.equals("virtio-forwarder")) {
            VIFVHostUser.Builder b = instance(vif, VIFVHostUser.builder(), "agilio_ovs")
                    .portProfile(withRepresentor(vif, ovsRepresentorProfile(vif)))
                    .vifName(vifName(vif));
            vhostuserSettings(vif, b);
            // Nova sets obj.network.bridge = network['bridge'] here too: already so.
            return b.build();
        }
        return ovs(vif);
    }

    /** {@code _nova_to_osvif_vif_vhostuser}. */
    static VIFBase vhostuser(NovaVif vif) {
        if (Py.truthy(vif.details.get("vhostuser_fp_plug"))) {
            VIFPortProfileBase profile;
            if (Py.truthy(vif.details.get("vhostuser_ovs_plug"))) {
                VIFPortProfileFPOpenVSwitch.Builder p = VIFPortProfileFPOpenVSwitch.builder()
                        .interfaceId(vif.ovsInterfaceIdOrId())
                        .datapathType(Py.strOrNull(vif.details.get("datapath_type"), "vif.details.datapath_type"));
                if (vif.isHybridPlugEnabled()) {
                    p.bridgeName(hybridBridgeName(vif)).hybridPlug(true);
                } else {
                    p.hybridPlug(false);
                    if (vif.network.bridge != null) {
                        p.bridgeName(vif.network.bridge);
                    }
                }
                profile = p.build();
            } else {
                VIFPortProfileFPBridge.Builder p = VIFPortProfileFPBridge.builder();
                if (vif.network.bridge != null) {
                    p.bridgeName(vif.network.bridge);
                }
                profile = p.build();
            }
            VIFVHostUser.Builder b = instance(vif, VIFVHostUser.builder(), "vhostuser_fp")
                    .vifName(vifName(vif)).portProfile(profile);
            vhostuserSettings(vif, b);
            return b.build();
        }
        if (Py.truthy(vif.details.get("vhostuser_ovs_plug"))) {
            VIFVHostUser.Builder b = instance(vif, VIFVHostUser.builder(), "ovs")
                    .portProfile(ovsProfile(vif).build())
                    .vifName(prefix("vhu", vif.id));
            // Nova also sets obj.bridge_name, which VIFVHostUser does not have: it is not sent.
            vhostuserSettings(vif, b);
            return b.build();
        }
        String plugin = Py.truthy(vif.details.get("vhostuser_vrouter_plug")) ? "contrail_vrouter" : "noop";
        VIFVHostUser.Builder b = instance(vif, VIFVHostUser.builder(), plugin).vifName(vifName(vif));
        vhostuserSettings(vif, b);
        return b.build();
    }

    /** {@code _nova_to_osvif_vif_ivs}. */
    static VIFBase ivs(NovaVif vif) {
        if (vif.isHybridPlugEnabled()) {
            return instance(vif, VIFBridge.builder(), "ivs").vifName(vifName(vif))
                    .bridgeName(hybridBridgeName(vif)).build();
        }
        return instance(vif, VIFGeneric.builder(), "ivs").vifName(vifName(vif)).build();
    }

    /** {@code _nova_to_osvif_vif_vrouter}. */
    static VIFBase vrouter(NovaVif vif) {
        String vifName = vifName(vif);
        switch (vif.vnicType) {
            case "normal":
                return instance(vif, VIFGeneric.builder(), "vrouter").vifName(vifName).build();
            case "direct":
                return vnicDirect(vif, withRepresentor(vif, new VIFPortProfileBase.Plain()), "vrouter", false);
            case "virtio-forwarder": {
                VIFVHostUser.Builder b = instance(vif, VIFVHostUser.builder(), "vrouter")
                        .portProfile(withRepresentor(vif, new VIFPortProfileBase.Plain()))
                        .vifName(vifName);
                vhostuserSettings(vif, b);
                return b.build();
            }
            default:
                // Nova raises NotImplementedError.
                throw new BindingException("vif.vnic_type", "Nova does not convert vnic_type '" + vif.vnicType
                        + "' of VIF type vrouter (port " + vif.id + ")");
        }
    }
}
