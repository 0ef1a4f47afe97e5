/**
 * What a host agent calls: the {@link org.osvif.OsVif} service (plug, unplug, host info) and the
 * os-vif exceptions of plugging. The objects it takes are in {@code org.osvif.objects}.
 */
@Export
@Version("1.0.0")
package org.osvif;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
