package org.osvif.plugin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a plugin reports the phases of one plug or unplug (building the request, the OVSDB commit,
 * waiting for ovs-vswitchd, the Linux steps, ...): it calls {@link #add(String, long)} on the
 * thread that called {@code plug}/{@code unplug}, before returning (or raising); the core hands
 * the phases to every {@link PlugObserver} with the call. A plugin that batches work on another
 * thread adds the batch's phases on the calling thread once its request's batch is done. Outside
 * a call the core observes, {@code add} does nothing, so a plugin may call it unconditionally.
 */
public final class PlugPhases {

    private static final ThreadLocal<Map<String, Long>> CURRENT = new ThreadLocal<>();

    private PlugPhases() {
    }

    /**
     * Records a phase of the current call; a phase added twice adds up.
     *
     * @param phase a short, stable name in snake case, e.g. {@code ovsdb_commit} (a metrics label)
     * @param nanos how long it took
     */
    public static void add(String phase, long nanos) {
        Map<String, Long> m = CURRENT.get();
        if (m != null) {
            m.merge(phase, nanos, Long::sum);
        }
    }

    /**
     * For the core: starts collecting the phases of a call on this thread.
     *
     * @return the scope to {@link Scope#close() close} when the call returns
     */
    public static Scope open() {
        Map<String, Long> outer = CURRENT.get();
        Map<String, Long> mine = new LinkedHashMap<>(4);
        CURRENT.set(mine);
        return new Scope(outer, mine);
    }

    /** The phases of one call; closing it ends the collection on this thread. */
    public static final class Scope {
        private final Map<String, Long> outer;
        private final Map<String, Long> mine;

        private Scope(Map<String, Long> outer, Map<String, Long> mine) {
            this.outer = outer;
            this.mine = mine;
        }

        /** @return the phases the plugin reported, in order */
        public Map<String, Long> close() {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
            return mine.isEmpty() ? Map.of() : Collections.unmodifiableMap(mine);
        }
    }
}
