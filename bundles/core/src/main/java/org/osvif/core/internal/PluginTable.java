package org.osvif.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.osvif.objects.NoMatchingPlugin;

/**
 * The plugins present now, by name. Several services may share a name: the highest service
 * ranking (then the oldest service) serves. A call for a name whose plugin just went away waits
 * for a replacement, for at most the configured time, on a condition signalled by every change.
 */
final class PluginTable {

    private static final Comparator<PluginEntry> BEST_FIRST =
            Comparator.comparingInt((PluginEntry e) -> -e.ranking).thenComparingLong(e -> e.serviceId);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, List<PluginEntry>> byName = new HashMap<>();
    /** When each name last lost its only plugin: calls for it wait that long for a replacement. */
    private final Map<String, Long> departed = new HashMap<>();
    private final long waitNanos;
    private volatile Map<String, PluginEntry> serving = Map.of();

    PluginTable(long waitMillis) {
        this.waitNanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
    }

    /** @return the entry that serves the name afterwards, or null if this one does not */
    PluginEntry add(PluginEntry e) {
        lock.lock();
        try {
            List<PluginEntry> list = byName.computeIfAbsent(e.name, k -> new ArrayList<>());
            list.add(e);
            list.sort(BEST_FIRST);
            departed.remove(e.name);
            publish();
            return list.get(0);
        } finally {
            lock.unlock();
        }
    }

    /** Removes a service; returns its entry (to be closed by the caller) or null. */
    PluginEntry remove(long serviceId) {
        lock.lock();
        try {
            for (var it = byName.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, List<PluginEntry>> names = it.next();
                for (PluginEntry e : names.getValue()) {
                    if (e.serviceId == serviceId) {
                        names.getValue().remove(e);
                        if (names.getValue().isEmpty()) {
                            it.remove();
                            departed.put(e.name, System.nanoTime());
                        }
                        publish();
                        return e;
                    }
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void publish() {
        Map<String, PluginEntry> now = new TreeMap<>();
        byName.forEach((name, list) -> now.put(name, list.get(0)));
        serving = now;
        changed.signalAll();
    }

    /** @return the serving plugin of each name, sorted by name */
    Map<String, PluginEntry> serving() {
        return serving;
    }

    /**
     * The serving plugin of a name with a call permit taken, waiting for a replacement when the
     * name's plugin is being removed or has just gone.
     */
    PluginEntry enter(String name) throws InterruptedException {
        PluginEntry e = serving.get(name);
        if (e != null && e.enter()) {
            return e;
        }
        lock.lock();
        try {
            long deadline = System.nanoTime() + waitNanos;
            while (true) {
                e = serving.get(name);
                if (e != null && e.enter()) {
                    return e;
                }
                if (e == null && !departed.containsKey(name)) {
                    throw new NoMatchingPlugin(name);
                }
                long left = deadline - System.nanoTime();
                Long gone = departed.get(name);
                if (gone != null) {
                    left = Math.min(left, gone + waitNanos - System.nanoTime());
                }
                if (left <= 0) {
                    throw new NoMatchingPlugin(name);
                }
                // A closing entry is still listed until its removal returns: wake on any change.
                changed.awaitNanos(e == null ? left : Math.min(left, TimeUnit.MILLISECONDS.toNanos(5)));
            }
        } finally {
            lock.unlock();
        }
    }
}
