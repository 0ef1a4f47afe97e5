package org.osvif.core.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.osvif.objects.HostInfo;
import org.osvif.objects.HostPluginInfo;
import org.osvif.plugin.VifPlugin;

/**
 * One registered plugin service: its description, taken once when it appears, and a gate that
 * lets its removal wait until the calls inside it have returned.
 */
final class PluginEntry {

    final String name;
    final int ranking;
    final long serviceId;
    final VifPlugin plugin;
    final HostPluginInfo description;
    /** The description as a one-plugin HostInfo, for {@code Negotiation.targetsFor}. */
    final HostInfo asHost;
    /**
     * Calls inside the plugin. One atomic counter, not a read-write lock: the hot path is an
     * increment and a decrement, and only removal ever waits (on {@link #drained}).
     */
    private final AtomicInteger inside = new AtomicInteger();
    private final ReentrantLock drainLock = new ReentrantLock();
    private final Condition drained = drainLock.newCondition();
    private volatile boolean closed;

    PluginEntry(String name, int ranking, long serviceId, VifPlugin plugin) {
        this.name = name;
        this.ranking = ranking;
        this.serviceId = serviceId;
        this.plugin = plugin;
        this.description = plugin.describe();
        if (description == null || !name.equals(description.pluginName())) {
            throw new IllegalArgumentException("plugin service '" + name + "' describes itself as '"
                    + (description == null ? null : description.pluginName()) + "'");
        }
        this.asHost = HostInfo.builder().pluginInfo(List.of(description)).build();
    }

    /** Takes a call permit; false once the plugin is being removed. */
    boolean enter() {
        inside.incrementAndGet();
        if (closed) {
            exit();
            return false;
        }
        return true;
    }

    void exit() {
        if (inside.decrementAndGet() == 0 && closed) {
            drainLock.lock();
            try {
                drained.signalAll();
            } finally {
                drainLock.unlock();
            }
        }
    }

    /** Refuses new calls and waits for the ones inside the plugin to return. */
    void close() {
        closed = true;
        drainLock.lock();
        try {
            while (inside.get() != 0) {
                drained.awaitUninterruptibly();
            }
        } finally {
            drainLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "plugin " + name + " (service " + serviceId + ", ranking " + ranking + ")";
    }
}
