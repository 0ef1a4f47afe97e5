package org.osvif.launcher;

import org.osvif.PluginStats;
import org.osvif.objects.HostPluginInfo;

/**
 * One plugin service in the container.
 *
 * @param name its {@code osvif.plugin.name}
 * @param bundle the symbolic name of the bundle that registered it
 * @param version that bundle's version
 * @param state that bundle's state (ACTIVE, ...)
 * @param description what it advertises ({@code describe()}), or {@code null} if the core does not
 *        use this service (another service of the same name ranks higher)
 * @param stats its counters, or {@code null} before its first call
 */
public record PluginView(String name, String bundle, String version, String state, HostPluginInfo description,
        PluginStats stats) {
}
