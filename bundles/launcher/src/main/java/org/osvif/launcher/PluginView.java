package org.osvif.launcher;

import org.osvif.PluginStats;
import org.osvif.objects.HostPluginInfo;

/**
 * One plugin service in the container, and for a plugin from {@code deploy/} both what its file
 * is and what serves.
 *
 * @param name its {@code osvif.plugin.name}
 * @param bundle the symbolic name of the bundle that registered it
 * @param version that bundle's version: what serves
 * @param state that bundle's state (ACTIVE, ...), or, when the bundle is active but the plugin's
 *        component does not serve, the component's: {@code FAILED_ACTIVATION},
 *        {@code UNSATISFIED_REFERENCE}, {@code UNSATISFIED_CONFIGURATION} or {@code DISABLED}
 * @param description what it advertises ({@code describe()}), or {@code null} if the core does not
 *        use this service (another service of the same name ranks higher)
 * @param stats its counters, or {@code null} before its first call
 * @param file its file in {@code deploy/}, or {@code null} for the runtime's own plugins
 * @param fileVersion the bundle version that file holds now (differs from {@code version} when the
 *        file is broken, refused or a downgrade and the last good jar serves), or {@code null}
 * @param servedFrom where the serving jar is: {@code deploy/<file>}, {@code data/last-good/<file>},
 *        or {@code runtime} for the runtime's own bundles
 * @param error why the file in {@code deploy/} does not serve, or else why the plugin's component
 *        does not (what its activation threw, the references it lacks), or {@code null}
 */
public record PluginView(String name, String bundle, String version, String state, HostPluginInfo description,
        PluginStats stats, String file, String fileVersion, String servedFrom, String error) {

    /**
     * A plugin of the runtime's own bundles (1.0 callers).
     *
     * @param name its name
     * @param bundle its bundle's symbolic name
     * @param version its bundle's version
     * @param state its bundle's state
     * @param description what it advertises
     * @param stats its counters
     */
    public PluginView(String name, String bundle, String version, String state, HostPluginInfo description,
            PluginStats stats) {
        this(name, bundle, version, state, description, stats, null, null, "runtime", null);
    }
}
