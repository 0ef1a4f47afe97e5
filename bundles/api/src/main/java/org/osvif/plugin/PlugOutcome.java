package org.osvif.plugin;

import java.util.Map;

/**
 * What a {@link BatchVifPlugin} reports for one VIF.
 *
 * @param error null when done; else what went wrong (the host wraps it in {@code PlugException}
 *        or {@code UnplugException}, as for {@link VifPlugin#plug})
 * @param phases where the time went, in milliseconds by phase name, in the order the plugin gave; may be empty
 */
public record PlugOutcome(Exception error, Map<String, Double> phases) {

    /**
     * @param error the failure, or null
     * @param phases by phase name
     */
    public PlugOutcome {
        // In the plugin's order (build, commit, wait, ...): result lines and logs read in it.
        phases = phases == null || phases.isEmpty() ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phases));
    }

    /**
     * @param phases by phase name
     * @return a success
     */
    public static PlugOutcome done(Map<String, Double> phases) {
        return new PlugOutcome(null, phases);
    }

    /**
     * @param error what went wrong
     * @return a failure
     */
    public static PlugOutcome failed(Exception error) {
        return new PlugOutcome(error, Map.of());
    }
}
