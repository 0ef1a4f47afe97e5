package org.osvif.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osvif.testsupport.TestNamespace;

/** Each operation against a real kernel in a namespace of its own, read back with {@code ip -j}. */
class NetlinkTest {

    static TestNamespace ns;
    static Netlink nl;

    @BeforeAll
    static void namespace() throws Exception {
        ns = TestNamespace.create("nltest");
        nl = Netlink.open(ns.name());
    }

    @AfterAll
    static void remove() throws Exception {
        if (nl != null) {
            nl.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void bridgeHasOsVifAttributes() throws Exception {
        nl.createBridge("br-a");
        JsonNode l = ns.link("br-a");
        assertThat(l.at("/linkinfo/info_kind").asText()).isEqualTo("bridge");
        assertThat(l.at("/linkinfo/info_data/forward_delay").asInt()).isZero();
        assertThat(l.at("/linkinfo/info_data/stp_state").asInt()).isZero();
        assertThat(l.at("/linkinfo/info_data/mcast_snooping").asInt()).isZero();
        Link ours = nl.link("br-a").orElseThrow();
        assertThat(ours.kind()).isEqualTo("bridge");
        assertThat(ours.index()).isEqualTo(l.get("ifindex").asInt());
        assertThat(ours.mtu()).isEqualTo(l.get("mtu").asInt());
        assertThat(ours.mac()).isEqualTo(l.get("address").asText());
        assertThat(ours.up()).isFalse();
        assertThat(ours.bridge()).isEqualTo(new Link.BridgeAttributes(0, 0, 0, l.at("/linkinfo/info_data/ageing_time").asLong()));
    }

    @Test
    void bridgeWithAgeingTime() throws Exception {
        nl.createBridge("br-age", 0);
        JsonNode l = ns.link("br-age");
        assertThat(l.at("/linkinfo/info_data/ageing_time").asLong()).isZero();
        assertThat(l.at("/linkinfo/info_data/forward_delay").asInt()).isZero();
        assertThat(l.at("/linkinfo/info_data/stp_state").asInt()).isZero();
        assertThat(l.at("/linkinfo/info_data/mcast_snooping").asInt()).isZero();
        assertThat(nl.link("br-age").orElseThrow().bridge()).isEqualTo(new Link.BridgeAttributes(0, 0, 0, 0));
        nl.createBridge("br-age2", 1234);
        assertThat(ns.link("br-age2").at("/linkinfo/info_data/ageing_time").asLong()).isEqualTo(1234);
        assertThatThrownBy(() -> nl.createBridge("br-age", 0)).isInstanceOf(NetlinkException.class)
                .hasMessageContaining("EEXIST").hasMessageContaining("ageing 0");
    }

    @Test
    void promiscuousModeWithOtherChanges() throws Exception {
        nl.createVethPair("pr-a", "pr-b");
        nl.update("pr-a", LinkUpdate.create().up().promisc(true).mtu(1450));
        JsonNode a = ns.link("pr-a");
        assertThat(a.get("flags").toString()).contains("\"UP\"").contains("\"PROMISC\"");
        assertThat(a.get("mtu").asInt()).isEqualTo(1450);
        assertThat(ns.link("pr-b").get("flags").toString()).doesNotContain("PROMISC");
        nl.update("pr-a", LinkUpdate.create().promisc(false));
        assertThat(ns.link("pr-a").get("flags").toString()).contains("\"UP\"").doesNotContain("PROMISC");
        nl.deleteLink("pr-a");
    }

    @Test
    void multiqueueTap() throws Exception {
        nl.createTap("tap-mq", true);
        nl.createTap("tap-sq", false);
        assertThat(ns.link("tap-mq").at("/linkinfo/info_data/multi_queue").asBoolean()).isTrue();
        assertThat(ns.link("tap-sq").at("/linkinfo/info_data/multi_queue").asBoolean()).isFalse();
        assertThat(ns.link("tap-mq").at("/linkinfo/info_data/persist").asBoolean()).isTrue();
    }

    @Test
    void ensureBridgeIsIdempotent() throws Exception {
        assertThat(nl.ensureBridge("br-e")).isTrue();
        assertThat(nl.ensureBridge("br-e")).isFalse();
        assertThat(ns.link("br-e").at("/linkinfo/info_kind").asText()).isEqualTo("bridge");
        nl.createTap("tap-e");
        assertThatThrownBy(() -> nl.ensureBridge("tap-e")).isInstanceOf(NetlinkException.class)
                .hasMessageContaining("tap-e").hasMessageContaining("EEXIST").hasMessageContaining("not a bridge");
        assertThatThrownBy(() -> nl.createBridge("br-e")).isInstanceOf(NetlinkException.class)
                .hasMessageContaining("br-e").hasMessageContaining("EEXIST")
                .satisfies(e -> assertThat(((NetlinkException) e).errnoName()).isEqualTo("EEXIST"));
    }

    @Test
    void vethPair() throws Exception {
        assertThat(nl.ensureVethPair("ve-a", "ve-b")).isTrue();
        assertThat(nl.ensureVethPair("ve-a", "ve-b")).isFalse();
        JsonNode a = ns.link("ve-a");
        JsonNode b = ns.link("ve-b");
        assertThat(a.at("/linkinfo/info_kind").asText()).isEqualTo("veth");
        assertThat(b.at("/linkinfo/info_kind").asText()).isEqualTo("veth");
        assertThat(nl.link("ve-a").orElseThrow().linkIndex()).isEqualTo(b.get("ifindex").asInt());
        assertThatThrownBy(() -> nl.ensureVethPair("ve-a", "ve-c")).isInstanceOf(NetlinkException.class)
                .hasMessageContaining("EEXIST").hasMessageContaining("ve-b");
        nl.deleteLink("ve-a");
        assertThat(ns.link("ve-a")).isNull();
        assertThat(ns.link("ve-b")).isNull();
    }

    @Test
    void persistentTap() throws Exception {
        nl.createTap("tap-p");
        JsonNode t = ns.link("tap-p");
        assertThat(t.at("/linkinfo/info_kind").asText()).isEqualTo("tun");
        assertThat(t.at("/linkinfo/info_data/type").asText()).isEqualTo("tap");
        assertThat(t.at("/linkinfo/info_data/pi").asBoolean()).isFalse();
        assertThat(nl.link("tap-p").orElseThrow().kind()).isEqualTo("tun");
    }

    @Test
    void upMtuMacMaster() throws Exception {
        nl.createBridge("br-m");
        nl.createTap("tap-m");
        nl.update("tap-m", LinkUpdate.create().master("br-m").up().mtu(1400).mac("ca:fe:de:ad:be:ef"));
        JsonNode t = ns.link("tap-m");
        assertThat(t.get("master").asText()).isEqualTo("br-m");
        assertThat(t.get("flags").toString()).contains("\"UP\"");
        assertThat(t.get("mtu").asInt()).isEqualTo(1400);
        assertThat(t.get("address").asText()).isEqualTo("ca:fe:de:ad:be:ef");
        Link ours = nl.link("tap-m").orElseThrow();
        assertThat(ours.master()).isEqualTo("br-m");
        assertThat(ours.masterIndex()).isEqualTo(ns.link("br-m").get("ifindex").asInt());
        assertThat(ours.up()).isTrue();
        nl.setNoMaster("tap-m");
        nl.setUp("tap-m", false);
        nl.setMtu("br-m", 1280);
        t = ns.link("tap-m");
        assertThat(t.has("master")).isFalse();
        assertThat(t.get("flags").toString()).doesNotContain("\"UP\"");
        assertThat(ns.link("br-m").get("mtu").asInt()).isEqualTo(1280);
        assertThat(nl.link("tap-m").orElseThrow().master()).isNull();
    }

    @Test
    void linksListsWhatIpLists() throws Exception {
        nl.ensureBridge("br-l");
        Set<String> ours = new HashSet<>();
        nl.links().forEach(l -> ours.add(l.index() + " " + l.name() + " " + l.mtu()));
        Set<String> theirs = new HashSet<>();
        ns.links().forEach(l -> theirs.add(l.get("ifindex").asInt() + " " + l.get("ifname").asText() + " "
                + l.get("mtu").asInt()));
        assertThat(ours).isEqualTo(theirs);
    }

    @Test
    void addressesAndRoutes() throws Exception {
        nl.createBridge("br-r");
        nl.setUp("br-r", true);
        nl.addAddress("br-r", Address.of("192.0.2.5/24").withBroadcast("192.0.2.255"));
        nl.addAddress("br-r", Address.of("2001:db8::5/64"));
        JsonNode addrs = ns.addresses("br-r");
        assertThat(addrs.toString()).contains("\"local\":\"192.0.2.5\"", "\"prefixlen\":24",
                "\"broadcast\":\"192.0.2.255\"", "\"local\":\"2001:db8::5\"");
        assertThat(nl.addresses("br-r")).extracting(Address::cidr).contains("192.0.2.5/24", "2001:db8::5/64");
        Address v4 = nl.addresses("br-r").stream().filter(Address::isIpv4).findFirst().orElseThrow();
        assertThat(v4.broadcast().getHostAddress()).isEqualTo("192.0.2.255");
        assertThat(v4.flags() & Address.PERMANENT).isNotZero();

        nl.addRoute(Route.of("198.51.100.0/24", "192.0.2.1", "br-r"));
        nl.addRoute(Route.of("203.0.113.0/24", "192.0.2.1", null));
        JsonNode routes = ns.routes("dev", "br-r");
        assertThat(routes.toString()).contains("\"dst\":\"198.51.100.0/24\"", "\"gateway\":\"192.0.2.1\"",
                "\"dst\":\"203.0.113.0/24\"");
        List<Route> ours = nl.routes("br-r");
        assertThat(ours).filteredOn(r -> r.gateway() != null).extracting(Route::destinationText)
                .containsExactlyInAnyOrder("198.51.100.0/24", "203.0.113.0/24");
        assertThat(ours).allMatch(r -> "br-r".equals(r.device()));
        assertThat(nl.routes(null)).extracting(Route::device).contains("br-r");

        nl.deleteRoute(ours.stream().filter(r -> r.destinationText().equals("198.51.100.0/24")).findFirst().orElseThrow());
        assertThat(ns.routes("dev", "br-r").toString()).doesNotContain("198.51.100.0/24");
        assertThatThrownBy(() -> nl.deleteRoute(Route.of("198.51.100.0/24", "192.0.2.1", "br-r")))
                .isInstanceOf(NetlinkException.class).hasMessageContaining("ESRCH").hasMessageContaining("198.51.100.0/24");
        nl.deleteAddress("br-r", v4);
        assertThat(ns.addresses("br-r").toString()).doesNotContain("192.0.2.5");
    }

    @Test
    void sysctlsOsVifWrites() throws Exception {
        nl.createBridge("br-s");
        nl.disableIpv6("br-s");
        nl.arpFiltering("br-s");
        assertThat(ns.exec("cat", "/proc/sys/net/ipv6/conf/br-s/disable_ipv6").strip()).isEqualTo("1");
        assertThat(ns.exec("cat", "/proc/sys/net/ipv4/conf/br-s/arp_ignore").strip()).isEqualTo("1");
        assertThat(ns.exec("cat", "/proc/sys/net/ipv4/conf/br-s/arp_announce").strip()).isEqualTo("2");
        assertThat(nl.readSysctl("ipv6/conf/br-s/disable_ipv6")).contains("1");
        assertThat(nl.writeSysctl("ipv6/conf/nosuchdev/disable_ipv6", "1")).isFalse();
    }

    @Test
    void errorsNameTheDeviceAndErrno() {
        assertThatThrownBy(() -> nl.deleteLink("nosuch0")).isInstanceOf(NetlinkException.class)
                .hasMessageContaining("nosuch0").hasMessageContaining("ENODEV")
                .satisfies(e -> assertThat(((NetlinkException) e).errno()).isEqualTo(19));
        assertThatThrownBy(() -> nl.setMtu("nosuch0", 1400)).hasMessageContaining("nosuch0").hasMessageContaining("ENODEV");
        assertThatThrownBy(() -> nl.setMaster("nosuch0", "nosuchbr")).hasMessageContaining("nosuchbr")
                .hasMessageContaining("ENODEV");
        assertThat(nl.link("nosuch0")).isEmpty();
    }

    @Test
    void longNamesAreRefusedBeforeTheKernelIsAsked() {
        assertThatThrownBy(() -> nl.createBridge("a-very-long-name0")).isInstanceOf(NetlinkException.class)
                .hasMessageContaining("a-very-long-name0").hasMessageContaining("17 bytes long")
                .hasMessageContaining("at most 15");
        assertThatThrownBy(() -> nl.createTap("bad/name")).hasMessageContaining("may not contain");
        assertThatThrownBy(() -> nl.link("")).hasMessageContaining("empty");
        nl.createBridge("exactly15chars_");
        assertThat(nl.link("exactly15chars_")).isPresent();
    }

    @Test
    void vlanNeedsItsParentAndTheKernelsVlanKind() throws Exception {
        assertThatThrownBy(() -> nl.createVlan("vlan7", "nosuch0", 7)).isInstanceOf(NetlinkException.class)
                .hasMessageContaining("nosuch0").hasMessageContaining("ENODEV").hasMessageContaining("parent");
        assertThatThrownBy(() -> nl.createVlan("vlan7", "lo", 4095)).hasMessageContaining("1..4094");
        nl.createVethPair("vp-a", "vp-b");
        try {
            nl.createVlan("vlan7", "vp-a", 7);
            // A kernel with 8021q: the device is there with its id.
            JsonNode v = ns.link("vlan7");
            assertThat(v.at("/linkinfo/info_kind").asText()).isEqualTo("vlan");
            assertThat(v.at("/linkinfo/info_data/id").asInt()).isEqualTo(7);
        } catch (NetlinkException e) {
            // These machines: no vlan kind. The error says so plainly.
            assertThat(e.errnoName()).isEqualTo("EOPNOTSUPP");
            assertThat(e.getMessage()).contains("vlan7", "no 'vlan' link kind", "8021q");
            assertThat(ns.link("vlan7")).isNull();
        }
    }

    @Test
    void inNamespaceRunsProcessesThereAndMayCallBack() throws Exception {
        nl.ensureBridge("br-in");
        // A process started from the namespace's thread sees the namespace's devices.
        String seen = nl.inNamespace(() -> TestNamespace.run("ip", "-j", "link", "show", "br-in"));
        assertThat(seen).contains("\"ifname\":\"br-in\"");
        assertThat(TestNamespace.run("ip", "-j", "link", "show")).doesNotContain("\"br-in\"");
        // Calling back into the connection from that thread runs directly instead of waiting on itself.
        assertThat(nl.inNamespace(() -> nl.link("br-in").orElseThrow().kind())).isEqualTo("bridge");
    }

    @Test
    void concurrentRequestsGetTheirOwnReplies() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        String br = "cb" + thread + "-" + i;
                        assertThat(nl.ensureBridge(br)).isTrue();
                        nl.setMtu(br, 1300 + i);
                        assertThat(nl.link(br).orElseThrow().mtu()).isEqualTo(1300 + i);
                        assertThat(nl.links()).isNotEmpty();
                        nl.deleteLink(br);
                        assertThat(nl.link(br)).isEmpty();
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
        assertThat(ns.links().toString()).doesNotContain("\"cb");
    }
}
