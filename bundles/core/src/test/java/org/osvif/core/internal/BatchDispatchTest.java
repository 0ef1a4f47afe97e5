package org.osvif.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.osvif.core.internal.DispatcherTest.INSTANCE;
import static org.osvif.core.internal.DispatcherTest.bind;
import static org.osvif.core.internal.DispatcherTest.config;
import static org.osvif.core.internal.DispatcherTest.vif;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.osvif.PlugException;
import org.osvif.PlugRequest;
import org.osvif.UnplugException;
import org.osvif.VifResult;
import org.osvif.objects.NoMatchingPlugin;
import org.osvif.plugin.BatchVifPlugin;
import org.osvif.plugin.PlugOutcome;

/** plugAll/unplugAll: the batch path, the fallback for 1.x plugins, and the per-VIF guarantees. */
class BatchDispatchTest {

    /** A plugin with a batch path: records each batch; fails the VIFs named in {@code bad}. */
    static class Batching extends DispatcherTest.Fake implements BatchVifPlugin {
        final BlockingQueue<List<String>> batches = new LinkedBlockingQueue<>();
        volatile String bad;
        volatile CountDownLatch entered;
        volatile CountDownLatch release;

        Batching(String name) {
            super(name);
        }

        @Override
        public List<PlugOutcome> plugAll(List<PlugRequest> requests) {
            return all(requests, "plug");
        }

        @Override
        public List<PlugOutcome> unplugAll(List<PlugRequest> requests) {
            return all(requests, "unplug");
        }

        private List<PlugOutcome> all(List<PlugRequest> requests, String verb) {
            if (entered != null) {
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            List<String> ids = new ArrayList<>();
            List<PlugOutcome> out = new ArrayList<>();
            for (PlugRequest r : requests) {
                ids.add(verb + " " + r.vif().id());
                out.add(r.vif().id().equals(bad) ? PlugOutcome.failed(new IllegalStateException("bad row"))
                        : PlugOutcome.done(Map.of("commit", 1.5)));
            }
            batches.add(ids);
            return out;
        }
    }

    static List<PlugRequest> requests(String plugin, int... ns) {
        List<PlugRequest> out = new ArrayList<>();
        for (int n : ns) {
            out.add(new PlugRequest(vif(plugin, n), INSTANCE));
        }
        return out;
    }

    @Test
    void aBatchPluginGetsTheVifsTogetherAndEachGetsItsOutcomeInOrder() {
        Dispatcher d = new Dispatcher(config(100));
        Batching ovs = new Batching("ovs");
        bind(d, ovs, "ovs", 0);
        ovs.bad = vif("ovs", 2).id();
        List<VifResult> r = d.plugAll(requests("ovs", 1, 2, 3));
        assertThat(r).extracting(VifResult::vifId).containsExactly(vif("ovs", 1).id(), vif("ovs", 2).id(),
                vif("ovs", 3).id());
        assertThat(r).extracting(VifResult::ok).containsExactly(true, false, true);
        assertThat(r.get(1).error()).isInstanceOf(PlugException.class).hasRootCauseMessage("bad row");
        assertThat(r.get(0).phases()).containsEntry("commit", 1.5);
        assertThat(ovs.batches).hasSize(1);
        assertThat(ovs.calls).isEmpty();
        // one counter update per VIF
        assertThat(d.stats().get("ovs").plugs()).isEqualTo(2);
        assertThat(d.stats().get("ovs").failures()).isEqualTo(1);
        assertThat(d.vifLocksInUse()).isZero();

        List<VifResult> u = d.unplugAll(requests("ovs", 1, 3));
        assertThat(u).allMatch(VifResult::ok);
        assertThat(ovs.batches).last().isEqualTo(List.of("unplug " + vif("ovs", 1).id(), "unplug " + vif("ovs", 3).id()));
        assertThat(d.stats().get("ovs").unplugs()).isEqualTo(2);
    }

    @Test
    void aPluginWithoutABatchPathIsCalledOncePerVifInOrder() {
        Dispatcher d = new Dispatcher(config(100));
        DispatcherTest.Fake old = new DispatcherTest.Fake("vendor");
        bind(d, old, "vendor", 0);
        List<VifResult> r = d.plugAll(requests("vendor", 3, 1, 2));
        assertThat(r).allMatch(VifResult::ok);
        assertThat(old.calls).containsExactly("plug " + vif("vendor", 3).id(), "plug " + vif("vendor", 1).id(),
                "plug " + vif("vendor", 2).id());
        old.failWith = new IllegalStateException("vendor says no");
        List<VifResult> u = d.unplugAll(requests("vendor", 1));
        assertThat(u.get(0).error()).isInstanceOf(UnplugException.class).hasRootCauseMessage("vendor says no");
        assertThat(d.stats().get("vendor").plugs()).isEqualTo(3);
        assertThat(d.stats().get("vendor").failures()).isEqualTo(1);
    }

    @Test
    void aVifTwiceInOneBatchIsHandledTwiceTheSecondAfterTheFirst() {
        Dispatcher d = new Dispatcher(config(100));
        Batching ovs = new Batching("ovs");
        bind(d, ovs, "ovs", 0);
        List<VifResult> r = d.plugAll(requests("ovs", 1, 2, 1, 3));
        assertThat(r).hasSize(4).allMatch(VifResult::ok);
        assertThat(ovs.batches).containsExactly(
                List.of("plug " + vif("ovs", 1).id(), "plug " + vif("ovs", 2).id()),
                List.of("plug " + vif("ovs", 1).id(), "plug " + vif("ovs", 3).id()));
    }

    @Test
    void vifsOfSeveralPluginsAndUnknownPluginsGetTheirOwnOutcomes() {
        Dispatcher d = new Dispatcher(config(0));
        Batching ovs = new Batching("ovs");
        DispatcherTest.Fake old = new DispatcherTest.Fake("vendor");
        bind(d, ovs, "ovs", 0);
        bind(d, old, "vendor", 0);
        List<PlugRequest> rs = new ArrayList<>(requests("ovs", 1));
        rs.addAll(requests("nope", 2));
        rs.addAll(requests("vendor", 3));
        rs.addAll(requests("ovs", 4));
        List<VifResult> r = d.plugAll(rs);
        assertThat(r).extracting(VifResult::ok).containsExactly(true, false, true, true);
        assertThat(r.get(1).error()).isInstanceOf(NoMatchingPlugin.class);
        assertThat(ovs.batches).containsExactly(List.of("plug " + vif("ovs", 1).id(), "plug " + vif("ovs", 4).id()));
        assertThat(old.calls).containsExactly("plug " + vif("vendor", 3).id());
    }

    @Test
    void aSingleCallForAVifOfARunningBatchWaitsForTheBatch() throws Exception {
        Dispatcher d = new Dispatcher(config(100));
        Batching ovs = new Batching("ovs");
        bind(d, ovs, "ovs", 0);
        ovs.entered = new CountDownLatch(1);
        ovs.release = new CountDownLatch(1);
        CompletableFuture<List<VifResult>> batch = CompletableFuture.supplyAsync(() -> d.plugAll(requests("ovs", 1, 2)));
        assertThat(ovs.entered.await(10, TimeUnit.SECONDS)).isTrue();
        ovs.entered = null;
        CompletableFuture<Void> single = CompletableFuture.runAsync(() -> d.unplug(vif("ovs", 2), INSTANCE));
        // The unplug cannot overtake the batch's plug of the same VIF: it is still waiting.
        assertThat(single).isNotDone();
        ovs.release.countDown();
        batch.get(10, TimeUnit.SECONDS);
        single.get(10, TimeUnit.SECONDS);
        assertThat(ovs.calls).containsExactly("unplug " + vif("ovs", 2).id());
        assertThat(ovs.batches.take()).containsExactly("plug " + vif("ovs", 1).id(), "plug " + vif("ovs", 2).id());
        assertThat(d.vifLocksInUse()).isZero();
    }

    @Test
    void removalWaitsForABatchInsideThePlugin() throws Exception {
        Dispatcher d = new Dispatcher(config(100));
        Batching ovs = new Batching("ovs");
        Map<String, Object> props = bind(d, ovs, "ovs", 0);
        ovs.entered = new CountDownLatch(1);
        ovs.release = new CountDownLatch(1);
        CompletableFuture<List<VifResult>> batch = CompletableFuture.supplyAsync(() -> d.plugAll(requests("ovs", 1, 2)));
        assertThat(ovs.entered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> removal = CompletableFuture.runAsync(() -> d.unbindPlugin(ovs, props));
        assertThat(removal).isNotDone();
        ovs.release.countDown();
        removal.get(10, TimeUnit.SECONDS);
        assertThat(batch.get(10, TimeUnit.SECONDS)).allMatch(VifResult::ok);
    }

    @Test
    void aBatchPluginThatBreaksFailsEachVifOfTheBatch() {
        Dispatcher d = new Dispatcher(config(100));
        Batching broken = new Batching("ovs") {
            @Override
            public List<PlugOutcome> plugAll(List<PlugRequest> requests) {
                return List.of(PlugOutcome.done(Map.of()));
            }
        };
        bind(d, broken, "ovs", 0);
        List<VifResult> r = d.plugAll(requests("ovs", 1, 2));
        assertThat(r).noneMatch(VifResult::ok);
        assertThat(r.get(0).error()).isInstanceOf(PlugException.class);
        assertThat(d.stats().get("ovs").failures()).isEqualTo(2);
    }

}
