package org.osvif.binding.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osvif.binding.BindingException;

/**
 * Nova's {@code nova.network.model.VIF.hydrate(json)}: the network model with Nova's defaults
 * (a missing {@code details} is {@code {}}, {@code vnic_type} is {@code normal}, {@code active}
 * is false, ...), and every unknown key of a network going into its {@code meta}, as Nova's
 * {@code Model._set_meta} does.
 */
final class NovaVif {

    String id;
    String address;
    String type;
    ObjectNode details;
    String devname;
    String ovsInterfaceId;
    boolean active;
    String vnicType;
    JsonNode profile;
    boolean preserveOnDelete;
    boolean delegateCreate;
    NetworkModel network;

    static NovaVif hydrate(JsonNode j) {
        if (j == null || !j.isObject()) {
            throw new BindingException("vif", "expected a JSON object (a Nova network-model VIF)");
        }
        NovaVif v = new NovaVif();
        v.id = Py.strOrNull(j.get("id"), "vif.id");
        v.address = Py.strOrNull(j.get("address"), "vif.address");
        v.type = Py.strOrNull(j.get("type"), "vif.type");
        JsonNode details = j.get("details");
        if (!Py.truthy(details)) {
            v.details = JsonNodeFactory.instance.objectNode();
        } else if (details.isObject()) {
            v.details = (ObjectNode) details;
        } else {
            throw new BindingException("vif.details", "expected an object, got " + details);
        }
        v.devname = Py.strOrNull(j.get("devname"), "vif.devname");
        v.ovsInterfaceId = Py.strOrNull(j.get("ovs_interfaceid"), "vif.ovs_interfaceid");
        v.active = j.has("active") && Py.truthy(j.get("active"));
        v.vnicType = j.has("vnic_type") ? String.valueOf(Py.strOrNull(j.get("vnic_type"), "vif.vnic_type")) : "normal";
        v.profile = j.get("profile");
        v.preserveOnDelete = Py.truthy(j.get("preserve_on_delete"));
        v.delegateCreate = Py.truthy(j.get("delegate_create"));
        JsonNode net = j.get("network");
        v.network = Py.truthy(net) ? NetworkModel.hydrate(net) : null;
        return v;
    }

    /** {@code is_hybrid_plug_enabled()}. */
    boolean isHybridPlugEnabled() {
        return Py.truthy(details.get("ovs_hybrid_plug"));
    }

    /** {@code is_neutron_filtering_enabled()}, as os-vif's BooleanField takes it. */
    boolean isNeutronFilteringEnabled() {
        return Py.truthy(details.get("port_filter"));
    }

    /** {@code vif.get('ovs_interfaceid') or vif['id']}. */
    String ovsInterfaceIdOrId() {
        return ovsInterfaceId != null && !ovsInterfaceId.isEmpty() ? ovsInterfaceId : id;
    }

    /** {@code vif["profile"]["pci_slot"]}. */
    String pciSlot() {
        if (profile == null || !profile.isObject() || !profile.has("pci_slot")) {
            throw new BindingException("vif.profile.pci_slot", "missing: vnic_type " + vnicType
                    + " needs the device's PCI slot (port " + id + ")");
        }
        return Py.strOrNull(profile.get("pci_slot"), "vif.profile.pci_slot");
    }

    private static List<JsonNode> list(JsonNode n, String path) {
        List<JsonNode> out = new ArrayList<>();
        if (!Py.truthy(n)) {
            return out;
        }
        if (!n.isArray()) {
            throw new BindingException(path, "expected a list, got " + n);
        }
        n.forEach(out::add);
        return out;
    }

    private static JsonNode object(JsonNode n, String path) {
        if (!n.isObject()) {
            throw new BindingException(path, "expected an object, got " + n);
        }
        return n;
    }

    /** {@code IP.hydrate}: None for a falsy value, which Nova's converter then cannot read. */
    static final class Ip {
        String address;
        final List<Ip> floatingIps = new ArrayList<>();

        static Ip hydrate(JsonNode n, String path) {
            if (!Py.truthy(n)) {
                throw new BindingException(path, "expected an IP object, got " + n);
            }
            object(n, path);
            Ip ip = new Ip();
            ip.address = Py.strOrNull(n.get("address"), path + ".address");
            return ip;
        }

        /** {@code FixedIP.hydrate}. */
        static Ip hydrateFixed(JsonNode n, String path) {
            object(n, path);
            Ip ip = new Ip();
            ip.address = Py.strOrNull(n.get("address"), path + ".address");
            int i = 0;
            for (JsonNode f : list(n.get("floating_ips"), path + ".floating_ips")) {
                ip.floatingIps.add(hydrate(f, path + ".floating_ips[" + i++ + "]"));
            }
            return ip;
        }

        /** {@code IP.hydrate} where None is allowed (gateways). */
        static Ip orNull(JsonNode n, String path) {
            return Py.truthy(n) ? hydrate(n, path) : null;
        }
    }

    /** {@code Route.hydrate}. */
    static final class RouteModel {
        String cidr;
        Ip gateway;
        String iface;
    }

    /** {@code Subnet.hydrate}. */
    static final class SubnetModel {
        String cidr;
        Ip gateway;
        final List<Ip> dns = new ArrayList<>();
        final List<Ip> ips = new ArrayList<>();
        final List<RouteModel> routes = new ArrayList<>();
    }

    /** {@code Network.hydrate}, with Nova's meta merging. */
    static final class NetworkModel {
        String id;
        String bridge;
        String label;
        final List<SubnetModel> subnets = new ArrayList<>();
        ObjectNode meta = JsonNodeFactory.instance.objectNode();

        JsonNode meta(String key) {
            return meta.get(key);
        }

        static NetworkModel hydrate(JsonNode n) {
            object(n, "vif.network");
            NetworkModel m = new NetworkModel();
            m.id = Py.strOrNull(n.get("id"), "vif.network.id");
            m.bridge = Py.strOrNull(n.get("bridge"), "vif.network.bridge");
            m.label = Py.strOrNull(n.get("label"), "vif.network.label");
            JsonNode meta = n.get("meta");
            if (meta != null && !meta.isNull()) {
                m.meta = ((ObjectNode) object(meta, "vif.network.meta")).deepCopy();
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!List.of("id", "bridge", "label", "subnets", "meta").contains(e.getKey())) {
                    m.meta.set(e.getKey(), e.getValue());
                }
            }
            int i = 0;
            for (JsonNode s : list(n.get("subnets"), "vif.network.subnets")) {
                m.subnets.add(subnet(s, "vif.network.subnets[" + i++ + "]"));
            }
            return m;
        }

        private static SubnetModel subnet(JsonNode n, String path) {
            object(n, path);
            SubnetModel s = new SubnetModel();
            s.cidr = Py.strOrNull(n.get("cidr"), path + ".cidr");
            s.gateway = Ip.orNull(n.get("gateway"), path + ".gateway");
            int i = 0;
            for (JsonNode d : list(n.get("dns"), path + ".dns")) {
                s.dns.add(Ip.hydrate(d, path + ".dns[" + i++ + "]"));
            }
            i = 0;
            for (JsonNode ip : list(n.get("ips"), path + ".ips")) {
                s.ips.add(Ip.hydrateFixed(ip, path + ".ips[" + i++ + "]"));
            }
            i = 0;
            for (JsonNode r : list(n.get("routes"), path + ".routes")) {
                String rp = path + ".routes[" + i++ + "]";
                object(r, rp);
                RouteModel route = new RouteModel();
                route.cidr = Py.strOrNull(r.get("cidr"), rp + ".cidr");
                route.iface = Py.strOrNull(r.get("interface"), rp + ".interface");
                route.gateway = Ip.orNull(r.get("gateway"), rp + ".gateway");
                s.routes.add(route);
            }
            return s;
        }
    }
}
