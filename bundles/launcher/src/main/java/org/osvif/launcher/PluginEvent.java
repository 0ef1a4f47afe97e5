package org.osvif.launcher;

/**
 * A plugin service came, changed or went.
 *
 * @param kind what happened
 * @param plugin the plugin's name
 * @param bundle the symbolic name of the bundle that registered it
 * @param version that bundle's version
 */
public record PluginEvent(Kind kind, String plugin, String bundle, String version) {

    /** What happened to the plugin service. */
    public enum Kind {
        /** registered: the plugin serves from now on */
        ADDED,
        /** its service properties changed */
        MODIFIED,
        /** unregistering: its bundle stops, is updated or uninstalled */
        REMOVED
    }
}
