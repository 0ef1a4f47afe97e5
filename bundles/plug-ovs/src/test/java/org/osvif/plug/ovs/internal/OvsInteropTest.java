package org.osvif.plug.ovs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.osvif.netlink.Netlink;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.Network;
import org.osvif.objects.Primitives;
import org.osvif.objects.VIFBase;
import org.osvif.objects.VIFBridge;
import org.osvif.objects.VIFHostDevice;
import org.osvif.objects.VIFOpenVSwitch;
import org.osvif.objects.VIFPortProfileOVSRepresentor;
import org.osvif.objects.VIFPortProfileOpenVSwitch;
import org.osvif.objects.VIFVHostUser;
import org.osvif.ovsdb.Op;
import org.osvif.ovsdb.OvsdbClient;
import org.osvif.ovsdb.Row;
import org.osvif.ovsdb.Uuid;
import org.osvif.testsupport.OvsSandbox;

/**
 * The same plug and unplug steps through Python os-vif 3.0.0 (into one OVS) and through ours
 * (into another); after every step the two databases' Bridge, Port, Interface and QoS rows must
 * be equal column by column, UUIDs replaced by what they point at, vswitchd's status columns
 * aside. Python's outcome (ok or error) must be ours too.
 */
class OvsInteropTest {

    static final InstanceInfo INSTANCE = InstanceInfo.builder().uuid("f0000000-0000-0000-0000-000000000001").name("vm1").build();
    /** Written by ovs-vswitchd, not by a plugin: they differ with timing. */
    static final Set<String> STATUS = Set.of("statistics", "status", "ofport", "admin_state", "link_state",
            "link_resets", "link_speed", "duplex", "mtu", "mac_in_use", "ifindex", "error", "bfd_status",
            "cfm_fault", "cfm_fault_status", "cfm_remote_mpids", "cfm_flap_count", "cfm_health",
            "cfm_remote_opstate", "lacp_current", "datapath_id", "datapath_version", "rstp_status",
            "rstp_statistics", "bond_active_slave", "bond_active_member");

    static OvsSandbox ours;
    static OvsSandbox theirs;
    static OvsdbClient oursDb;
    static OvsdbClient theirsDb;
    static Netlink oursNl;

    @BeforeAll
    static void start() throws Exception {
        ours = OvsSandbox.start(true);
        theirs = OvsSandbox.start(true);
        oursDb = OvsdbClient.connect(ours.db, OvsdbClient.options());
        theirsDb = OvsdbClient.connect(theirs.db, OvsdbClient.options());
        oursNl = Netlink.open(ours.netns);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {oursNl, oursDb, theirsDb, ours, theirs}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static OvsPlugin plugin(String db, boolean isolate, boolean perPort) {
        return new OvsPlugin(new Settings(1500, Duration.ofSeconds(20), db, isolate, perPort, null),
                new NetlinkLinuxNet(oursNl), new PciSysfs(Path.of("/nonexistent-sys")));
    }

    static Map<String, Object> spec(String action, String kind, int n, String bridge, Long mtu, String dp, Boolean createPort) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("action", action);
        s.put("kind", kind);
        s.put("id", String.format("b679325f-ca89-4ee0-a8be-6db1409b%04x", n));
        s.put("interface_id", String.format("e65867e0-9340-4a7f-a256-09af6eb7%04x", n));
        s.put("address", String.format("ca:fe:de:ad:be:%02x", n));
        s.put("vif_name", "tap-i" + n);
        s.put("bridge", bridge);
        s.put("mtu", mtu);
        s.put("datapath_type", dp);
        s.put("create_port", createPort);
        s.put("mode", "client");
        s.put("path", "/var/run/openvswitch/vhu" + n);
        return s;
    }

    static VIFBase vif(Map<String, Object> s) {
        Network.Builder nb = Network.builder().id("437c6db5-4e6f-4b43-b64b-ed6a11ee5ba7").bridge((String) s.get("bridge"));
        if (s.get("mtu") != null) {
            nb.mtu((Long) s.get("mtu"));
        }
        VIFPortProfileOpenVSwitch.Plain p = new VIFPortProfileOpenVSwitch.Plain()
                .interfaceId((String) s.get("interface_id")).profileId("");
        if (s.get("datapath_type") != null) {
            p.datapathType((String) s.get("datapath_type"));
        }
        if (s.get("create_port") != null) {
            p.createPort((Boolean) s.get("create_port"));
        }
        if ("hostdev".equals(s.get("kind"))) {
            VIFPortProfileOVSRepresentor.Builder r = VIFPortProfileOVSRepresentor.builder()
                    .interfaceId((String) s.get("interface_id")).profileId("")
                    .representorName((String) s.get("representor_name"))
                    .representorAddress((String) s.get("dev_address"));
            if (s.get("datapath_type") != null) {
                r.datapathType((String) s.get("datapath_type"));
            }
            return VIFHostDevice.builder().id((String) s.get("id")).address((String) s.get("address"))
                    .network(nb.build()).plugin("ovs").devType("ethernet").devAddress((String) s.get("dev_address"))
                    .portProfile(r.build()).build();
        }
        if ("bridge".equals(s.get("kind"))) {
            return VIFBridge.builder().id((String) s.get("id")).address((String) s.get("address"))
                    .network(nb.build()).plugin("ovs").vifName((String) s.get("vif_name"))
                    .bridgeName((String) s.get("linux_bridge")).portProfile(p.build()).build();
        }
        if ("ovs".equals(s.get("kind"))) {
            return VIFOpenVSwitch.builder().id((String) s.get("id")).address((String) s.get("address"))
                    .network(nb.build()).plugin("ovs").vifName((String) s.get("vif_name"))
                    .bridgeName((String) s.get("bridge")).portProfile(p.build()).build();
        }
        return VIFVHostUser.builder().id((String) s.get("id")).address((String) s.get("address"))
                .network(nb.build()).plugin("ovs").path((String) s.get("path")).mode((String) s.get("mode"))
                .portProfile(p.build()).build();
    }

    /** Runs one step both ways and compares outcomes and databases. */
    static void step(OvsPlugin java, PythonOvs py, Map<String, Object> s) throws Exception {
        String expected = py.send(s);
        String actual = "ok";
        try {
            if ("plug".equals(s.get("action"))) {
                java.plug(vif(s), INSTANCE);
            } else {
                java.unplug(vif(s), INSTANCE);
            }
        } catch (Exception e) {
            actual = "error: " + e.getMessage();
        }
        assertThat(actual.startsWith("error")).as("%s: ours %s, Python %s", s, actual, expected)
                .isEqualTo(expected.startsWith("error"));
        assertThat(dump(oursDb)).as("after %s %s", s.get("action"), s).isEqualTo(dump(theirsDb));
    }

    /** Every bridge with its ports and interfaces, UUIDs replaced by the rows they name. */
    /**
     * @return the client's replica once it holds every change committed before this call: the
     *         reply to a transaction comes after the updates ovsdb-server sent before it (another
     *         client's plug returned does not mean this client has seen it yet)
     */
    static org.osvif.ovsdb.Replica synced(OvsdbClient c) {
        c.transact(List.of(Op.comment("sync")));
        return c.replica();
    }

    static Map<String, Object> dump(OvsdbClient c) {
        var db = synced(c);
        Map<String, Object> out = new TreeMap<>();
        for (Row b : db.rows("Bridge")) {
            Map<String, Object> br = columns(b);
            List<Object> ports = new ArrayList<>();
            for (Object pu : b.set("ports")) {
                Row p = db.row("Port", (Uuid) pu).orElseThrow();
                Map<String, Object> port = columns(p);
                List<Object> ifaces = new ArrayList<>();
                for (Object iu : p.set("interfaces")) {
                    ifaces.add(columns(db.row("Interface", (Uuid) iu).orElseThrow()));
                }
                port.put("interfaces", ifaces);
                port.put("qos", p.set("qos").stream().map(q -> columns(db.row("QoS", (Uuid) q).orElseThrow())).toList());
                ports.add(port);
            }
            ports.sort(Comparator.comparing(Object::toString));
            br.put("ports", ports);
            out.put(b.string("name"), br);
        }
        Row root = db.rows("Open_vSwitch").iterator().next();
        out.put("(bridges)", root.set("bridges").stream().map(u -> db.row("Bridge", (Uuid) u).orElseThrow().string("name")).sorted().toList());
        out.put("(qos rows)", db.rows("QoS").size());
        return out;
    }

    static Map<String, Object> columns(Row r) {
        Map<String, Object> m = new TreeMap<>();
        r.columns().forEach((k, v) -> {
            if (!STATUS.contains(k)) {
                m.put(k, v);
            }
        });
        return m;
    }

    @Test
    void describeIsPythons() throws Exception {
        try (PythonOvs py = new PythonOvs(theirs.netns, theirs.db, Map.of())) {
            var mapper = PythonOvs.JSON;
            var theirsJson = mapper.readTree(py.send(Map.of("action", "describe")));
            var oursJson = mapper.readTree(Primitives.toJson(OvsPlugin.DESCRIPTION));
            assertThat(normalize(oursJson)).isEqualTo(normalize(theirsJson));
        }
    }

    /** {@code versioned_object.changes} compared as sets. */
    static com.fasterxml.jackson.databind.JsonNode normalize(com.fasterxml.jackson.databind.JsonNode n) {
        if (n.isObject()) {
            var o = PythonOvs.JSON.createObjectNode();
            n.fields().forEachRemaining(e -> {
                if (e.getKey().equals("versioned_object.changes")) {
                    var a = PythonOvs.JSON.createArrayNode();
                    List<String> l = new ArrayList<>();
                    e.getValue().forEach(x -> l.add(x.asText()));
                    l.stream().sorted().forEach(a::add);
                    o.set(e.getKey(), a);
                } else {
                    o.set(e.getKey(), normalize(e.getValue()));
                }
            });
            return o;
        }
        if (n.isArray()) {
            var a = PythonOvs.JSON.createArrayNode();
            n.forEach(x -> a.add(normalize(x)));
            return a;
        }
        return n;
    }

    @Test
    void defaultConfigurationEveryPathMatchesPython() throws Exception {
        OvsPlugin java = plugin(ours.db, false, false);
        try (PythonOvs py = new PythonOvs(theirs.netns, theirs.db, Map.of())) {
            // VIFOpenVSwitch with create_port: plug, re-plug (idempotent), unplug, unplug again
            step(java, py, spec("plug", "ovs", 1, "br-a", 1450L, "netdev", true));
            step(java, py, spec("plug", "ovs", 1, "br-a", 1450L, "netdev", true));
            step(java, py, spec("plug", "ovs", 2, "br-a", null, "netdev", true));
            step(java, py, spec("unplug", "ovs", 1, "br-a", 1450L, "netdev", true));
            step(java, py, spec("unplug", "ovs", 1, "br-a", 1450L, "netdev", true));
            step(java, py, spec("unplug", "ovs", 2, "br-a", null, "netdev", true));
            // without create_port only the bridge is ensured
            step(java, py, spec("plug", "ovs", 3, "br-b", null, "netdev", false));
            step(java, py, spec("unplug", "ovs", 3, "br-b", null, "netdev", false));
            // no datapath_type: system; a missing bridge is created
            step(java, py, spec("plug", "ovs", 4, "br-sys", null, null, true));
            step(java, py, spec("unplug", "ovs", 4, "br-sys", null, null, true));
            // an unknown datapath type is written as given, as Python does
            step(java, py, spec("plug", "ovs", 5, "br-bad", null, "bogus", true));
            step(java, py, spec("unplug", "ovs", 5, "br-bad", null, "bogus", true));
            // vhost-user, client and server mode, with mtu_request
            Map<String, Object> v = spec("plug", "vhostuser", 6, "br-v", 9000L, "netdev", null);
            step(java, py, v);
            Map<String, Object> v2 = spec("plug", "vhostuser", 7, "br-v", null, null, null);
            v2.put("mode", "server");
            step(java, py, v2);
            step(java, py, v2);
            v.put("action", "unplug");
            v2.put("action", "unplug");
            step(java, py, v);
            step(java, py, v2);
            // a trunk bridge goes with its last unplug
            step(java, py, spec("plug", "ovs", 8, "tbr-12345678", null, "netdev", true));
            step(java, py, spec("unplug", "ovs", 8, "tbr-12345678", null, "netdev", true));
            // unplugging from a bridge that does not exist
            step(java, py, spec("unplug", "ovs", 9, "br-missing", null, "netdev", true));
        } finally {
            java.close();
        }
    }

    @Test
    void isolateVifMatchesPython() throws Exception {
        OvsPlugin java = plugin(ours.db, true, false);
        try (PythonOvs py = new PythonOvs(theirs.netns, theirs.db, Map.of("isolate_vif", true))) {
            step(java, py, spec("plug", "ovs", 20, "br-iso", null, "netdev", true));
            step(java, py, spec("plug", "vhostuser", 21, "br-iso", null, "netdev", null));
            step(java, py, spec("unplug", "ovs", 20, "br-iso", null, "netdev", true));
            step(java, py, spec("unplug", "vhostuser", 21, "br-iso", null, "netdev", null));
        } finally {
            java.close();
        }
    }

    @Test
    void perPortBridgeMatchesPython() throws Exception {
        OvsPlugin java = plugin(ours.db, true, true);
        try (PythonOvs py = new PythonOvs(theirs.netns, theirs.db, Map.of("per_port_bridge", true, "isolate_vif", true))) {
            step(java, py, spec("plug", "ovs", 30, "br-pp", 1400L, "netdev", true));
            step(java, py, spec("plug", "ovs", 30, "br-pp", 1400L, "netdev", true));
            step(java, py, spec("unplug", "ovs", 30, "br-pp", 1400L, "netdev", true));
        } finally {
            java.close();
        }
    }

    static Map<String, Object> hostdev(String action, int n, String bridge, String dp, String pci) {
        Map<String, Object> s = spec(action, "hostdev", n, bridge, null, dp, null);
        s.put("dev_address", pci);
        s.put("representor_name", "rep1");
        return s;
    }

    /**
     * VIFHostDevice through a switchdev representor: the fake sysfs tree of {@link PciSysfsTest}
     * for both (Python's bind-mounted on its {@code /sys}), and a real device {@code rep1} in each
     * namespace for the representor that os-vif sets up on plug and down on unplug.
     */
    @Test
    void representorPlugMatchesPython(@org.junit.jupiter.api.io.TempDir Path fake) throws Exception {
        PciSysfsTest.tree(fake);
        try (NsSysfs oursSys = new NsSysfs(ours.netns); NsSysfs theirsSys = new NsSysfs(theirs.netns)) {
            for (NsSysfs ns : List.of(oursSys, theirsSys)) {
                ns.ip("tuntap", "add", "dev", "rep1", "mode", "tap");
            }
            OvsPlugin java = new OvsPlugin(new Settings(1500, Duration.ofSeconds(20), ours.db, false, false, null),
                    new NetlinkLinuxNet(oursNl), new PciSysfs(fake));
            try (PythonOvs py = new PythonOvs(theirs.netns, theirs.db, Map.of(), fake)) {
                // kernel datapath: the representor found through the PF's switch id, set up, plugged
                step(java, py, hostdev("plug", 40, "br-rep", null, "0000:03:00.2"));
                assertThat(oursSys.isUp("rep1")).isTrue().isEqualTo(theirsSys.isUp("rep1"));
                step(java, py, hostdev("plug", 40, "br-rep", null, "0000:03:00.2"));
                // unplug: off the bridge and down, but not deleted (it is bound to the VF)
                step(java, py, hostdev("unplug", 40, "br-rep", null, "0000:03:00.2"));
                assertThat(oursSys.exists("rep1")).isTrue();
                assertThat(oursSys.isUp("rep1")).isFalse().isEqualTo(theirsSys.isUp("rep1"));
                // netdev datapath: a DPDK representor port vfr<id> with dpdk-devargs from the PF's address
                step(java, py, hostdev("plug", 41, "br-rep-dpdk", "netdev", "0000:03:00.2"));
                step(java, py, hostdev("unplug", 41, "br-rep-dpdk", "netdev", "0000:03:00.2"));
                // a PCI address sysfs does not have: os-vif's PciDeviceNotFoundById for both
                step(java, py, hostdev("plug", 42, "br-rep", null, "0000:09:00.1"));
                // a trunk bridge goes with the representor's unplug
                step(java, py, hostdev("plug", 43, "tbr-rep00001", null, "0000:03:00.2"));
                step(java, py, hostdev("unplug", 43, "tbr-rep00001", null, "0000:03:00.2"));
            } finally {
                java.close();
                for (NsSysfs ns : List.of(oursSys, theirsSys)) {
                    ns.ip("link", "del", "dev", "rep1");
                }
            }
        }
    }

    static long nextCfg(OvsdbClient c) {
        return (Long) synced(c).rows("Open_vSwitch").iterator().next().get("next_cfg");
    }

    /**
     * python-ovs's IDL sends no transaction when nothing really changes (UNCHANGED) and ovsdbapp
     * then does not wait for vswitchd: a re-plug of an identical VIF leaves {@code next_cfg} as it was.
     */
    @Test
    void aReplugThatChangesNothingSendsNothingAsPythonsIdl() throws Exception {
        OvsPlugin java = plugin(ours.db, false, false);
        try (PythonOvs py = new PythonOvs(theirs.netns, theirs.db, Map.of())) {
            Map<String, Object> s = spec("plug", "ovs", 50, "br-int", 1450L, "netdev", true);
            step(java, py, s);
            long oursBefore = nextCfg(oursDb);
            long theirsBefore = nextCfg(theirsDb);
            step(java, py, s);
            assertThat(nextCfg(theirsDb) - theirsBefore).as("Python's re-plug").isZero();
            assertThat(nextCfg(oursDb) - oursBefore).as("our re-plug").isZero();
            s.put("action", "unplug");
            step(java, py, s);
            assertThat(nextCfg(oursDb)).isGreaterThan(oursBefore);
        } finally {
            java.close();
        }
    }
}
