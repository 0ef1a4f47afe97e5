package org.osvif.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.osvif.ovsdb.Op.Condition;
import org.osvif.ovsdb.Op.Mutation;
import org.osvif.testsupport.OvsSandbox;

/** ovsdb-server killed and restarted under a connected client. */
class ReconnectTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void theClientReconnectsAndRebuildsItsReplicaFromScratch() throws Exception {
        try (OvsSandbox ovs = OvsSandbox.start(false);
                OvsdbClient c = OvsdbClient.connect(ovs.db, OvsdbClient.options()
                        .callTimeout(Duration.ofSeconds(5)).backoff(Duration.ofMillis(10), Duration.ofMillis(100)))) {
            c.await(LONG);
            assertThat(c.replica().generation()).isEqualTo(1);
            ovs.vsctl("--no-wait", "add-br", "br-a");
            assertThat(c.awaitReplica(r -> r.byName("Bridge", "br-a").isPresent(), LONG)).isTrue();

            ovs.killOvsdb();
            assertThatThrownBy(() -> c.transact(List.of(Op.comment("x")), Duration.ofMillis(200)))
                    .isInstanceOf(OvsdbConnectionException.class);
            // Changed while the client is away: the resync must drop br-a and show br-b.
            ovs.startOvsdb();
            ovs.vsctl("--no-wait", "del-br", "br-a", "--", "add-br", "br-b");
            assertThat(c.awaitReplica(r -> r.generation() == 2, LONG)).isTrue();
            assertThat(c.awaitReplica(r -> r.byName("Bridge", "br-b").isPresent(), LONG)).isTrue();
            assertThat(c.replica().byName("Bridge", "br-a")).isEmpty();

            Uuid root = c.replica().rows("Open_vSwitch").iterator().next().uuid();
            c.transact(List.of(Op.insert("Bridge", Map.of("name", "br-c"), "b"),
                    Op.mutate("Open_vSwitch", List.of(Condition.eq("_uuid", root)),
                            List.of(new Mutation("bridges", "insert", Set.of(new NamedUuid("b")))))));
            assertThat(c.replica().byName("Bridge", "br-c")).isPresent();
        }
    }
}
