package org.osvif.core.internal;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import org.osvif.PluginStats;

/** Per-plugin counters, updated without locks on the hot path. */
final class Counters {
    final LongAdder plugs = new LongAdder();
    final LongAdder unplugs = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder calls = new LongAdder();
    final LongAdder nanos = new LongAdder();
    final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);

    void record(boolean plug, boolean ok, long took) {
        (ok ? (plug ? plugs : unplugs) : failures).increment();
        calls.increment();
        nanos.add(took);
        maxNanos.accumulate(took);
    }

    PluginStats snapshot() {
        long n = calls.sum();
        return new PluginStats(plugs.sum(), unplugs.sum(), failures.sum(), n == 0 ? 0 : nanos.sum() / 1e3 / n,
                maxNanos.get() / 1e3);
    }
}
