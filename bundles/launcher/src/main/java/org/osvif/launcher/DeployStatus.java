package org.osvif.launcher;

/**
 * What happened to one jar of {@code deploy/}: what the file is, and what serves for it.
 *
 * @param file the jar's file name
 * @param symbolicName what the file is: its bundle's symbolic name, if it has one
 * @param version what the file is: its bundle's version, if readable
 * @param state ACTIVE, FAILED, QUARANTINED, REPLACED or UNINSTALLED
 * @param error why it failed, or {@code null}
 * @param servingVersion the version of the bundle that serves for this file (the file's own when
 *        ACTIVE, the last good one when the file failed), or {@code null} if none does
 * @param servedFrom where the serving bundle's jar is: {@code deploy/<file>} or
 *        {@code data/last-good/<file>}; {@code null} if none serves
 */
public record DeployStatus(String file, String symbolicName, String version, String state, String error,
        String servingVersion, String servedFrom) {

    /**
     * The status without what serves (1.0 callers).
     *
     * @param file the jar's file name
     * @param symbolicName its bundle's symbolic name
     * @param version its bundle's version
     * @param state its state
     * @param error why it failed
     */
    public DeployStatus(String file, String symbolicName, String version, String state, String error) {
        this(file, symbolicName, version, state, error, null, null);
    }
}
