package org.osvif.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.osvif.ovsdb.Op.Condition;
import org.osvif.ovsdb.Op.Mutation;
import org.osvif.testsupport.OvsSandbox;

/** The client against a real ovsdb-server (no vswitchd: only the database matters here). */
class OvsdbClientTest {

    private static final Duration LONG = Duration.ofSeconds(30);
    private static OvsSandbox ovs;
    private static OvsdbClient client;

    @BeforeAll
    static void start() throws Exception {
        ovs = OvsSandbox.start(false);
        client = OvsdbClient.connect(ovs.db, OvsdbClient.options().backoff(Duration.ofMillis(10), Duration.ofMillis(200)));
        client.await(LONG);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (ovs != null) {
            ovs.close();
        }
    }

    private static Uuid root() {
        return client.replica().rows("Open_vSwitch").iterator().next().uuid();
    }

    private static List<Op> addBridge(String name) {
        return List.of(
                Op.insert("Bridge", Map.of("name", name, "datapath_type", "netdev"), "br"),
                Op.mutate("Open_vSwitch", List.of(Condition.eq("_uuid", root())),
                        List.of(new Mutation("bridges", "insert", Set.of(new NamedUuid("br"))))));
    }

    @Test
    void transactInsertsAndTheReplicaShowsItWhenTheReplyArrives() {
        List<Map<String, Object>> r = client.transact(addBridge("br-t1"));
        Uuid u = new Uuid((String) ((List<?>) r.get(0).get("uuid")).get(1));
        // ovsdb-server sends a transaction's update2 before its reply: no waiting needed.
        Row row = client.replica().byName("Bridge", "br-t1").orElseThrow();
        assertThat(row.uuid()).isEqualTo(u);
        assertThat(row.string("datapath_type")).isEqualTo("netdev");
        assertThat(row.set("ports")).isEmpty();
        assertThat(row.map("external_ids")).isEmpty();
        List<Map<String, Object>> sel = client.transact(List.of(
                Op.select("Bridge", List.of(Condition.eq("name", "br-t1")), List.of("name"))));
        assertThat((List<?>) sel.get(0).get("rows")).hasSize(1);
    }

    @Test
    void manyTransactionsInFlightAreMatchedToTheirReplies() throws Exception {
        List<CompletableFuture<List<Map<String, Object>>>> fs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            fs.add(client.transactAsync(addBridge("br-p" + i)));
        }
        for (int i = 0; i < 300; i++) {
            Object uuid = ((List<?>) fs.get(i).get().get(0).get("uuid")).get(1);
            assertThat(client.replica().byName("Bridge", "br-p" + i).orElseThrow().uuid().value()).isEqualTo(uuid);
        }
    }

    @Test
    void echo() {
        assertThat(client.call("echo", List.of("ping", 7L))).isEqualTo(List.of("ping", 7L));
    }

    @Test
    void theReplicaFollowsChangesMadeByOthers() throws Exception {
        ovs.vsctl("--no-wait", "add-br", "br-m", "--", "set", "bridge", "br-m", "external_ids:a=1", "external_ids:b=2");
        assertThat(client.awaitReplica(r -> r.byName("Bridge", "br-m").isPresent(), LONG)).isTrue();
        ovs.vsctl("--no-wait", "add-port", "br-m", "p1", "--", "set", "bridge", "br-m", "external_ids:a=9",
                "--", "remove", "bridge", "br-m", "external_ids", "b");
        assertThat(client.awaitReplica(r -> r.byName("Port", "p1").isPresent(), LONG)).isTrue();
        Row br = client.replica().byName("Bridge", "br-m").orElseThrow();
        assertThat(br.map("external_ids")).isEqualTo(Map.of("a", "9"));
        Row p1 = client.replica().byName("Port", "p1").orElseThrow();
        Row brPort = client.replica().byName("Port", "br-m").orElseThrow();
        assertThat(br.set("ports")).containsExactlyInAnyOrder(p1.uuid(), brPort.uuid());
        ovs.vsctl("--no-wait", "set", "port", "p1", "tag=5");
        assertThat(client.awaitReplica(r -> r.byName("Port", "p1").orElseThrow().set("tag").equals(Set.of(5L)), LONG)).isTrue();
        ovs.vsctl("--no-wait", "del-port", "br-m", "p1");
        assertThat(client.awaitReplica(r -> r.byName("Port", "p1").isEmpty()
                && r.byName("Bridge", "br-m").orElseThrow().set("ports").equals(Set.of(brPort.uuid())), LONG)).isTrue();
        assertThat(client.replica().byName("Interface", "p1")).isEmpty();
    }

    @Test
    void aFailedOperationIsATypedErrorAndNothingIsApplied() {
        // The bridge is inserted but never referenced from Open_vSwitch, so the transaction
        // fails as a whole.
        List<Op> ops = List.of(
                Op.insert("Bridge", Map.of("name", "br-e"), "br"),
                Op.insert("Port", Map.of("name", "pe", "interfaces", Set.of(new Uuid("4f2b8a1e-0000-4000-8000-000000000000"))), null));
        assertThatThrownBy(() -> client.transact(ops))
                .isInstanceOfSatisfying(OvsdbErrorException.class, e -> {
                    assertThat(e.error()).isEqualTo("referential integrity violation");
                    assertThat(e.details()).contains("4f2b8a1e");
                });
        assertThat(client.replica().byName("Bridge", "br-e")).isEmpty();
        assertThatThrownBy(() -> client.transact(List.of(Op.select("NoSuchTable", List.of(), null))))
                .isInstanceOfSatisfying(OvsdbErrorException.class, e -> {
                    assertThat(e.operation()).isEqualTo(0);
                    assertThat(e.error()).isEqualTo("syntax error");
                    assertThat(e.details()).contains("NoSuchTable");
                });
        assertThatThrownBy(() -> client.call("no_such_method", List.of()))
                .isInstanceOf(OvsdbErrorException.class).hasMessageContaining("no_such_method");
    }

    @Test
    void aCallWithoutAReplyInTimeFailsWithATimeoutAndTheConnectionStaysUsable() {
        // A wait the server holds for a minute: the reply cannot come within 300 ms.
        Op never = Op.waitFor("Open_vSwitch", List.of(), List.of("next_cfg"), "==",
                List.of(Map.of("next_cfg", -1L)), 60_000);
        assertThatThrownBy(() -> client.transact(List.of(never), Duration.ofMillis(300)))
                .isInstanceOf(OvsdbTimeoutException.class).hasMessageContaining("transact");
        assertThat(client.call("echo", List.of("still here"))).isEqualTo(List.of("still here"));
    }

    @Test
    void badTargetsAreRefusedClearly() {
        assertThatThrownBy(() -> OvsdbClient.connect("ssl:1.2.3.4:6640", OvsdbClient.options()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unix:PATH and tcp:HOST:PORT");
        assertThatThrownBy(() -> OvsdbClient.connect("tcp:nohostport", OvsdbClient.options()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClientMonitoringSomeColumnsHoldsOnlyThoseAndHearsNothingOfTheOthers() throws Exception {
        try (OvsdbClient some = OvsdbClient.connect(ovs.db, OvsdbClient.options()
                .columns("Port", List.of("name", "interfaces"))
                .columns("Interface", List.of("name", "no_such_column")))) {
            some.await(LONG);
            ovs.vsctl("--no-wait", "add-br", "br-c", "--", "add-port", "br-c", "pc1",
                    "--", "set", "interface", "pc1", "external_ids:a=1");
            some.transact(List.of(Op.comment("sync")));
            Row port = some.replica().byName("Port", "pc1").orElseThrow();
            assertThat(port.columns().keySet()).containsExactly("name", "interfaces");
            Row iface = some.replica().byName("Interface", "pc1").orElseThrow();
            assertThat(iface.columns().keySet()).containsExactly("name");
            assertThat(iface.get("external_ids")).isNull();
            assertThat(port.set("interfaces")).containsExactly(iface.uuid());
            // a table without a column list still has every column
            assertThat(some.replica().byName("Bridge", "br-c").orElseThrow().columns()).containsKeys("name", "ports",
                    "external_ids", "datapath_type");

            // a change to a column it does not monitor sends no update: the row stays the same object
            ovs.vsctl("--no-wait", "set", "port", "pc1", "tag=7", "--", "set", "interface", "pc1", "external_ids:a=2");
            some.transact(List.of(Op.comment("sync")));
            assertThat(some.replica().byName("Port", "pc1").orElseThrow()).isSameAs(port);
            assertThat(some.replica().byName("Interface", "pc1").orElseThrow()).isSameAs(iface);
            // a monitored one does
            ovs.vsctl("--no-wait", "add-port", "br-c", "pc2");
            some.transact(List.of(Op.comment("sync")));
            assertThat(some.replica().byName("Port", "pc2")).isPresent();
            ovs.vsctl("--no-wait", "del-br", "br-c");
        }
    }

    @Test
    void theMonitorRequestListsTheWantedColumnsTheSchemaHas() {
        org.osvif.ovsdb.internal.Schema schema = new org.osvif.ovsdb.internal.Schema(Map.of("tables", Map.of(
                "Port", Map.of("columns", Map.of("name", Map.of("type", "string"), "tag", Map.of("type", "integer"))),
                "Bridge", Map.of("columns", Map.of("name", Map.of("type", "string"))))));
        Map<String, Set<String>> m = OvsdbClient.monitored(schema, List.of("Port", "Bridge", "QoS"),
                Map.of("Port", List.of("name", "mtu_request")));
        // QoS is not in this schema; Port's mtu_request neither; Bridge has no list: all of it
        assertThat(m.keySet()).containsExactly("Port", "Bridge");
        assertThat(m.get("Port")).containsExactly("name");
        assertThat(m.get("Bridge")).isNull();
        assertThat(OvsdbClient.monitorRequests(m)).isEqualTo(Map.of("Port", Map.of("columns", List.of("name")),
                "Bridge", Map.of()));
        assertThatThrownBy(() -> OvsdbClient.options().columns("Port", List.of("name", "_uuid")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("_uuid");
    }
}
