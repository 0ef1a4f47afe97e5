package org.osvif.netlink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osvif.netlink.Link;
import org.osvif.netlink.LinkUpdate;
import org.osvif.netlink.Netlink;
import org.osvif.netlink.NetlinkBatch;
import org.osvif.netlink.NetlinkBatch.Reply;
import org.osvif.netlink.NetlinkException;
import org.osvif.testsupport.TestNamespace;

/** Pipelined requests against a real kernel in a namespace of its own, read back with {@code ip -j}. */
class NetlinkBatchTest {

    static TestNamespace ns;
    static Netlink nl;

    @BeforeAll
    static void namespace() throws Exception {
        ns = TestNamespace.create("nlbatch");
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

    /** More bridges than one window holds: several datagrams, every request answered on its own. */
    @Test
    void manyBridgesInWindowsThenConfiguredAndDeleted() throws Exception {
        int n = 300;
        assertThat(((RtNetlink) nl).sendAllWindow()).isLessThan(n);
        NetlinkBatch batch = nl.batch();
        List<Reply<Void>> created = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            created.add(batch.createBridge("bw" + i));
        }
        assertThat(batch.size()).isEqualTo(n);
        assertThatThrownBy(() -> created.get(0).value()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not sent");
        batch.send();
        assertThat(batch.size()).isZero();
        assertThat(created).allMatch(Reply::ok);
        JsonNode l = ns.link("bw299");
        assertThat(l.at("/linkinfo/info_data/forward_delay").asInt()).isZero();
        assertThat(l.at("/linkinfo/info_data/stp_state").asInt()).isZero();
        assertThat(l.at("/linkinfo/info_data/mcast_snooping").asInt()).isZero();

        List<Reply<Optional<Link>>> found = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.update("bw" + i, LinkUpdate.create().up().mtu(1400 + i % 50).arpFiltering());
            found.add(batch.link("bw" + i));
        }
        batch.send();
        for (int i = 0; i < n; i++) {
            Link b = found.get(i).value().orElseThrow();
            assertThat(b.name()).isEqualTo("bw" + i);
            assertThat(b.kind()).isEqualTo("bridge");
            assertThat(b.up()).isTrue();
            assertThat(b.mtu()).isEqualTo(1400 + i % 50);
        }
        assertThat(ns.link("bw17").get("mtu").asInt()).isEqualTo(1417);
        assertThat(nl.readSysctl("ipv4/conf/bw17/arp_ignore")).contains("1");

        for (int i = 0; i < n; i++) {
            batch.deleteLink("bw" + i);
        }
        batch.send();
        for (int i = 0; i < n; i++) {
            found.set(i, batch.link("bw" + i));
        }
        batch.send();
        assertThat(found).allMatch(r -> r.value().isEmpty());
        // single calls after a batch: the socket's sequence numbers still match
        assertThat(nl.link("lo")).isPresent();
    }

    /** A refusal in the middle fails that request only; the ones after it still run. */
    @Test
    void aRefusedRequestFailsAloneNamingItsDevice() throws Exception {
        nl.createBridge("bx-exists");
        ns.ip("link", "add", "bx-veth", "type", "veth", "peer", "name", "bx-peer");
        NetlinkBatch batch = nl.batch();
        Reply<Void> a = batch.createBridge("bx-a");
        Reply<Void> dup = batch.createBridge("bx-exists");
        Reply<Void> b = batch.createBridge("bx-b");
        Reply<Void> gone = batch.update("bx-nosuch", LinkUpdate.create().up());
        Reply<Optional<Link>> none = batch.link("bx-nosuch");
        Reply<Void> del = batch.deleteLink("bx-nosuch");
        batch.send();
        assertThat(a.ok()).isTrue();
        assertThat(b.ok()).isTrue();
        assertThat(dup.ok()).isFalse();
        assertThat(dup.error().errnoName()).isEqualTo("EEXIST");
        assertThat(dup.error().getMessage()).contains("RTM_NEWLINK", "bx-exists", "kind bridge");
        assertThatThrownBy(dup::value).isSameAs(dup.error());
        assertThat(gone.error().errnoName()).isEqualTo("ENODEV");
        assertThat(gone.error().getMessage()).contains("bx-nosuch", "set up");
        assertThat(none.value()).isEmpty();
        assertThat(del.error().errnoName()).isEqualTo("ENODEV");
        assertThat(ns.link("bx-a")).isNotNull();
        assertThat(ns.link("bx-b")).isNotNull();

        // a master by index, learnt from an earlier reply
        Reply<Optional<Link>> br = batch.link("bx-a");
        batch.send();
        int index = br.value().orElseThrow().index();
        Reply<Void> enslave = batch.update("bx-veth", LinkUpdate.create().masterIndex(index).up());
        Reply<Optional<Link>> veth = batch.link("bx-veth");
        batch.send();
        assertThat(enslave.ok()).isTrue();
        assertThat(veth.value().orElseThrow().masterIndex()).isEqualTo(index);
        assertThat(ns.link("bx-veth").get("master").asText()).isEqualTo("bx-a");
        assertThatThrownBy(() -> batch.update("bx-veth", LinkUpdate.create().master("bx-a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("masterIndex");
        assertThatThrownBy(() -> batch.createBridge("a-name-much-too-long")).isInstanceOf(NetlinkException.class)
                .hasMessageContaining("at most 15");
        assertThat(batch.size()).isZero();
        ns.ip("link", "del", "bx-veth");
        for (String d : List.of("bx-a", "bx-b", "bx-exists")) {
            batch.deleteLink(d);
        }
        batch.send();
    }

    @Test
    void vlanOnAParentByIndex() throws Exception {
        ns.ip("link", "add", "bv-a", "type", "veth", "peer", "name", "bv-b");
        NetlinkBatch batch = nl.batch();
        Reply<Optional<Link>> parent = batch.link("bv-a");
        batch.send();
        Reply<Void> vlan = batch.createVlan("vlan9", parent.value().orElseThrow(), 9);
        batch.send();
        if (vlan.ok()) {
            JsonNode v = ns.link("vlan9");
            assertThat(v.at("/linkinfo/info_kind").asText()).isEqualTo("vlan");
            assertThat(v.at("/linkinfo/info_data/id").asInt()).isEqualTo(9);
            nl.deleteLink("vlan9");
        } else {
            // These machines: no vlan kind. The error says so as the single call does.
            assertThat(vlan.error().errnoName()).isEqualTo("EOPNOTSUPP");
            assertThat(vlan.error().getMessage()).contains("vlan9", "on bv-a", "no 'vlan' link kind");
        }
        assertThatThrownBy(() -> batch.createVlan("vlan9", parent.value().orElseThrow(), 4095)).hasMessageContaining("1..4094");
        ns.ip("link", "del", "bv-a");
    }

    /**
     * A receive buffer too small for the window: the kernel drops replies ({@code ENOBUFS}). Every
     * request still gets an answer, those whose reply was lost fail with {@code ENOBUFS}, the
     * window shrinks, and the connection keeps working.
     */
    @Test
    void lostRepliesFailTheirRequestsAndTheWindowShrinks() throws Exception {
        try (Netlink small = Netlink.open(ns.name())) {
            NlSocket socket = ((RtNetlink) small).inNamespace(() -> {
                NlSocket s = ((RtNetlink) small).socket();
                s.squeeze(4096, 256);
                return s;
            });
            NetlinkBatch batch = small.batch();
            List<Reply<Optional<Link>>> replies = new ArrayList<>();
            for (int i = 0; i < 256; i++) {
                replies.add(batch.link("lo"));
            }
            batch.send();
            assertThat(replies).allMatch(Reply::done);
            assertThat(replies).filteredOn(r -> !r.ok())
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.error().errnoName()).isEqualTo("ENOBUFS"));
            assertThat(replies.get(replies.size() - 1).error().getMessage()).contains("lo", "lost");
            assertThat(socket.window()).isLessThan(256);
            assertThat(small.link("lo")).isPresent();
        }
    }
}
