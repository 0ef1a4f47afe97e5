package org.osvif.plug.ovs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osvif.ovsdb.Op;
import org.osvif.ovsdb.Row;

/** {@link Txn} on an in-memory database: what a transaction of one or many VIF ports is. */
class TxnTest {

    static PortSpec port(String dev, String bridge, String qos) {
        return new PortSpec(bridge, dev, List.of(new PortSpec.BridgeSpec(bridge, "netdev")),
                Map.of("external_ids", Map.of("iface-id", "id-" + dev, "iface-status", "active")), false, qos, null);
    }

    static void commit(MemDb db, Txn t) {
        List<Op> ops = t.ops();
        assertThat(ops).isNotEmpty();
        db.transact(ops, Duration.ofSeconds(1));
    }

    @Test
    void aNewPortOnANewBridgeIsOneTransactionAndARePlugSendsNothing() {
        MemDb db = new MemDb();
        Txn t = new Txn(db.replica());
        assertThat(t.addVifPort(port("tap1", "br-int", null))).isTrue();
        List<Op> ops = t.ops();
        // the last two bump next_cfg and read it back
        assertThat(ops.get(ops.size() - 1).json().get("op")).isEqualTo("select");
        db.transact(ops, Duration.ofSeconds(1));
        Row bridge = db.byName("Bridge", "br-int").orElseThrow();
        assertThat(bridge.get("datapath_type")).isEqualTo("netdev");
        Row port = db.byName("Port", "tap1").orElseThrow();
        assertThat(bridge.set("ports")).contains(port.uuid());
        assertThat(db.byName("Interface", "tap1").orElseThrow().map("external_ids")).containsEntry("iface-id", "id-tap1");
        assertThat(db.rows("Open_vSwitch").iterator().next().get("next_cfg")).isEqualTo(1L);

        Txn again = new Txn(db.replica());
        assertThat(again.addVifPort(port("tap1", "br-int", null))).isFalse();
        assertThat(again.ops()).isEmpty();
    }

    @Test
    void manyPortsShareTheBridgeTheyCreateAndOneNextCfgBump() {
        MemDb db = new MemDb();
        Txn t = new Txn(db.replica());
        for (int i = 0; i < 50; i++) {
            assertThat(t.addVifPort(port("tap" + i, "br-int", "linux-noop"))).isTrue();
        }
        List<Op> ops = t.ops();
        assertThat(ops.stream().filter(o -> "Bridge".equals(o.json().get("table")) && "insert".equals(o.json().get("op"))))
                .hasSize(1);
        assertThat(ops.stream().filter(o -> String.valueOf(o.json().get("mutations")).contains("next_cfg")))
                .hasSize(1);
        db.transact(ops, Duration.ofSeconds(1));
        // 50 ports and the bridge's own internal port, each once; a QoS row per port, each its own
        assertThat(db.byName("Bridge", "br-int").orElseThrow().set("ports")).hasSize(51);
        for (int i = 0; i < 50; i++) {
            assertThat(db.named("Port", "tap" + i)).isEqualTo(1);
            assertThat(db.named("Interface", "tap" + i)).isEqualTo(1);
        }
        assertThat(db.rows("QoS")).hasSize(50);
        assertThat(db.rows("Port").stream().filter(p -> p.get("qos") == null && !"br-int".equals(p.get("name"))))
                .isEmpty();
    }

    @Test
    void theSamePortTwiceInOneTransactionIsAddedOnce() {
        MemDb db = new MemDb();
        Txn t = new Txn(db.replica());
        assertThat(t.addVifPort(port("tap1", "br-int", null))).isTrue();
        assertThat(t.addVifPort(port("tap1", "br-int", null))).isFalse();
        commit(db, t);
        assertThat(db.named("Port", "tap1")).isEqualTo(1);
    }

    @Test
    void removeVifPortDeletesThePortItsInterfaceAndQosAndATrunkBridge() {
        MemDb db = new MemDb();
        Txn t = new Txn(db.replica());
        t.addVifPort(port("tap1", "br-int", "linux-noop"));
        t.addVifPort(port("tap2", "tbr-1", null));
        commit(db, t);
        Txn u = new Txn(db.replica());
        u.removeVifPort("br-int", "tap1", "linux-noop", null);
        u.removeVifPort("tbr-1", "tap2", null, "tbr-1");
        commit(db, u);
        assertThat(db.byName("Port", "tap1")).isEmpty();
        assertThat(db.byName("Interface", "tap1")).isEmpty();
        assertThat(db.rows("QoS")).isEmpty();
        assertThat(db.byName("Bridge", "tbr-1")).isEmpty();
        assertThat(db.byName("Port", "tap2")).isEmpty();
        assertThat(db.byName("Bridge", "br-int")).isPresent();
        // removing what is gone sends nothing
        Txn again = new Txn(db.replica());
        again.removeVifPort("br-int", "tap1", "linux-noop", null);
        assertThat(again.ops()).isEmpty();
    }

    @Test
    void aPerPortBridgeGetsItsPatchPair() {
        MemDb db = new MemDb();
        Txn t = new Txn(db.replica());
        PortSpec s = new PortSpec("pbX", "tap1", List.of(new PortSpec.BridgeSpec("br-int", null),
                new PortSpec.BridgeSpec("pbX", null)), Map.of(), true, null,
                new PortSpec.PatchPair("br-int", "ibpX", "pbX", "pbpX", Map.of("iface-id", "X")));
        t.addVifPort(s);
        commit(db, t);
        assertThat(db.byName("Interface", "ibpX").orElseThrow().map("options")).containsEntry("peer", "pbpX");
        assertThat(db.byName("Interface", "pbpX").orElseThrow().map("options")).containsEntry("peer", "ibpX");
        assertThat(db.byName("Port", "ibpX").orElseThrow().get("tag")).isEqualTo(OvsPlugin.DEAD_VLAN);
        assertThat(db.byName("Bridge", "pbX").orElseThrow().set("ports"))
                .contains(db.byName("Port", "tap1").orElseThrow().uuid());
    }

    @Test
    void aRePlugOfChangedInterfaceColumnsUpdatesJustThoseAndAColumnNotReplicatedIsRefused() {
        MemDb db = new MemDb();
        Txn t = new Txn(db.replica());
        t.addVifPort(port("tap1", "br-int", null));
        commit(db, t);
        // a changed external_ids (what Txn compares, from the replicated columns) is one update
        Txn changed = new Txn(db.replica());
        changed.addVifPort(new PortSpec("br-int", "tap1", List.of(new PortSpec.BridgeSpec("br-int", "netdev")),
                Map.of("external_ids", Map.of("iface-id", "id-tap1", "iface-status", "down")), false, null, null));
        List<Op> ops = changed.ops();
        assertThat(ops.stream().filter(o -> "update".equals(o.json().get("op")))).hasSize(1);
        db.transact(ops, Duration.ofSeconds(1));
        assertThat(db.byName("Interface", "tap1").orElseThrow().map("external_ids")).containsEntry("iface-status", "down");
        // a column the client does not replicate cannot be compared: refused by name, not always sent
        Txn other = new Txn(db.replica());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.addVifPort(new PortSpec("br-int", "tap1",
                List.of(), Map.of("ofport_request", 7L), false, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ofport_request");
    }
}
