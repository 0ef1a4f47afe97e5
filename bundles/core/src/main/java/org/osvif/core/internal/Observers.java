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

    static void tell(List<PlugObserver> observers, PlugPhases.Scope phases, String plugin, boolean plug, String vifId,
            boolean ok, long nanos) {
        if (phases == null) {
            return;
        }
        Map<String, Long> reported = phases.close();
        PlugCall call = new PlugCall(plugin, plug, vifId, ok, nanos, reported);
        for (PlugObserver o : observers) {
            try {
                o.observed(call);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "plug observer " + o + " failed: " + e);
            }
        }
    }
}
