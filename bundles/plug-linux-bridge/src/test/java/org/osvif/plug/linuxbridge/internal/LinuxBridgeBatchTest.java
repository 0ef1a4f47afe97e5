package org.osvif.plug.linuxbridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osvif.NetworkInterfaceNotFound;
import org.osvif.PlugRequest;
import org.osvif.netlink.Netlink;
import org.osvif.netlink.NetlinkException;
import org.osvif.objects.Network;
import org.osvif.objects.VIFBridge;
import org.osvif.plugin.PlugOutcome;
import org.osvif.testsupport.TestNamespace;

/**
 * The batch path against the kernel: the same VIFs plugged one by one in one namespace and as
 * one batch in another must leave the same state, failures included.
 */
class LinuxBridgeBatchTest {

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

    private static List<PlugRequest> requests(List<VIFBridge> vifs) {
        List<PlugRequest> rs = new ArrayList<>();
        vifs.forEach(v -> rs.add(new PlugRequest(v, Vifs.INSTANCE)));
        return rs;
    }

    /** Plugs the VIFs one by one into {@code single}, as one batch into {@code batched}; returns the batch's outcomes. */
    private static List<PlugOutcome> both(Settings s, List<VIFBridge> vifs, TestNamespace single, Netlink singleNl,
            Netlink batchedNl, List<Exception> singleErrors) {
        LinuxBridgePlugin one = new LinuxBridgePlugin(singleNl, s);
        for (VIFBridge v : vifs) {
            try {
                one.plug(v, Vifs.INSTANCE);
                singleErrors.add(null);
            } catch (Exception e) {
                singleErrors.add(e);
            }
        }
        List<PlugOutcome> out = new LinuxBridgePlugin(batchedNl, s).plugAll(requests(vifs));
        assertThat(out).hasSize(vifs.size());
        return out;
    }

    private static List<VIFBridge> mixed() {
        Network flat = Vifs.network().bridgeInterface("eth0").mtu(1450).build();
        Network noIface = Vifs.network().mtu(9000).build();
        Network missing = Vifs.network().bridgeInterface("nosuch0").mtu(1400).build();
        List<VIFBridge> vifs = new ArrayList<>(List.of(
                Vifs.vif(1, "brflat", flat, false),
                Vifs.vif(2, "brflat", flat, false),
                Vifs.vif(3, "brq1", noIface, true),
                Vifs.vif(4, "brq2", noIface, false),
                Vifs.vif(5, "brmiss", missing, true),
                Vifs.vif(6, "brmulti", Vifs.network().multiHost(true).build(), false),
                Vifs.vif(7, "brnone", Vifs.network().shouldProvideBridge(false).build(), false),
                Vifs.vif(8, "brq1", noIface, true)));
        Network net = Vifs.network().mtu(1450).build();
        for (int i = 0; i < 60; i++) {
            vifs.add(Vifs.vif(100 + i, "qbr" + (i % 25), net, (i % 25) % 2 == 1));
        }
        return vifs;
    }

    @Test
    void batchLeavesWhatSinglePlugsLeaveAndReplugChangesNothing() throws Exception {
        List<VIFBridge> vifs = mixed();
        try (TestNamespace single = TestNamespace.create("lbs"); TestNamespace batched = TestNamespace.create("lbb");
                Netlink sn = Netlink.open(single.name()); Netlink bn = Netlink.open(batched.name())) {
            uplink(single, "eth0");
            uplink(batched, "eth0");
            List<Exception> singleErrors = new ArrayList<>();
            List<PlugOutcome> out = both(Settings.DEFAULTS, vifs, single, sn, bn, singleErrors);
            assertThat(singleErrors).containsOnlyNulls();
            assertThat(out).allSatisfy(o -> assertThat(o.error()).isNull());
            assertThat(out.get(0).phases()).containsKeys("netlink_lookup", "netlink_create", "netlink_configure",
                    "iptables");
            String snapshot = Snapshot.of(batched, Iptables.BINARY_NAME);
            assertThat(snapshot).isEqualTo(Snapshot.of(single, Iptables.BINARY_NAME));
            // What that state is, so that agreeing on nothing would not pass:
            assertThat(snapshot).contains(
                    "link brflat kind=bridge mtu=1450 master=- up=true forward_delay=0 stp_state=0 mcast_snooping=0",
                    "link eth0 kind=veth mtu=1450 master=brflat up=true",
                    "link brq1 kind=bridge mtu=1500 master=- up=true",
                    "link qbr24 kind=bridge mtu=1500 master=- up=true",
                    "addr brflat 10.10.0.5/24 brd=10.10.0.255 scope=global",
                    "route -4 default via=10.10.0.1 dev=brflat",
                    "route -4 172.16.0.0/16 via=10.10.0.254 dev=brflat proto=- scope=- metric=50",
                    "sysctl ipv6/conf/brflat/disable_ipv6:1", "sysctl ipv4/conf/qbr3/arp_ignore:1",
                    "sysctl ipv4/conf/qbr3/arp_announce:2",
                    "iptables -A WRAP-FORWARD -i brflat -j ACCEPT", "iptables -A WRAP-FORWARD -o qbr0 -j DROP");
            assertThat(snapshot).doesNotContain("addr eth0", "brmulti", "brnone", "brq1 -j", "qbr1 -j");

            // Plugged again: nothing changes, nothing is re-created.
            int index = bn.link("brflat").orElseThrow().index();
            int q = bn.link("qbr7").orElseThrow().index();
            assertThat(new LinuxBridgePlugin(bn, Settings.DEFAULTS).plugAll(requests(vifs)))
                    .allSatisfy(o -> assertThat(o.error()).isNull());
            assertThat(Snapshot.of(batched, Iptables.BINARY_NAME)).isEqualTo(snapshot);
            assertThat(bn.link("brflat").orElseThrow().index()).isEqualTo(index);
            assertThat(bn.link("qbr7").orElseThrow().index()).isEqualTo(q);
        }
    }

    /** Each VIF fails on its own device only; the others of the batch are plugged. */
    @Test
    void aVifWhoseDeviceFailsFailsAlone() throws Exception {
        Network net = Vifs.network().mtu(1450).build();
        Network noParent = Vifs.network().shouldProvideVlan(true).vlan(101).bridgeInterface("nosuch0").build();
        List<VIFBridge> vifs = List.of(
                Vifs.vif(1, "brgood1", net, true),
                Vifs.vif(2, "brbad", net, true),                  // a veth of that name exists
                Vifs.vif(3, "qbr0123456789abcdef", net, true),   // too long
                Vifs.vif(4, "brvlan101", noParent, false),        // the VLAN's parent is missing
                Vifs.vif(5, "brgood1", net, true),
                Vifs.vif(6, "brgood2", net, false));
        try (TestNamespace single = TestNamespace.create("lbs"); TestNamespace batched = TestNamespace.create("lbb");
                Netlink sn = Netlink.open(single.name()); Netlink bn = Netlink.open(batched.name())) {
            for (TestNamespace ns : List.of(single, batched)) {
                ns.ip("link", "add", "brbad", "type", "veth", "peer", "name", "brbadp");
            }
            List<Exception> singleErrors = new ArrayList<>();
            List<PlugOutcome> out = both(Settings.DEFAULTS, vifs, single, sn, bn, singleErrors);
            assertThat(out.get(0).error()).isNull();
            assertThat(out.get(1).error()).isInstanceOf(NetlinkException.class).hasMessageContaining("brbad")
                    .hasMessageContaining("not a bridge (kind veth)");
            assertThat(out.get(2).error()).isInstanceOf(NetlinkException.class).hasMessageContaining("at most 15");
            assertThat(out.get(3).error()).isInstanceOf(NetworkInterfaceNotFound.class).hasMessageContaining("nosuch0");
            assertThat(out.get(4).error()).isNull();
            assertThat(out.get(5).error()).isNull();
            for (int i = 0; i < vifs.size(); i++) {
                assertThat(out.get(i).error() == null).as("VIF %d as the single path", i).isEqualTo(singleErrors.get(i) == null);
                if (out.get(i).error() != null) {
                    assertThat(out.get(i).error()).hasSameClassAs(singleErrors.get(i))
                            .hasMessage(singleErrors.get(i).getMessage());
                }
            }
            String snapshot = Snapshot.of(batched, Iptables.BINARY_NAME);
            assertThat(snapshot).isEqualTo(Snapshot.of(single, Iptables.BINARY_NAME));
            assertThat(snapshot).contains("link brgood1 kind=bridge", "link brgood2 kind=bridge",
                    "iptables -A WRAP-FORWARD -o brgood2 -j DROP").doesNotContain("brvlan101", "qbr0123");
        }
    }

    /** The iptables step fails for the VIFs we filter: their bridges are undone, the others stay, as one by one. */
    @Test
    void failedIptablesUndoesTheBridgesOfTheVifsThatFailed() throws Exception {
        Network flat = Vifs.network().bridgeInterface("eth0").mtu(1450).build();
        Network net = Vifs.network().mtu(1450).build();
        List<VIFBridge> vifs = List.of(
                Vifs.vif(1, "brundo", flat, false),   // ours to filter: fails, its eth0 set-up undone
                Vifs.vif(2, "brkeep", net, true),     // Neutron filters: no rules, plugged
                Vifs.vif(3, "brhalf", net, true),     // plugged ...
                Vifs.vif(4, "brhalf", net, false));   // ... and this one fails: the bridge stays
        Settings broken = new Settings(false, "", "", "NO-SUCH-TARGET", List.of("all"), "", "", 1500);
        try (TestNamespace single = TestNamespace.create("lbs"); TestNamespace batched = TestNamespace.create("lbb");
                Netlink sn = Netlink.open(single.name()); Netlink bn = Netlink.open(batched.name())) {
            uplink(single, "eth0");
            uplink(batched, "eth0");
            String before = Snapshot.of(batched, Iptables.BINARY_NAME);
            List<Exception> singleErrors = new ArrayList<>();
            List<PlugOutcome> out = both(broken, vifs, single, sn, bn, singleErrors);
            assertThat(out.get(0).error()).hasMessageContaining("iptables-restore");
            assertThat(out.get(1).error()).isNull();
            assertThat(out.get(2).error()).isNull();
            assertThat(out.get(3).error()).hasMessageContaining("iptables-restore");
            assertThat(singleErrors.get(0)).isNotNull();
            assertThat(singleErrors.get(3)).isNotNull();
            String snapshot = Snapshot.of(batched, Iptables.BINARY_NAME);
            assertThat(snapshot).isEqualTo(Snapshot.of(single, Iptables.BINARY_NAME));
            assertThat(snapshot).contains("link brkeep kind=bridge", "link brhalf kind=bridge",
                    "link eth0 kind=veth mtu=1500 master=- up=true", "addr eth0 10.10.0.5/24")
                    .doesNotContain("brundo");
            assertThat(before).contains("addr eth0 10.10.0.5/24");
        }
    }

    /** VLAN bridges, two VIFs on one; a kernel without the vlan kind fails them as one by one does. */
    @Test
    void vlanBridgesAsTheSinglePath() throws Exception {
        Network vlan = Vifs.network().shouldProvideVlan(true).vlan(100).bridgeInterface("eth0").mtu(1450).build();
        Network vlan2 = Vifs.network().shouldProvideVlan(true).vlan(200).bridgeInterface("eth0").mtu(1400).build();
        List<VIFBridge> vifs = List.of(Vifs.vif(1, "brvlan100", vlan, false), Vifs.vif(2, "brvlan100", vlan, false),
                Vifs.vif(3, "brvlan200", vlan2, false), Vifs.vif(4, "brplain", Vifs.network().mtu(1450).build(), true));
        try (TestNamespace single = TestNamespace.create("lbs"); TestNamespace batched = TestNamespace.create("lbb");
                Netlink sn = Netlink.open(single.name()); Netlink bn = Netlink.open(batched.name())) {
            uplink(single, "eth0");
            uplink(batched, "eth0");
            List<Exception> singleErrors = new ArrayList<>();
            List<PlugOutcome> out = both(Settings.DEFAULTS, vifs, single, sn, bn, singleErrors);
            for (int i = 0; i < vifs.size(); i++) {
                if (singleErrors.get(i) == null) {
                    assertThat(out.get(i).error()).isNull();
                } else {
                    assertThat(out.get(i).error()).hasMessage(singleErrors.get(i).getMessage());
                }
            }
            assertThat(out.get(3).error()).isNull();
            String snapshot = Snapshot.of(batched, Iptables.BINARY_NAME);
            assertThat(snapshot).isEqualTo(Snapshot.of(single, Iptables.BINARY_NAME));
            if (out.get(0).error() == null) {
                assertThat(snapshot).contains("link vlan100 kind=vlan mtu=1450 master=brvlan100",
                        "link vlan200 kind=vlan mtu=1400 master=brvlan200", "-A WRAP-FORWARD -i brvlan100 -j DROP");
            } else {
                assertThat(out.get(0).error()).hasMessageContaining("vlan100").hasMessageContaining("on eth0")
                        .hasMessageContaining("no 'vlan' link kind");
                assertThat(snapshot).doesNotContain("brvlan", "vlan100");
            }
        }
    }

    /**
     * A VLAN device that exists (os-vif takes any device named {@code vlan<N>}; a veth here, so that
     * kernels without the vlan kind run it too) is enslaved to its bridge as one by one does.
     */
    @Test
    void existingVlanDeviceIsEnslavedAsTheSinglePath() throws Exception {
        Network vlan = Vifs.network().shouldProvideVlan(true).vlan(300).bridgeInterface("eth0").mtu(1450).build();
        List<VIFBridge> vifs = List.of(Vifs.vif(1, "brvlan300", vlan, false), Vifs.vif(2, "brvlan300", vlan, false));
        try (TestNamespace single = TestNamespace.create("lbs"); TestNamespace batched = TestNamespace.create("lbb");
                Netlink sn = Netlink.open(single.name()); Netlink bn = Netlink.open(batched.name())) {
            for (TestNamespace ns : List.of(single, batched)) {
                uplink(ns, "eth0");
                ns.ip("link", "add", "vlan300", "type", "veth", "peer", "name", "vlan300p");
            }
            List<Exception> singleErrors = new ArrayList<>();
            List<PlugOutcome> out = both(Settings.DEFAULTS, vifs, single, sn, bn, singleErrors);
            assertThat(singleErrors).containsOnlyNulls();
            assertThat(out).allSatisfy(o -> assertThat(o.error()).isNull());
            String snapshot = Snapshot.of(batched, Iptables.BINARY_NAME);
            assertThat(snapshot).isEqualTo(Snapshot.of(single, Iptables.BINARY_NAME));
            assertThat(snapshot).contains("link vlan300 kind=veth mtu=1500 master=brvlan300 up=true",
                    "-A WRAP-FORWARD -i brvlan300 -j DROP", "-A WRAP-FORWARD -o brvlan300 -j DROP");
        }
    }

    /** VIFs that ask for one bridge differently, or share an interface: the later ones go one by one, in order. */
    @Test
    void conflictingSetUpsGoThroughTheSinglePath() throws Exception {
        List<VIFBridge> vifs = List.of(
                Vifs.vif(1, "brc1", Vifs.network().bridgeInterface("eth0").mtu(1450).build(), false),
                Vifs.vif(2, "brc1", Vifs.network().mtu(1400).build(), false),
                Vifs.vif(3, "brc2", Vifs.network().bridgeInterface("eth0").mtu(1450).build(), true),
                Vifs.vif(4, "brc3", Vifs.network().mtu(1450).build(), false));
        try (TestNamespace single = TestNamespace.create("lbs"); TestNamespace batched = TestNamespace.create("lbb");
                Netlink sn = Netlink.open(single.name()); Netlink bn = Netlink.open(batched.name())) {
            uplink(single, "eth0");
            uplink(batched, "eth0");
            List<Exception> singleErrors = new ArrayList<>();
            List<PlugOutcome> out = both(Settings.DEFAULTS, vifs, single, sn, bn, singleErrors);
            assertThat(singleErrors).containsOnlyNulls();
            assertThat(out).allSatisfy(o -> assertThat(o.error()).isNull());
            assertThat(out.get(1).phases()).containsKey("linux");
            String snapshot = Snapshot.of(batched, Iptables.BINARY_NAME);
            assertThat(snapshot).isEqualTo(Snapshot.of(single, Iptables.BINARY_NAME));
            assertThat(snapshot).contains("link eth0 kind=veth mtu=1450 master=brc2", "link brc3 kind=bridge");
        }
    }
}
