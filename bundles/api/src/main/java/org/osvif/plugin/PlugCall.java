package org.osvif.plugin;

import java.util.Map;

/**
 * One call into a plugin, as a {@link PlugObserver} is told of it.
 *
 * @param plugin the plugin's name
 * @param plug {@code true} for a plug, {@code false} for an unplug
 * @param vifId the VIF's id
 * @param ok whether the plugin returned (not raised)
 * @param nanos how long the call into the plugin took, in nanoseconds
 * @param phaseNanos the plugin's own phases of this call (see {@link PlugPhases}), phase name to
 *        nanoseconds, in the order the plugin reported them; empty when it reports none
 */
public record PlugCall(String plugin, boolean plug, String vifId, boolean ok, long nanos, Map<String, Long> phaseNanos) {
}
