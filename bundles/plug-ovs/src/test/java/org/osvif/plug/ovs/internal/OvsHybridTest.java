package org.osvif.plug.ovs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.osvif.plug.ovs.internal.OvsInteropTest.INSTANCE;
import static org.osvif.plug.ovs.internal.OvsInteropTest.spec;
import static org.osvif.plug.ovs.internal.OvsInteropTest.step;
import static org.osvif.plug.ovs.internal.OvsInteropTest.vif;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.osvif.netlink.Netlink;
import org.osvif.ovsdb.OvsdbClient;
import org.osvif.testsupport.OvsSandbox;

/**
 * The {@code VIFBridge} hybrid plug (Linux bridge {@code qbr}, veth pair {@code qvb}/{@code qvo},
 * {@code qvo} on the OVS bridge) through Python os-vif 3.0.0 in one namespace with its own OVS and
 * through ours in another: after every step the OVSDB rows are equal (as in
 * {@link OvsInteropTest}) and so is each namespace's Linux side, device for device ({@code ip -d
 * -j link}: kind, MTU, flags, promiscuity, master, peer, bridge and bridge-port attributes; the
 * per-device sysctls os-vif writes). Addresses, ifindexes, ids and timers differ by nature and are
 * left out, as are carrier-related flags, which the kernel updates asynchronously.
 */
class OvsHybridTest {

    /** Set by the kernel from carrier, asynchronously (linkwatch): not the plugin's doing. */
    static final Set<String> CARRIER_FLAGS = Set.of("NO-CARRIER", "LOWER_UP", "M-DOWN");
    /** Per device, different by nature between two namespaces. */
    static final Set<String> VOLATILE = Set.of("ifindex", "address", "broadcast", "operstate", "link_index",
            "permaddr", "perm_address");
    static final String[] SYSCTLS = {"ipv6/conf/%s/disable_ipv6", "ipv4/conf/%s/arp_ignore", "ipv4/conf/%s/arp_announce"};

    static OvsSandbox ours;
    static OvsSandbox theirs;
    static Netlink oursNl;
    static Netlink theirsNl;

    @BeforeAll
    static void start() throws Exception {
        // OvsInteropTest's step() compares through its static clients
        OvsInteropTest.start();
        ours = OvsInteropTest.ours;
        theirs = OvsInteropTest.theirs;
        oursNl = OvsInteropTest.oursNl;
        theirsNl = Netlink.open(theirs.netns);
    }

    @AfterAll
    static void stop() {
        if (theirsNl != null) {
            theirsNl.close();
        }
        OvsInteropTest.stop();
    }

    static Map<String, Object> hybrid(String action, int n, String bridge, Long mtu) {
        Map<String, Object> s = spec(action, "bridge", n, bridge, mtu, null, null);
        // the device names keep 11 characters of the id: VIFs must differ there
        s.put("id", String.format("%08d-ca89-4ee0-a8be-6db1409b%04x", n, n));
        s.put("linux_bridge", new PortNames((String) s.get("id")).qbr());
        return s;
    }

    /** One step both ways: outcome and OVSDB rows (OvsInteropTest.step), then the Linux side. */
    void both(OvsPlugin java, PythonOvs py, Map<String, Object> s) throws Exception {
        step(java, py, s);
        assertThat(linux(ours.netns, oursNl)).as("Linux after %s %s", s.get("action"), s)
                .isEqualTo(linux(theirs.netns, theirsNl));
    }

    @Test
    void hybridPlugAndUnplugMatchPythonRowForRowAndDeviceForDevice() throws Exception {
        OvsPlugin java = new OvsPlugin(new Settings(1500, Duration.ofSeconds(20), ours.db, false, false, null),
                new NetlinkLinuxNet(oursNl), new PciSysfs(Path.of("/nonexistent-sys")));
        try (PythonOvs py = new PythonOvs(theirs.netns, theirs.db, Map.of())) {
            Map<String, Object> a = hybrid("plug", 60, "br-hy", 1450L);
            both(java, py, a);
            Map<String, Object> linux = linux(ours.netns, oursNl);
            String qbr = (String) a.get("linux_bridge");
            String qvb = new PortNames((String) a.get("id")).qvb();
            String qvo = new PortNames((String) a.get("id")).qvo();
            // what both sides show, spelled out once (the comparison above says they are equal)
            JsonNode br = (JsonNode) linux.get(qbr);
            assertThat(br.at("/linkinfo/info_kind").asText()).isEqualTo("bridge");
            assertThat(br.at("/linkinfo/info_data/ageing_time").asLong()).isZero();
            assertThat(br.at("/linkinfo/info_data/forward_delay").asLong()).isZero();
            assertThat(br.at("/linkinfo/info_data/stp_state").asLong()).isZero();
            assertThat(br.at("/linkinfo/info_data/mcast_snooping").asLong()).isZero();
            assertThat(br.get("flags").toString()).contains("\"UP\"");
            assertThat(linux.get(qbr + " sysctl")).isEqualTo(List.of("1", "1", "2"));
            JsonNode vb = (JsonNode) linux.get(qvb);
            assertThat(vb.get("master").asText()).isEqualTo(qbr);
            assertThat(vb.get("link").asText()).isEqualTo(qvo);
            assertThat(vb.get("mtu").asInt()).isEqualTo(1450);
            // os-vif 3.0.0's promisc='on' clears IFF_PROMISC (see NetlinkLinuxNet#createVethPair)
            assertThat(vb.get("flags").toString()).contains("\"UP\"").doesNotContain("\"PROMISC\"");
            JsonNode vo = (JsonNode) linux.get(qvo);
            assertThat(vo.get("mtu").asInt()).isEqualTo(1450);
            assertThat(vo.get("flags").toString()).contains("\"UP\"").doesNotContain("\"PROMISC\"");

            // re-plug: the veth pair exists, only MTUs are set again (update_veth_pair)
            both(java, py, a);
            both(java, py, hybrid("plug", 60, "br-hy", 1400L));
            assertThat(((JsonNode) linux(ours.netns, oursNl).get(qvb)).get("mtu").asInt()).isEqualTo(1400);
            // a second VIF without a network MTU: network_device_mtu
            both(java, py, hybrid("plug", 61, "br-hy", null));
            // unplug: qbr and the pair gone, the port off br-hy
            both(java, py, hybrid("unplug", 60, "br-hy", 1400L));
            assertThat(oursNl.link(qbr)).isEmpty();
            assertThat(oursNl.link(qvb)).isEmpty();
            assertThat(oursNl.link(qvo)).isEmpty();
            both(java, py, hybrid("unplug", 61, "br-hy", null));
            // unplugging again: nothing there, nothing to do, no error
            both(java, py, hybrid("unplug", 60, "br-hy", 1400L));
            // on a trunk bridge, which goes with the unplug
            both(java, py, hybrid("plug", 62, "tbr-hy000001", null));
            both(java, py, hybrid("unplug", 62, "tbr-hy000001", null));
        } finally {
            java.close();
        }
    }

    /**
     * The port's OVSDB transaction fails (an Interface row of the qvo's name already exists, in a
     * bond of another name: the name index refuses the insert). We raise and leave no qbr, qvb or
     * qvo behind (a Linux bridge that was there before is kept), and nothing in OVSDB. os-vif
     * 3.0.0 returns as if plugged: ovsdbapp only logs a failed transaction unless asked to
     * {@code check_error}, which os-vif does not; its qbr, qvb and qvo stay, its separate
     * ensure-bridge transaction has made the OVS bridge, and no port is on it.
     */
    @Test
    void aFailedOvsTransactionLeavesNoLinuxBridgeNorVethBehind() throws Exception {
        OvsPlugin java = new OvsPlugin(new Settings(1500, Duration.ofSeconds(20), ours.db, false, false, null),
                new NetlinkLinuxNet(oursNl), new PciSysfs(Path.of("/nonexistent-sys")));
        Map<String, Object> a = hybrid("plug", 70, "br-f", 1450L);
        Map<String, Object> b = hybrid("plug", 71, "br-f", 1450L);
        List<String> devsA = devices(70);
        List<String> devsB = devices(71);
        try (PythonOvs py = new PythonOvs(theirs.netns, theirs.db, Map.of())) {
            for (OvsSandbox o : List.of(ours, theirs)) {
                o.vsctl("add-br", "br-taken", "--", "add-bond", "br-taken", "bond-f", devsA.get(2), devsB.get(2));
            }
            assertThat(py.send(a)).as("os-vif 3.0.0 logs the OVSDB error and returns").isEqualTo("ok");
            assertThatThrownBy(() -> java.plug(vif(a), INSTANCE)).hasMessageContaining("constraint violation")
                    .hasMessageContaining(devsA.get(2));
            for (String dev : devsA) {
                assertThat(oursNl.link(dev)).as("ours: %s", dev).isEmpty();
                assertThat(theirsNl.link(dev)).as("os-vif leaves %s", dev).isPresent();
            }
            assertThat(OvsInteropTest.synced(OvsInteropTest.oursDb).byName("Bridge", "br-f")).isEmpty();
            assertThat(OvsInteropTest.synced(OvsInteropTest.oursDb).byName("Port", devsA.get(2))).isEmpty();
            theirs.vsctl("br-exists", "br-f");

            // a Linux bridge there before the plug stays; the veth pair goes
            oursNl.createBridge(devsB.get(0));
            assertThatThrownBy(() -> java.plug(vif(b), INSTANCE)).hasMessageContaining(devsB.get(2));
            assertThat(oursNl.link(devsB.get(0))).isPresent();
            assertThat(oursNl.link(devsB.get(1))).isEmpty();
            assertThat(oursNl.link(devsB.get(2))).isEmpty();
            oursNl.deleteLink(devsB.get(0));

            // the name free again, our retry plugs
            for (OvsSandbox o : List.of(ours, theirs)) {
                o.vsctl("del-br", "br-taken");
            }
            java.plug(vif(a), INSTANCE);
            assertThat(OvsInteropTest.synced(OvsInteropTest.oursDb).byName("Port", devsA.get(2))).isPresent();
            devsA.forEach(dev -> assertThat(oursNl.link(dev)).as(dev).isPresent());

            // unplugged, both namespaces and databases are equal again
            a.put("action", "unplug");
            both(java, py, a);
        } finally {
            java.close();
            for (OvsSandbox o : List.of(ours, theirs)) {
                o.vsctl("--if-exists", "del-br", "br-taken", "--", "--if-exists", "del-br", "br-f");
            }
        }
    }

    /** @return qbr, qvb, qvo of VIF {@code n} */
    static List<String> devices(int n) {
        return List.of(new PortNames(id(n)).qbr(), new PortNames(id(n)).qvb(), new PortNames(id(n)).qvo());
    }

    static String id(int n) {
        return (String) hybrid("plug", n, "x", null).get("id");
    }

    static Set<String> names(Netlink nl) {
        Set<String> out = new java.util.TreeSet<>();
        nl.links().forEach(l -> out.add(l.name()));
        return out;
    }

    /**
     * Every device but {@code lo} by name, normalized; and for the hybrid plug's devices the
     * sysctls os-vif writes.
     */
    static Map<String, Object> linux(String netns, Netlink nl) throws Exception {
        JsonNode links = PythonOvs.JSON.readTree(OvsSandbox.run("ip", "-n", netns, "-d", "-j", "link", "show"));
        Map<String, Object> out = new TreeMap<>();
        for (JsonNode l : links) {
            String name = l.get("ifname").asText();
            if (name.equals("lo")) {
                continue;
            }
            out.put(name, normalize((ObjectNode) l.deepCopy()));
            if (name.startsWith("qbr") || name.startsWith("qvb") || name.startsWith("qvo")) {
                List<String> sysctls = new ArrayList<>();
                for (String f : SYSCTLS) {
                    sysctls.add(nl.readSysctl(String.format(f, name)).orElse("(none)"));
                }
                out.put(name + " sysctl", sysctls);
            }
        }
        return out;
    }

    static JsonNode normalize(ObjectNode l) {
        VOLATILE.forEach(l::remove);
        ArrayNode flags = PythonOvs.JSON.createArrayNode();
        List<String> kept = new ArrayList<>();
        l.get("flags").forEach(f -> {
            if (!CARRIER_FLAGS.contains(f.asText())) {
                kept.add(f.asText());
            }
        });
        kept.stream().sorted().forEach(flags::add);
        l.set("flags", flags);
        JsonNode info = l.get("linkinfo");
        if (info != null) {
            for (String k : List.of("info_data", "info_slave_data")) {
                if (info.get(k) instanceof ObjectNode d) {
                    Iterator<String> it = d.fieldNames();
                    List<String> drop = new ArrayList<>();
                    it.forEachRemaining(f -> {
                        if (f.endsWith("_timer") || f.endsWith("_id") || f.startsWith("designated_")
                                || f.equals("no") || f.equals("root_port") || f.equals("port_no")
                                || f.equals("topology_change") || f.equals("topology_change_detected")) {
                            drop.add(f);
                        }
                    });
                    drop.forEach(d::remove);
                }
            }
        }
        return l;
    }
}
