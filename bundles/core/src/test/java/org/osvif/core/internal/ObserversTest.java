package org.osvif.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.osvif.PlugException;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.VIFBase;
import org.osvif.plugin.PlugCall;
import org.osvif.plugin.PlugObserver;
import org.osvif.plugin.PlugPhases;

/** What a {@link PlugObserver} hears: each call, its outcome, its time and the plugin's phases. */
class ObserversTest {

    /** Reports two phases (one of them twice) the way a plugin such as ovs would. */
    static final class Phased extends DispatcherTest.Fake {
        Phased() {
            super("ovs");
        }

        @Override
        public void plug(VIFBase vif, InstanceInfo info) throws Exception {
            PlugPhases.add("ovsdb_commit", 2_000);
            PlugPhases.add("vswitchd_wait", 5_000);
            PlugPhases.add("ovsdb_commit", 1_000);
            super.plug(vif, info);
        }
    }

    @Test
    void observersHearEveryCallWithItsOutcomeAndPhases() throws Exception {
        Dispatcher d = new Dispatcher(DispatcherTest.config(100));
        List<PlugCall> heard = new CopyOnWriteArrayList<>();
        PlugObserver failing = c -> {
            throw new IllegalStateException("an observer's bug never fails a plug");
        };
        d.observers = List.of(failing, heard::add);
        Phased ovs = new Phased();
        DispatcherTest.bind(d, ovs, "ovs", 0);

        d.plug(DispatcherTest.vif("ovs", 1), DispatcherTest.INSTANCE);
        d.unplug(DispatcherTest.vif("ovs", 1), DispatcherTest.INSTANCE);
        ovs.failWith = new java.io.IOException("boom");
        assertThatThrownBy(() -> d.plug(DispatcherTest.vif("ovs", 2), DispatcherTest.INSTANCE))
                .isInstanceOf(PlugException.class);

        assertThat(heard).hasSize(3);
        PlugCall plug = heard.get(0);
        assertThat(plug.plugin()).isEqualTo("ovs");
        assertThat(plug.plug()).isTrue();
        assertThat(plug.ok()).isTrue();
        assertThat(plug.vifId()).isEqualTo(DispatcherTest.vif("ovs", 1).id());
        assertThat(plug.nanos()).isPositive();
        assertThat(plug.phaseNanos()).containsExactly(java.util.Map.entry("ovsdb_commit", 3_000L),
                java.util.Map.entry("vswitchd_wait", 5_000L));
        assertThat(heard.get(1).plug()).isFalse();
        assertThat(heard.get(1).phaseNanos()).isEmpty();
        assertThat(heard.get(2).ok()).isFalse();
        // the phases reported before the failure still count
        assertThat(heard.get(2).phaseNanos()).containsKeys("ovsdb_commit", "vswitchd_wait");
        // nothing is collected outside an observed call
        PlugPhases.add("stray", 1);
        assertThat(PlugPhases.open().close()).isEmpty();
    }
}
