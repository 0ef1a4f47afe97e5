package org.osvif.plug.ovs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.osvif.plug.ovs.internal.OvsInteropTest.spec;
import static org.osvif.plug.ovs.internal.OvsInteropTest.vif;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.osvif.PlugRequest;
import org.osvif.netlink.Netlink;
import org.osvif.objects.VIFBase;
import org.osvif.ovsdb.Op;
import org.osvif.ovsdb.OvsdbClient;
import org.osvif.ovsdb.Replica;
import org.osvif.ovsdb.Row;
import org.osvif.plugin.PlugOutcome;
import org.osvif.testsupport.OvsSandbox;

/**
 * Batches against a real ovsdb-server and ovs-vswitchd in a namespace of the test's own: a batch
 * is one transaction and leaves every port once; a bad VIF in a batch fails alone; single plugs
 * from concurrent threads coalesce (counted by the plugin's committer, not timed).
 */
class OvsBatchTest {

    static final Settings SETTINGS = new Settings(1500, Duration.ofSeconds(20), "unused", false, false, null);

    static VIFBase ovs(int n) {
        return vif(spec("plug", "ovs", n, "br-int", 1450L, "netdev", true));
    }

    static List<PlugRequest> requests(List<VIFBase> vifs) {
        List<PlugRequest> out = new ArrayList<>();
        for (VIFBase v : vifs) {
            out.add(new PlugRequest(v, OvsInteropTest.INSTANCE));
        }
        return out;
    }

    static String name(VIFBase v) {
        return ((org.osvif.objects.VIFOpenVSwitch) v).vifName();
    }

    static long count(Replica db, String table, String name) {
        return db.rows(table).stream().filter(r -> name.equals(r.string("name"))).count();
    }

    @Test
    void aBatchIsOneTransactionEachPortOnceAndABadVifFailsAlone() throws Exception {
        try (OvsSandbox sandbox = OvsSandbox.start(true); Netlink nl = Netlink.open(sandbox.netns)) {
            OvsPlugin plugin = new OvsPlugin(new Settings(1500, Duration.ofSeconds(20), sandbox.db, false, false, null),
                    new NetlinkLinuxNet(nl), new PciSysfs(Path.of("/nonexistent-sys")));
            try {
                OvsdbClient client = plugin.client();
                client.await(Duration.ofSeconds(20));
                List<VIFBase> vifs = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    vifs.add(ovs(i));
                }
                List<PlugOutcome> out = plugin.plugAll(requests(vifs));
                assertThat(out).allMatch(o -> o.error() == null);
                assertThat(plugin.transactions()).isEqualTo(1);
                Replica db = client.replica();
                for (VIFBase v : vifs) {
                    assertThat(count(db, "Port", name(v))).as(name(v)).isEqualTo(1);
                    assertThat(count(db, "Interface", name(v))).isEqualTo(1);
                }
                // vswitchd applied it: cur_cfg reached the one next_cfg of the batch
                assertThat(db.rows("Open_vSwitch").iterator().next().get("cur_cfg")).isEqualTo(
                        db.rows("Open_vSwitch").iterator().next().get("next_cfg"));
                assertThat(out.get(0).phases().get("wait")).isNotNull();
                // the plugin's client replicates only what Txn reads, not what vswitchd writes back
                Row iface = db.byName("Interface", name(vifs.get(0))).orElseThrow();
                assertThat(iface.columns().keySet()).containsExactlyInAnyOrderElementsOf(Txn.COLUMNS.get("Interface"));
                assertThat(iface.get("ofport")).isNull();
                assertThat(db.byName("Port", name(vifs.get(0))).orElseThrow().columns().keySet())
                        .containsExactlyInAnyOrderElementsOf(Txn.COLUMNS.get("Port"));

                // a re-plug of the unchanged batch sends nothing
                assertThat(plugin.plugAll(requests(vifs))).allMatch(o -> o.error() == null);
                assertThat(plugin.transactions()).isEqualTo(1);

                // a bad VIF (an MTU OVSDB refuses) among good ones
                List<VIFBase> more = new ArrayList<>();
                for (int i = 200; i < 230; i++) {
                    more.add(i == 217 ? vif(spec("plug", "vhostuser", i, "br-int", -5L, null, null)) : ovs(i));
                }
                List<PlugOutcome> mixed = plugin.plugAll(requests(more));
                for (int k = 0; k < more.size(); k++) {
                    if (k == 17) {
                        assertThat(mixed.get(k).error()).hasMessageContaining("constraint violation");
                        assertThat(count(db, "Port", new PortNames(more.get(k).id()).vhu())).isZero();
                    } else {
                        assertThat(mixed.get(k).error()).isNull();
                        assertThat(count(db, "Port", name(more.get(k)))).isEqualTo(1);
                    }
                }

                List<VIFBase> all = new ArrayList<>(vifs);
                all.addAll(more);
                all.remove(217);
                long before = plugin.transactions();
                assertThat(plugin.unplugAll(requests(all))).allMatch(o -> o.error() == null);
                assertThat(plugin.transactions() - before).isEqualTo(1);
                assertThat(db.rows("Port")).extracting(r -> r.string("name")).containsExactly("br-int");
            } finally {
                plugin.close();
            }
        }
    }

    /** Counts the threads that have queued a change; the first transaction waits for all of them. */
    static final class Gated implements OvsDb {
        final OvsDb inner;
        final AtomicInteger submitted = new AtomicInteger();
        final CountDownLatch allQueued;

        Gated(OvsDb inner, int threads) {
            this.inner = inner;
            this.allQueued = new CountDownLatch(threads);
        }

        @Override
        public Replica replica() {
            return inner.replica();
        }

        @Override
        public boolean supportsMtuRequests() {
            return inner.supportsMtuRequests();
        }

        @Override
        public <T> CompletableFuture<Committed<T>> submit(Change<T> change) {
            return submitAll(List.of(change)).get(0);
        }

        @Override
        public <T> List<CompletableFuture<Committed<T>>> submitAll(List<Change<T>> changes) {
            List<CompletableFuture<Committed<T>>> f = inner.submitAll(changes);
            allQueued.countDown();
            return f;
        }

        @Override
        public long transactions() {
            return inner.transactions();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void concurrentSinglePlugsCoalesce() throws Exception {
        int threads = 10;
        try (OvsSandbox sandbox = OvsSandbox.start(true); Netlink nl = Netlink.open(sandbox.netns)) {
            OvsdbClient client = OvsdbClient.connect(sandbox.db, OvsdbClient.options().callTimeout(Duration.ofSeconds(20)));
            client.await(Duration.ofSeconds(20));
            AtomicBoolean first = new AtomicBoolean(true);
            CountDownLatch[] gate = new CountDownLatch[1];
            Wire real = Wire.of(client);
            // the first transaction is held until every thread has queued its plug
            Wire held = new Wire() {
                @Override
                public Replica replica() {
                    return real.replica();
                }

                @Override
                public void await(Duration timeout) {
                    real.await(timeout);
                }

                @Override
                public List<Map<String, Object>> transact(List<Op> ops, Duration timeout) {
                    if (first.getAndSet(false)) {
                        try {
                            assertThat(gate[0].await(20, TimeUnit.SECONDS)).isTrue();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return real.transact(ops, timeout);
                }

                @Override
                public boolean awaitReplica(Predicate<Replica> condition, Duration timeout) {
                    return real.awaitReplica(condition, timeout);
                }

                @Override
                public boolean hasColumn(String table, String column) {
                    return real.hasColumn(table, column);
                }

                @Override
                public void close() {
                    real.close();
                }
            };
            Gated ovsdb = new Gated(new GroupCommit(held, SETTINGS.timeout(), true, 256), threads);
            gate[0] = ovsdb.allQueued;
            OvsPlugin plugin = new OvsPlugin(SETTINGS, ovsdb, new NetlinkLinuxNet(nl),
                    new PciSysfs(Path.of("/nonexistent-sys")));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<CompletableFuture<Void>> calls = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    VIFBase v = ovs(240 + t);
                    calls.add(CompletableFuture.runAsync(() -> {
                        try {
                            plugin.plug(v, OvsInteropTest.INSTANCE);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, pool));
                }
                for (CompletableFuture<Void> c : calls) {
                    c.get(60, TimeUnit.SECONDS);
                }
                // one transaction for the first plug, one for the nine queued behind it
                assertThat(plugin.transactions()).isEqualTo(2);
                for (int t = 0; t < threads; t++) {
                    assertThat(count(client.replica(), "Port", name(ovs(240 + t)))).isEqualTo(1);
                }
            } finally {
                pool.shutdownNow();
                plugin.close();
            }
        }
    }
}
