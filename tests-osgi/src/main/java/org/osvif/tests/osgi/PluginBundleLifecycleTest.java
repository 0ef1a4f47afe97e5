package org.osvif.tests.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.osvif.OsVif;
import org.osvif.objects.HostInfo;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.NoMatchingPlugin;
import org.osvif.objects.VIFVHostUser;
import org.osvif.plugin.HostInfoListener;

/**
 * Inside the framework (bnd-testing, osgi-test): the noop plugin's bundle installed, started,
 * updated while four threads plug, stopped and uninstalled, with {@code hostInfo()} and
 * dispatch checked after each step. osgi-test's bundle context cleans up what a test installs.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class PluginBundleLifecycleTest {

    static final InstanceInfo INSTANCE = InstanceInfo.builder().uuid("00000000-0000-0000-0000-0000000000ff")
            .name("vm").projectId("p").build();

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 10_000)
    OsVif osVif;

    final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    static VIFVHostUser vif(int n) {
        return VIFVHostUser.builder().id(String.format("00000000-0000-0000-0000-%012d", n)).plugin("noop")
                .vifName("vhu" + n).path("/run/vhu" + n).mode("server").build();
    }

    Bundle install() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/plug-noop.jar")) {
            return context.installBundle("test:plug-noop", in);
        }
    }

    /** Every host info the core announces, in order (HostInfoListener, registered per test). */
    final BlockingQueue<HostInfo> heard = new LinkedBlockingQueue<>();

    @BeforeEach
    void listen() {
        // osgi-test's context unregisters it after the test.
        context.registerService(HostInfoListener.class, heard::add, null);
    }

    /**
     * Waits for the core to announce a host info that satisfies a condition (plugins come and go
     * asynchronously). An announcement counts when what the core answers now satisfies it too:
     * the queue also holds older announcements (of states before the step the test just took).
     */
    HostInfo awaitHostInfo(Predicate<HostInfo> wanted) throws InterruptedException {
        HostInfo now = osVif.hostInfo();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!wanted.test(now)) {
            HostInfo h = heard.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (h == null) {
                throw new AssertionError("no host info as wanted announced within 10 s; now: " + osVif.hostInfo());
            }
            now = wanted.test(h) ? osVif.hostInfo() : now;
        }
        return now;
    }

    @Test
    void installStartStopUninstall() throws Exception {
        assertThat(osVif.hostInfo().hasPlugin("noop")).isFalse();
        assertThatThrownBy(() -> osVif.plug(vif(1), INSTANCE)).isInstanceOf(NoMatchingPlugin.class);

        Bundle b = install();
        assertThat(osVif.hostInfo().hasPlugin("noop")).as("installed, not started").isFalse();
        b.start();
        HostInfo h = awaitHostInfo(x -> x.hasPlugin("noop"));
        assertThat(h.getPlugin("noop").hasVif("VIFVHostUser")).isTrue();
        osVif.plug(vif(1), INSTANCE);
        osVif.unplug(vif(1), INSTANCE);
        assertThat(osVif.stats().get("noop").plugs()).isGreaterThanOrEqualTo(1);

        b.stop();
        awaitHostInfo(x -> !x.hasPlugin("noop"));
        assertThatThrownBy(() -> osVif.plug(vif(2), INSTANCE)).isInstanceOf(NoMatchingPlugin.class);

        b.start();
        awaitHostInfo(x -> x.hasPlugin("noop"));
        osVif.plug(vif(3), INSTANCE);

        b.uninstall();
        awaitHostInfo(x -> !x.hasPlugin("noop"));
        assertThatThrownBy(() -> osVif.plug(vif(4), INSTANCE)).isInstanceOf(NoMatchingPlugin.class);
    }

    @Test
    void anUpdateUnderLoadFailsNoCall() throws Exception {
        Bundle b = install();
        b.start();
        awaitHostInfo(x -> x.hasPlugin("noop"));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong calls = new AtomicLong();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Future<?>> load = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = 100 * (t + 1);
            load.add(pool.submit(() -> {
                int i = 0;
                while (running.get()) {
                    VIFVHostUser v = vif(base + (i++ % 50));
                    try {
                        osVif.plug(v, INSTANCE);
                        osVif.unplug(v, INSTANCE);
                        calls.addAndGet(2);
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            }));
        }
        awaitCalls(calls, 1_000);
        for (int round = 0; round < 3; round++) {
            // update() stops the old revision (its component is deactivated once calls in
            // flight finish) and starts the new one; calls in between wait for the replacement.
            try (InputStream in = getClass().getResourceAsStream("/plug-noop.jar")) {
                b.update(in);
            }
            awaitHostInfo(x -> x.hasPlugin("noop"));
            awaitCalls(calls, calls.get() + 1_000);
        }
        running.set(false);
        for (Future<?> f : load) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertThat(failures).as("calls that failed while the plugin bundle was updated").isEmpty();
        assertThat(b.getState()).isEqualTo(Bundle.ACTIVE);
    }

    static void awaitCalls(AtomicLong calls, long wanted) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (calls.get() < wanted && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(calls.get()).isGreaterThanOrEqualTo(wanted);
    }
}
