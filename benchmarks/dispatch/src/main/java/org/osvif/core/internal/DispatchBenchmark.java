package org.osvif.core.internal;

import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.osgi.framework.Constants;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.VIFVHostUser;
import org.osvif.plug.noop.internal.NoOpPlugin;
import org.osvif.plugin.PluginName;

/**
 * The dispatcher's own cost: {@code plug} through {@link Dispatcher} into the noop plugin, which
 * does nothing, so what is measured is the lookup, the per-VIF lock, the checks against the
 * plugin's description and the counters. In this package because binding is DS's job.
 */
public class DispatchBenchmark {

    static final InstanceInfo INSTANCE = InstanceInfo.builder().uuid("00000000-0000-0000-0000-0000000000ff")
            .name("vm").projectId("p").build();

    /** One dispatcher with the noop plugin bound, shared by all threads. */
    @State(Scope.Benchmark)
    public static class Host {
        Dispatcher dispatcher;

        @Setup
        public void setUp() {
            dispatcher = new Dispatcher(new CoreConfig() {
                @Override
                public long plugin_wait_ms() {
                    return 5000;
                }

                @Override
                public Class<? extends Annotation> annotationType() {
                    return CoreConfig.class;
                }
            });
            dispatcher.bindPlugin(new NoOpPlugin(), Map.of(PluginName.NAME, "noop", Constants.SERVICE_ID, 1L));
        }
    }

    /** Each thread plugs its own VIF: distinct VIFs must not contend. */
    @State(Scope.Thread)
    public static class Vif {
        static final AtomicInteger N = new AtomicInteger();
        VIFVHostUser vif;

        @Setup
        public void setUp() {
            int n = N.incrementAndGet();
            vif = VIFVHostUser.builder().id(String.format("00000000-0000-0000-0000-%012d", n)).plugin("noop")
                    .vifName("vhu" + n).path("/run/vhu" + n).mode("server").build();
        }
    }

    /** Per-call overhead, one thread. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void plugOneThread(Host host, Vif vif) {
        host.dispatcher.plug(vif.vif, INSTANCE);
    }

    /** Throughput with 8 threads on distinct VIFs. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(8)
    public void plugEightThreads(Host host, Vif vif) {
        host.dispatcher.plug(vif.vif, INSTANCE);
    }

    /** Throughput with 1 thread, to compare with eight. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(1)
    public void plugOneThreadThroughput(Host host, Vif vif) {
        host.dispatcher.plug(vif.vif, INSTANCE);
    }
}
