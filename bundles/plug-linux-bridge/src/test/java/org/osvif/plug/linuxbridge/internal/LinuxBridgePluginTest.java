package org.osvif.plug.linuxbridge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.osvif.NetworkInterfaceNotFound;
import org.osvif.netlink.Netlink;
import org.osvif.netlink.NetlinkException;
import org.osvif.objects.Network;
import org.osvif.objects.Primitives;
import org.osvif.objects.VIFBridge;
import org.osvif.testsupport.TestNamespace;

/**
 * The plugin against the kernel, each test in namespaces of its own, and against Python os-vif's
 * plugin run on the same VIFs in a second namespace: the two must leave the same state.
 */
class LinuxBridgePluginTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A flat interface with addresses and gateway routes, as a host's eth0 would have. */
    private static void uplink(TestNamespace ns, String name) throws Exception {
        ns.ip("link", "add", name, "type", "veth", "peer", "name", name + "p");
        ns.ip("link", "set", name, "up");
        ns.ip("link", "set", name + "p", "up");
        ns.ip("addr", "add", "10.10.0.5/24", "brd", "10.10.0.255", "dev", name);
        ns.ip("addr", "add", "10.10.0.6/24", "dev", name);
        ns.ip("route", "add", "default", "via", "10.10.0.1");
        ns.ip("route", "add", "172.16.0.0/16", "via", "10.10.0.254", "metric", "50");
    }

    private static Map<String, Object> tree(String json) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.readValue(json, Map.class);
        return normalizeChanges(m);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalizeChanges(Map<String, Object> m) {
        Object changes = m.get("versioned_object.changes");
        if (changes instanceof List<?> l) {
            m.put("versioned_object.changes", new TreeSet<>((List<String>) l));
        }
        m.values().forEach(v -> {
            if (v instanceof Map<?, ?> x) {
                normalizeChanges((Map<String, Object>) x);
            } else if (v instanceof List<?> l) {
                l.forEach(e -> {
                    if (e instanceof Map<?, ?> y) {
                        normalizeChanges((Map<String, Object>) y);
                    }
                });
            }
        });
        return m;
    }

    @Test
    void describeIsPythons() throws Exception {
        LinuxBridgePlugin plugin = new LinuxBridgePlugin(null, Settings.DEFAULTS);
        assertThat(tree(Primitives.toJson(plugin.describe()))).isEqualTo(tree(PythonOracle.describe()));
    }

    /** The same VIFs through both plugins, each into a namespace with an uplink eth0. */
    @Test
    void plugsAsPythonDoes() throws Exception {
        Network flat = Vifs.network().bridgeInterface("eth0").mtu(1450).build();
        Network noIface = Vifs.network().mtu(9000).build();
        Network missing = Vifs.network().bridgeInterface("nosuch0").mtu(1400).build();
        List<VIFBridge> vifs = List.of(
                Vifs.vif(1, "brflat", flat, false),
                Vifs.vif(2, "brflat", flat, false),
                Vifs.vif(3, "brq1", noIface, true),
                Vifs.vif(4, "brq2", noIface, false),
                Vifs.vif(5, "brmiss", missing, true),
                Vifs.vif(6, "brmulti", Vifs.network().multiHost(true).build(), false),
                Vifs.vif(7, "brnone", Vifs.network().shouldProvideBridge(false).build(), false),
                Vifs.vif(8, "brq1", noIface, true));
        try (TestNamespace ours = TestNamespace.create("lbj"); TestNamespace py = TestNamespace.create("lbp");
                Netlink nl = Netlink.open(ours.name())) {
            uplink(ours, "eth0");
            uplink(py, "eth0");
            assertThat(Snapshot.of(ours, Iptables.BINARY_NAME)).isEqualTo(Snapshot.of(py, PythonOracle.BINARY_NAME));

            LinuxBridgePlugin plugin = new LinuxBridgePlugin(nl, Settings.DEFAULTS);
            for (VIFBridge v : vifs) {
                plugin.plug(v, Vifs.INSTANCE);
            }
            assertThat(PythonOracle.plug(py.name(), "{}", vifs)).containsOnly("{\"ok\": true}");

            String snapshot = Snapshot.of(ours, Iptables.BINARY_NAME);
            assertThat(snapshot).isEqualTo(Snapshot.of(py, PythonOracle.BINARY_NAME));
            // What that state is, so that agreeing on nothing would not pass:
            assertThat(snapshot).contains(
                    "link brflat kind=bridge mtu=1450 master=- up=true forward_delay=0 stp_state=0 mcast_snooping=0",
                    "link eth0 kind=veth mtu=1450 master=brflat up=true",
                    "link brq1 kind=bridge mtu=1500 master=- up=true",
                    "addr brflat 10.10.0.5/24 brd=10.10.0.255 scope=global",
                    "route -4 default via=10.10.0.1 dev=brflat",
                    "route -4 172.16.0.0/16 via=10.10.0.254 dev=brflat proto=- scope=- metric=50",
                    "sysctl ipv6/conf/brflat/disable_ipv6:1", "sysctl ipv4/conf/brflat/arp_ignore:1",
                    "sysctl ipv4/conf/brflat/arp_announce:2",
                    "iptables -A WRAP-FORWARD -i brflat -j ACCEPT", "iptables -A WRAP-FORWARD -o brflat -j DROP",
                    "iptables -A WRAP-FORWARD -o brq2 -j DROP");
            assertThat(snapshot).doesNotContain("addr eth0", "brmulti", "brnone", "brq1 -j");

            // Plugged again (an existing, correct bridge): nothing changes, nothing is re-created.
            int index = nl.link("brflat").orElseThrow().index();
            for (VIFBridge v : vifs) {
                plugin.plug(v, Vifs.INSTANCE);
            }
            assertThat(Snapshot.of(ours, Iptables.BINARY_NAME)).isEqualTo(snapshot);
            assertThat(nl.link("brflat").orElseThrow().index()).isEqualTo(index);
            plugin.unplug(vifs.get(0), Vifs.INSTANCE);
            assertThat(Snapshot.of(ours, Iptables.BINARY_NAME)).isEqualTo(snapshot);
        }
    }

    @Test
    void configuredFlatInterfaceAndForwardInterfacesAsPython() throws Exception {
        Network net = Vifs.network().mtu(1400).build();
        List<VIFBridge> vifs = List.of(Vifs.vif(1, "brcfg", net, false));
        Settings s = new Settings(false, "", "", "REJECT", List.of("eth0", "eth9"), "", "eth0", 1500);
        try (TestNamespace ours = TestNamespace.create("lbj"); TestNamespace py = TestNamespace.create("lbp");
                Netlink nl = Netlink.open(ours.name())) {
            uplink(ours, "eth0");
            uplink(py, "eth0");
            new LinuxBridgePlugin(nl, s).plug(vifs.get(0), Vifs.INSTANCE);
            assertThat(PythonOracle.plug(py.name(), "{\"flat_interface\": \"eth0\", \"iptables_drop_action\": \"REJECT\","
                    + " \"forward_bridge_interface\": [\"eth0\", \"eth9\"]}", vifs)).containsOnly("{\"ok\": true}");
            String snapshot = Snapshot.of(ours, Iptables.BINARY_NAME);
            assertThat(snapshot).isEqualTo(Snapshot.of(py, PythonOracle.BINARY_NAME));
            assertThat(snapshot).contains("link eth0 kind=veth mtu=1400 master=brcfg",
                    "-A WRAP-FORWARD -i brcfg -o eth9 -j ACCEPT", "-A WRAP-FORWARD -o brcfg -j REJECT");
        }
    }

    /** Rules of others already there, and top/bottom regexes: the rewrite keeps and moves them as Python's does. */
    @Test
    void iptablesRewriteKeepsOthersRulesAsPythonDoes() throws Exception {
        Network net = Vifs.network().mtu(1450).build();
        List<VIFBridge> vifs = List.of(Vifs.vif(1, "brip1", net, false), Vifs.vif(2, "brip2", net, false));
        Settings s = new Settings(false, "top-rule", "bottom-rule", "DROP", List.of("all"), "", "", 1500);
        try (TestNamespace ours = TestNamespace.create("lbj"); TestNamespace py = TestNamespace.create("lbp");
                Netlink nl = Netlink.open(ours.name())) {
            for (TestNamespace ns : List.of(ours, py)) {
                ns.exec("iptables", "-N", "foreign");
                ns.exec("iptables", "-A", "INPUT", "-j", "foreign");
                ns.exec("iptables", "-A", "FORWARD", "-m", "comment", "--comment", "bottom-rule", "-j", "ACCEPT");
                ns.exec("iptables", "-A", "FORWARD", "-i", "lo", "-j", "ACCEPT");
                ns.exec("iptables", "-A", "FORWARD", "-m", "comment", "--comment", "top-rule", "-j", "ACCEPT");
                ns.exec("iptables", "-t", "nat", "-A", "POSTROUTING", "-o", "lo", "-j", "MASQUERADE");
            }
            LinuxBridgePlugin plugin = new LinuxBridgePlugin(nl, s);
            for (VIFBridge v : vifs) {
                plugin.plug(v, Vifs.INSTANCE);
            }
            assertThat(PythonOracle.plug(py.name(), "{\"iptables_top_regex\": \"top-rule\", "
                    + "\"iptables_bottom_regex\": \"bottom-rule\"}", vifs)).containsOnly("{\"ok\": true}");
            String snapshot = Snapshot.of(ours, Iptables.BINARY_NAME);
            assertThat(snapshot).isEqualTo(Snapshot.of(py, PythonOracle.BINARY_NAME));
            assertThat(snapshot).contains("-A INPUT -j foreign", "-A POSTROUTING -o lo -j MASQUERADE",
                    "-A WRAP-FORWARD -o brip2 -j DROP");
        }
    }

    @Test
    void vlanBridgeNeedsTheKernelsVlanKind() throws Exception {
        Network vlan = Vifs.network().shouldProvideVlan(true).vlan(100).bridgeInterface("eth0").mtu(1450).build();
        VIFBridge vif = Vifs.vif(1, "brvlan100", vlan, false);
        try (TestNamespace ours = TestNamespace.create("lbj"); TestNamespace py = TestNamespace.create("lbp");
                Netlink nl = Netlink.open(ours.name())) {
            uplink(ours, "eth0");
            uplink(py, "eth0");
            String before = Snapshot.of(ours, Iptables.BINARY_NAME);
            LinuxBridgePlugin plugin = new LinuxBridgePlugin(nl, Settings.DEFAULTS);
            try {
                plugin.plug(vif, Vifs.INSTANCE);
                // A kernel with 8021q: the VLAN device is enslaved to the bridge.
                assertThat(Snapshot.of(ours, Iptables.BINARY_NAME)).contains("link vlan100 kind=vlan mtu=1450 master=brvlan100",
                        "-A WRAP-FORWARD -i brvlan100 -j DROP");
            } catch (NetlinkException e) {
                assertThat(e.errnoName()).isEqualTo("EOPNOTSUPP");
                assertThat(e.getMessage()).contains("vlan100", "eth0", "no 'vlan' link kind");
                assertThat(Snapshot.of(ours, Iptables.BINARY_NAME)).isEqualTo(before);
                // Python fails too, on the same device.
                assertThat(PythonOracle.plug(py.name(), "{}", List.of(vif)).get(0)).contains("\"ok\": false");
            }
            Network noParent = Vifs.network().shouldProvideVlan(true).vlan(101).bridgeInterface("nosuch0").build();
            assertThatThrownBy(() -> plugin.plug(Vifs.vif(2, "brvlan101", noParent, false), Vifs.INSTANCE))
                    .isInstanceOf(NetworkInterfaceNotFound.class).hasMessageContaining("nosuch0");
            assertThat(nl.link("brvlan101")).isEmpty();
        }
    }

    @Test
    void longBridgeNameIsRefusedPlainly() throws Exception {
        try (TestNamespace ours = TestNamespace.create("lbj"); Netlink nl = Netlink.open(ours.name())) {
            LinuxBridgePlugin plugin = new LinuxBridgePlugin(nl, Settings.DEFAULTS);
            VIFBridge vif = Vifs.vif(1, "qbr0123456789abcdef", Vifs.network().build(), false);
            assertThatThrownBy(() -> plugin.plug(vif, Vifs.INSTANCE)).isInstanceOf(NetlinkException.class)
                    .hasMessageContaining("qbr0123456789abcdef").hasMessageContaining("at most 15");
            assertThat(ours.links().size()).isEqualTo(1);
        }
    }

    /** A plug that fails at its last step (iptables) leaves the namespace as it found it; a retry then works. */
    @Test
    void failedPlugIsUndoneAndCanBeRetried() throws Exception {
        Network flat = Vifs.network().bridgeInterface("eth0").mtu(1450).build();
        VIFBridge vif = Vifs.vif(1, "brundo", flat, false);
        try (TestNamespace ours = TestNamespace.create("lbj"); Netlink nl = Netlink.open(ours.name())) {
            uplink(ours, "eth0");
            String before = Snapshot.of(ours, Iptables.BINARY_NAME);
            Settings broken = new Settings(false, "", "", "NO-SUCH-TARGET", List.of("all"), "", "", 1500);
            assertThatThrownBy(() -> new LinuxBridgePlugin(nl, broken).plug(vif, Vifs.INSTANCE))
                    .hasMessageContaining("iptables-restore");
            assertThat(Snapshot.of(ours, Iptables.BINARY_NAME)).isEqualTo(before);

            LinuxBridgePlugin plugin = new LinuxBridgePlugin(nl, Settings.DEFAULTS);
            plugin.plug(vif, Vifs.INSTANCE);
            assertThat(Snapshot.of(ours, Iptables.BINARY_NAME)).contains("link eth0 kind=veth mtu=1450 master=brundo",
                    "addr brundo 10.10.0.5/24", "route -4 default via=10.10.0.1 dev=brundo");
        }
    }

    /** 8 threads plug 500 VIFs onto 50 shared bridges (half of them filtered by us). */
    @Test
    void concurrentPlugsOntoSharedBridges() throws Exception {
        try (TestNamespace ours = TestNamespace.create("lbj"); Netlink nl = Netlink.open(ours.name())) {
            LinuxBridgePlugin plugin = new LinuxBridgePlugin(nl, Settings.DEFAULTS);
            Network net = Vifs.network().mtu(1450).build();
            List<VIFBridge> vifs = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                vifs.add(Vifs.vif(i, "qbr" + (i % 50), net, (i % 50) % 2 == 1));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    fs.add(pool.submit(() -> {
                        for (int i = thread; i < vifs.size(); i += 8) {
                            plugin.plug(vifs.get(i), Vifs.INSTANCE);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            Set<String> bridges = new TreeSet<>();
            for (JsonNode l : ours.links()) {
                if (l.at("/linkinfo/info_kind").asText().equals("bridge")) {
                    assertThat(l.at("/linkinfo/info_data/forward_delay").asInt()).isZero();
                    assertThat(l.get("flags").toString()).contains("\"UP\"");
                    bridges.add(l.get("ifname").asText());
                }
            }
            assertThat(bridges).hasSize(50);
            String rules = ours.exec("iptables-save");
            for (int b = 0; b < 50; b++) {
                String out = "-A osvif-FORWARD -o qbr" + b + " -j DROP";
                assertThat(rules.split("\n")).filteredOn(out::equals).hasSize(b % 2 == 0 ? 1 : 0);
            }
        }
    }
}
