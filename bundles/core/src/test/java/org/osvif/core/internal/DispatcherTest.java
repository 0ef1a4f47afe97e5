package org.osvif.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.osvif.PlugException;
import org.osvif.UnplugException;
import org.osvif.objects.HostInfo;
import org.osvif.objects.HostPluginInfo;
import org.osvif.objects.HostPortProfileInfo;
import org.osvif.objects.HostVIFInfo;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.NoMatchingPlugin;
import org.osvif.objects.NoMatchingPortProfileClass;
import org.osvif.objects.NoMatchingVIFClass;
import org.osvif.objects.NoSupportedPortProfileVersion;
import org.osvif.objects.VIFBase;
import org.osvif.objects.VIFBridge;
import org.osvif.objects.VIFOpenVSwitch;
import org.osvif.objects.VIFPortProfileFPBridge;
import org.osvif.objects.VIFPortProfileOpenVSwitch;
import org.osvif.plugin.HostInfoListener;
import org.osvif.plugin.PluginName;
import org.osvif.plugin.VifPlugin;

/** The dispatcher with plain objects: the constructor DS calls, fake plugins, no framework. */
class DispatcherTest {

    static final InstanceInfo INSTANCE = InstanceInfo.builder().uuid("00000000-0000-0000-0000-0000000000aa")
            .name("vm").projectId("p").build();
    static final AtomicInteger SERVICE_IDS = new AtomicInteger(100);

    static CoreConfig config(long waitMs) {
        return new CoreConfig() {
            @Override
            public long plugin_wait_ms() {
                return waitMs;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return CoreConfig.class;
            }
        };
    }

    /** A plugin named {@code name} for VIFOpenVSwitch 1.0 with OVS profiles up to 1.4. */
    static class Fake implements VifPlugin {
        final String name;
        final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
        volatile Exception failWith;

        Fake(String name) {
            this.name = name;
        }

        @Override
        public HostPluginInfo describe() {
            return HostPluginInfo.builder().pluginName(name).vifInfo(List.of(HostVIFInfo.builder()
                    .vifObjectName("VIFOpenVSwitch").minVersion("1.0").maxVersion("1.0")
                    .supportedPortProfiles(List.of(HostPortProfileInfo.builder()
                            .profileObjectName("VIFPortProfileOpenVSwitch").minVersion("1.0").maxVersion("1.4").build()))
                    .build())).build();
        }

        @Override
        public void plug(VIFBase vif, InstanceInfo info) throws Exception {
            if (failWith != null) {
                throw failWith;
            }
            calls.add("plug " + vif.id());
        }

        @Override
        public void unplug(VIFBase vif, InstanceInfo info) throws Exception {
            if (failWith != null) {
                throw failWith;
            }
            calls.add("unplug " + vif.id());
        }
    }

    static Map<String, Object> props(String name, int ranking, long id) {
        return Map.of(PluginName.NAME, name, Constants.SERVICE_RANKING, ranking, Constants.SERVICE_ID, id);
    }

    static Map<String, Object> bind(Dispatcher d, VifPlugin p, String name, int ranking) {
        Map<String, Object> props = props(name, ranking, SERVICE_IDS.incrementAndGet());
        d.bindPlugin(p, props);
        return props;
    }

    static VIFOpenVSwitch vif(String plugin, int n) {
        return VIFOpenVSwitch.builder().id(String.format("00000000-0000-0000-0000-%012d", n)).plugin(plugin)
                .vifName("tap" + n).bridgeName("br-int")
                .portProfile(new VIFPortProfileOpenVSwitch.Plain()
                        .interfaceId(String.format("00000000-0000-0000-0000-%012d", n)).profileId("").build())
                .build();
    }

    @Test
    void dispatchesByPluginNameAndCounts() throws Exception {
        Dispatcher d = new Dispatcher(config(100));
        Fake ovs = new Fake("ovs");
        bind(d, ovs, "ovs", 0);
        d.plug(vif("ovs", 1), INSTANCE);
        d.unplug(vif("ovs", 1), INSTANCE);
        assertThat(ovs.calls).containsExactly("plug " + vif("ovs", 1).id(), "unplug " + vif("ovs", 1).id());
        assertThat(d.stats().get("ovs").plugs()).isEqualTo(1);
        assertThat(d.stats().get("ovs").unplugs()).isEqualTo(1);
        assertThat(d.hostInfo().getPlugin("ovs").getVif("VIFOpenVSwitch").maxVersion()).isEqualTo("1.0");
        assertThat(d.vifLocksInUse()).isZero();
    }

    @Test
    void checksTheVifAgainstWhatThePluginDescribes() {
        Dispatcher d = new Dispatcher(config(100));
        bind(d, new Fake("ovs"), "ovs", 0);
        assertThatThrownBy(() -> d.plug(vif("nope", 1), INSTANCE)).isInstanceOf(NoMatchingPlugin.class)
                .hasMessage("No VIF plugin was found with the name nope");
        VIFBridge bridge = VIFBridge.builder().id("00000000-0000-0000-0000-000000000001").plugin("ovs")
                .vifName("t").bridgeName("b").build();
        assertThatThrownBy(() -> d.plug(bridge, INSTANCE)).isInstanceOf(NoMatchingVIFClass.class);
        VIFOpenVSwitch fp = VIFOpenVSwitch.builder().id("00000000-0000-0000-0000-000000000002").plugin("ovs")
                .vifName("t").bridgeName("b").portProfile(VIFPortProfileFPBridge.builder().bridgeName("x").build()).build();
        assertThatThrownBy(() -> d.plug(fp, INSTANCE)).isInstanceOf(NoMatchingPortProfileClass.class);
        assertThat(d.vifLocksInUse()).isZero();
    }

    @Test
    void aProfileVersionThePluginCannotReadIsRefused() {
        Dispatcher d = new Dispatcher(config(100));
        Fake old = new Fake("old") {
            @Override
            public HostPluginInfo describe() {
                return HostPluginInfo.builder().pluginName("old").vifInfo(List.of(HostVIFInfo.builder()
                        .vifObjectName("VIFOpenVSwitch").minVersion("1.0").maxVersion("1.0")
                        .supportedPortProfiles(List.of(HostPortProfileInfo.builder()
                                .profileObjectName("VIFPortProfileOpenVSwitch").minVersion("2.0").maxVersion("2.1").build()))
                        .build())).build();
            }
        };
        bind(d, old, "old", 0);
        assertThatThrownBy(() -> d.plug(vif("old", 1), INSTANCE)).isInstanceOf(NoSupportedPortProfileVersion.class);
    }

    @Test
    void aPluginFailureIsWrappedWithItsCause() {
        Dispatcher d = new Dispatcher(config(100));
        Fake ovs = new Fake("ovs");
        ovs.failWith = new IllegalStateException("bridge br-int missing");
        bind(d, ovs, "ovs", 0);
        assertThatThrownBy(() -> d.plug(vif("ovs", 3), INSTANCE)).isInstanceOf(PlugException.class)
                .hasMessageContaining("VIFOpenVSwitch 1.0 " + vif("ovs", 3).id())
                .hasMessageContaining("ovs").hasMessageContaining("bridge br-int missing")
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> d.unplug(vif("ovs", 3), INSTANCE)).isInstanceOf(UnplugException.class);
        assertThat(d.stats().get("ovs").failures()).isEqualTo(2);
    }

    @Test
    void callsForOneVifNeverOverlapAndCallsForDifferentVifsRunTogether() throws Exception {
        Dispatcher d = new Dispatcher(config(100));
        CyclicBarrier bothInside = new CyclicBarrier(2);
        Map<String, AtomicInteger> inside = new ConcurrentHashMap<>();
        AtomicInteger maxSameVif = new AtomicInteger();
        Fake slow = new Fake("slow") {
            @Override
            public void plug(VIFBase vif, InstanceInfo info) throws Exception {
                int n = inside.computeIfAbsent(vif.id(), k -> new AtomicInteger()).incrementAndGet();
                maxSameVif.accumulateAndGet(n, Math::max);
                // Two different VIFs must be inside together, or this times out.
                bothInside.await(5, TimeUnit.SECONDS);
                inside.get(vif.id()).decrementAndGet();
            }
        };
        bind(d, slow, "slow", 0);
        List<CompletableFuture<Void>> calls = List.of(
                CompletableFuture.runAsync(() -> d.plug(vif("slow", 1), INSTANCE)),
                CompletableFuture.runAsync(() -> d.plug(vif("slow", 1), INSTANCE)),
                CompletableFuture.runAsync(() -> d.plug(vif("slow", 2), INSTANCE)),
                CompletableFuture.runAsync(() -> d.plug(vif("slow", 2), INSTANCE)));
        CompletableFuture.allOf(calls.toArray(new CompletableFuture[0])).get(20, TimeUnit.SECONDS);
        assertThat(maxSameVif.get()).isEqualTo(1);
        assertThat(d.vifLocksInUse()).isZero();
    }

    @Test
    void aCallWaitsForThePluginThatReplacesTheOneThatWent() throws Exception {
        Dispatcher d = new Dispatcher(config(10_000));
        Fake v1 = new Fake("ovs");
        Map<String, Object> p1 = bind(d, v1, "ovs", 0);
        d.unbindPlugin(v1, p1);
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> d.plug(vif("ovs", 7), INSTANCE));
        Fake v2 = new Fake("ovs");
        bind(d, v2, "ovs", 0);
        waiting.get(10, TimeUnit.SECONDS);
        assertThat(v2.calls).containsExactly("plug " + vif("ovs", 7).id());
        assertThat(v1.calls).isEmpty();
    }

    @Test
    void aPluginThatStaysGoneFailsAfterTheWait() {
        Dispatcher d = new Dispatcher(config(50));
        Fake v1 = new Fake("ovs");
        d.unbindPlugin(v1, bind(d, v1, "ovs", 0));
        assertThatThrownBy(() -> d.plug(vif("ovs", 8), INSTANCE)).isInstanceOf(NoMatchingPlugin.class);
    }

    @Test
    void removalWaitsForTheCallsInsideThePlugin() throws Exception {
        Dispatcher d = new Dispatcher(config(100));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        Fake blocking = new Fake("ovs") {
            @Override
            public void plug(VIFBase vif, InstanceInfo info) throws Exception {
                entered.countDown();
                release.await();
                finished.incrementAndGet();
            }
        };
        Map<String, Object> props = bind(d, blocking, "ovs", 0);
        CompletableFuture<Void> call = CompletableFuture.runAsync(() -> d.plug(vif("ovs", 9), INSTANCE));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> removal = CompletableFuture.runAsync(() -> d.unbindPlugin(blocking, props));
        assertThat(removal).isNotDone();
        release.countDown();
        removal.get(5, TimeUnit.SECONDS);
        assertThat(finished.get()).as("the call finished before removal returned").isEqualTo(1);
        call.get(5, TimeUnit.SECONDS);
    }

    @Test
    void theHighestRankingServesAndTheOtherTakesOver() {
        Dispatcher d = new Dispatcher(config(100));
        Fake low = new Fake("ovs");
        Fake high = new Fake("ovs");
        bind(d, low, "ovs", 0);
        Map<String, Object> hp = bind(d, high, "ovs", 10);
        d.plug(vif("ovs", 1), INSTANCE);
        assertThat(high.calls).hasSize(1);
        d.unbindPlugin(high, hp);
        d.plug(vif("ovs", 1), INSTANCE);
        assertThat(low.calls).hasSize(1);
    }

    @Test
    void listenersHearOfEveryChange() throws Exception {
        Dispatcher d = new Dispatcher(config(100));
        BlockingQueue<HostInfo> heard = new LinkedBlockingQueue<>();
        HostInfoListener l = heard::add;
        d.bindListener(l);
        assertThat(heard.poll(5, TimeUnit.SECONDS).pluginInfo()).isEmpty();
        Fake ovs = new Fake("ovs");
        Map<String, Object> props = bind(d, ovs, "ovs", 0);
        assertThat(heard.poll(5, TimeUnit.SECONDS).hasPlugin("ovs")).isTrue();
        d.unbindPlugin(ovs, props);
        assertThat(heard.poll(5, TimeUnit.SECONDS).hasPlugin("ovs")).isFalse();
        d.deactivate();
    }

    @Test
    void pluginsUnboundAfterDeactivationAreDroppedQuietly() {
        // SCR's order on disposal: deactivate, then unbind each reference.
        Dispatcher d = new Dispatcher(config(100));
        Fake ovs = new Fake("ovs");
        Map<String, Object> props = bind(d, ovs, "ovs", 0);
        d.deactivate();
        d.unbindPlugin(ovs, props);
        assertThat(d.hostInfo().pluginInfo()).isEmpty();
    }

    @Test
    void hostInfoFiltersByPermittedVifTypes() {
        Dispatcher d = new Dispatcher(config(100));
        bind(d, new Fake("ovs"), "ovs", 0);
        assertThat(d.hostInfo(List.of("VIFOpenVSwitch")).hasPlugin("ovs")).isTrue();
        assertThat(d.hostInfo(List.of("VIFBridge")).pluginInfo()).isEmpty();
    }
}
