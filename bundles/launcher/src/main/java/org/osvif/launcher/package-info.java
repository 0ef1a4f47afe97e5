/**
 * Embedding osvif: {@link org.osvif.launcher.Container} starts the OSGi container (Felix, SCR,
 * the core dispatcher, the plugins of the distribution and of {@code deploy/}) inside a host
 * agent's process and hands it the {@link org.osvif.OsVif} service.
 * <p>
 * 1.1.0: {@link org.osvif.launcher.DeployListener} and {@link org.osvif.launcher.DeployEvent}, the
 * deploy/ watcher's outcomes; {@link org.osvif.launcher.PlugRequests#run(org.osvif.OsVif, boolean,
 * java.io.InputStream, java.io.PrintStream, java.io.PrintStream, int)}, up to N lines in one
 * {@code plugAll}; and the additions of the reshaped launcher (diagnosis, the file and what serves
 * in {@code PluginView}/{@code DeployStatus}, {@code ConfigurationException}).
 */
@Export
@Version("1.1.0")
package org.osvif.launcher;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
