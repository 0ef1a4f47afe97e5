package org.osvif.launcher;

/**
 * What happened to one jar of {@code deploy/}.
 *
 * @param file the jar's file name
 * @param symbolicName its bundle's symbolic name, if it has one
 * @param version its bundle's version, if readable
 * @param state ACTIVE, FAILED or UNINSTALLED
 * @param error why it failed, or {@code null}
 */
public record DeployStatus(String file, String symbolicName, String version, String state, String error) {
}
