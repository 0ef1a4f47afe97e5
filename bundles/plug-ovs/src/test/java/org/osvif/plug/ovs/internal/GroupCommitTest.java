package org.osvif.plug.ovs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.osvif.ovsdb.Op;
import org.osvif.ovsdb.OvsdbConnectionException;
import org.osvif.ovsdb.OvsdbErrorException;
import org.osvif.plug.ovs.internal.OvsDb.Committed;

/** The group committer on an in-memory database: coalescing, the cap, isolation by halving, retries. */
class GroupCommitTest {

    /** A database whose next transaction blocks until released, after saying it arrived. */
    static final class Gate extends MemDb {
        final CountDownLatch arrived = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean armed = new AtomicBoolean(true);

        @Override
        public List<Map<String, Object>> transact(List<Op> ops, Duration timeout) {
            if (armed.getAndSet(false)) {
                arrived.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return super.transact(ops, timeout);
        }
    }

    static OvsDb.Change<Boolean> port(String dev) {
        return t -> t.addVifPort(TxnTest.port(dev, "br-int", null));
    }

    /** A vhost-user port with an MTU OVSDB refuses. */
    static OvsDb.Change<Boolean> bad(String dev) {
        return t -> t.addVifPort(new PortSpec("br-int", dev, List.of(new PortSpec.BridgeSpec("br-int", "netdev")),
                Map.of("type", "dpdkvhostuser", "mtu_request", -1L), false, null, null));
    }

    static <T> Committed<T> get(CompletableFuture<Committed<T>> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void changesQueuedWhileATransactionIsInFlightGoIntoTheNextOne() throws Exception {
        Gate db = new Gate();
        try (GroupCommit g = new GroupCommit(db, Duration.ofSeconds(10), true, 256)) {
            CompletableFuture<Committed<Boolean>> first = g.submit(port("tap0"));
            assertThat(db.arrived.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Committed<Boolean>>> rest = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                rest.add(g.submit(port("tap" + i)));
            }
            db.release.countDown();
            assertThat(get(first).batch()).isEqualTo(1);
            for (CompletableFuture<Committed<Boolean>> f : rest) {
                Committed<Boolean> c = get(f);
                assertThat(c.value()).isTrue();
                assertThat(c.batch()).isEqualTo(20);
            }
            assertThat(g.transactions()).isEqualTo(2);
            assertThat(db.commits.get()).isEqualTo(2);
            for (int i = 0; i <= 20; i++) {
                assertThat(db.named("Port", "tap" + i)).isEqualTo(1);
            }
            // a re-plug of unchanged VIFs sends nothing
            assertThat(get(g.submit(port("tap3"))).value()).isFalse();
            assertThat(g.transactions()).isEqualTo(2);
        }
    }

    @Test
    void aBatchIsCappedAtMaxBatch() throws Exception {
        Gate db = new Gate();
        try (GroupCommit g = new GroupCommit(db, Duration.ofSeconds(10), true, 4)) {
            CompletableFuture<Committed<Boolean>> first = g.submit(port("tap0"));
            assertThat(db.arrived.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Committed<Boolean>>> rest = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                rest.add(g.submit(port("tap" + i)));
            }
            db.release.countDown();
            get(first);
            List<Integer> sizes = new ArrayList<>();
            for (CompletableFuture<Committed<Boolean>> f : rest) {
                sizes.add(get(f).batch());
            }
            assertThat(sizes).containsExactly(4, 4, 4, 4, 4, 4, 4, 4, 2, 2);
            assertThat(g.transactions()).isEqualTo(4);
        }
    }

    @Test
    void aBadChangeInABatchFailsAloneAndTheOthersCommitOnce() throws Exception {
        Gate db = new Gate();
        try (GroupCommit g = new GroupCommit(db, Duration.ofSeconds(10), true, 256)) {
            CompletableFuture<Committed<Boolean>> first = g.submit(port("tap0"));
            assertThat(db.arrived.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Committed<Boolean>>> rest = new ArrayList<>();
            for (int i = 1; i <= 16; i++) {
                rest.add(g.submit(i == 11 ? bad("vhu" + i) : port("tap" + i)));
            }
            db.release.countDown();
            get(first);
            for (int i = 1; i <= 16; i++) {
                CompletableFuture<Committed<Boolean>> f = rest.get(i - 1);
                if (i == 11) {
                    assertThatThrownBy(() -> get(f)).hasCauseInstanceOf(OvsdbErrorException.class)
                            .hasMessageContaining("constraint violation");
                    assertThat(db.named("Port", "vhu11")).isZero();
                } else {
                    assertThat(get(f).value()).isTrue();
                    assertThat(db.named("Port", "tap" + i)).isEqualTo(1);
                    assertThat(db.named("Interface", "tap" + i)).isEqualTo(1);
                }
            }
            // 16 refused, halves of 8 (one refused), 4, 2, 1 (refused, then retried as a
            // possible conflict) and the good halves: far fewer than one transaction per VIF
            assertThat(g.transactions()).isLessThan(16);
        }
    }

    @Test
    void aChangeThatCannotBeBuiltFailsAlone() throws Exception {
        MemDb db = new MemDb();
        try (GroupCommit g = new GroupCommit(db, Duration.ofSeconds(10), true, 256)) {
            CompletableFuture<Committed<Object>> missing = g.submit(t -> {
                t.setPort("no-such-port", Map.of("tag", 1L));
                return null;
            });
            assertThatThrownBy(() -> get(missing)).hasCauseInstanceOf(Txn.RowNotFound.class);
            assertThat(get(g.submit(port("tap1"))).value()).isTrue();
        }
    }

    @Test
    void aLostReplyIsRetriedOnTheReplicaAndNothingIsAppliedTwice() throws Exception {
        MemDb db = new MemDb() {
            final AtomicBoolean lose = new AtomicBoolean(true);

            @Override
            public List<Map<String, Object>> transact(List<Op> ops, Duration timeout) {
                List<Map<String, Object>> r = super.transact(ops, timeout);
                if (lose.getAndSet(false)) {
                    // committed, but the reply is lost with the connection
                    throw new OvsdbConnectionException("connection lost", null);
                }
                return r;
            }
        };
        try (GroupCommit g = new GroupCommit(db, Duration.ofSeconds(10), true, 256)) {
            List<CompletableFuture<Committed<Boolean>>> fs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                fs.add(g.submit(port("tap" + i)));
            }
            for (CompletableFuture<Committed<Boolean>> f : fs) {
                get(f);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(db.named("Port", "tap" + i)).isEqualTo(1);
            }
            assertThat(db.named("Bridge", "br-int")).isEqualTo(1);
        }
    }

    @Test
    void closingFailsWhatIsStillQueued() throws Exception {
        Gate db = new Gate();
        GroupCommit g = new GroupCommit(db, Duration.ofSeconds(10), true, 256);
        CompletableFuture<Committed<Boolean>> first = g.submit(port("tap0"));
        assertThat(db.arrived.await(10, TimeUnit.SECONDS)).isTrue();
        db.release.countDown();
        get(first);
        g.close();
        assertThatThrownBy(() -> get(g.submit(port("tap1")))).hasMessageContaining("stopping");
    }
}
