package org.osvif.core.internal;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;

import org.osvif.plugin.PlugCall;
import org.osvif.plugin.PlugObserver;
import org.osvif.plugin.PlugPhases;

/**
 * The {@link PlugObserver} services, told of each call into a plugin. Kept apart from the
 * dispatcher: it only measures, and a failing observer never fails a plug.
 */
final class Observers {

    private static final System.Logger LOG = System.getLogger(Observers.class.getName());

    private Observers() {
    }

    /** @return a scope collecting the plugin's phases, or {@code null} when no one observes */
    static PlugPhases.Scope open(List<PlugObserver> observers) {
        return observers.isEmpty() ? null : PlugPhases.open();
    }

    /**
     * A VIF of a batch: its phases come on its outcome (milliseconds by name), not through
     * {@link PlugPhases}, since the plugin's batch runs on threads of its own.
     */
    static void tell(List<PlugObserver> observers, String plugin, boolean plug, String vifId, boolean ok, long nanos,
            Map<String, Double> phasesMs) {
        if (observers.isEmpty()) {
            return;
        }
        Map<String, Long> reported = new java.util.LinkedHashMap<>();
        phasesMs.forEach((name, ms) -> reported.put(name, Math.round(ms * 1e6)));
        notify(observers, new PlugCall(plugin, plug, vifId, ok, nanos, reported));
    }

    static void tell(List<PlugObserver> observers, PlugPhases.Scope phases, String plugin, boolean plug, String vifId,
            boolean ok, long nanos) {
        if (phases == null) {
            return;
        }
        notify(observers, new PlugCall(plugin, plug, vifId, ok, nanos, phases.close()));
    }

    private static void notify(List<PlugObserver> observers, PlugCall call) {
        for (PlugObserver o : observers) {
            try {
                o.observed(call);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "plug observer " + o + " failed: " + e);
            }
        }
    }
}
