package org.osvif.launcher;

/**
 * One outcome of the deploy/ watcher, as a {@link DeployListener} is told of it.
 *
 * @param kind what happened
 * @param file the jar's file name in {@code deploy/}
 * @param symbolicName the bundle's symbolic name, or {@code null} if the jar has none
 * @param version the jar's bundle version, or {@code null} if unknown
 * @param error why it failed, or {@code null}
 */
public record DeployEvent(Kind kind, String file, String symbolicName, String version, String error) {

    /** What happened to a jar of {@code deploy/}. */
    public enum Kind {
        /** a new bundle was installed and started */
        INSTALLED,
        /** an installed bundle was updated to this jar */
        UPGRADED,
        /** an update failed and the previous version was put back (a {@link #FAILED} comes with it) */
        ROLLED_BACK,
        /** the jar was refused, or its install or update failed */
        FAILED,
        /** the jar was deleted and its bundle uninstalled */
        REMOVED
    }
}
