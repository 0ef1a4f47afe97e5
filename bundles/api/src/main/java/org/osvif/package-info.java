/**
 * What a host agent calls: the {@link org.osvif.OsVif} service (plug, unplug, host info) and the
 * os-vif exceptions of plugging. The objects it takes are in {@code org.osvif.objects}.
 * <p>
 * 1.1.0: {@link org.osvif.OsVif#plugAll} and {@link org.osvif.OsVif#unplugAll} with
 * {@link org.osvif.PlugRequest} and {@link org.osvif.VifResult}: many VIFs in one call, one
 * result per VIF in order. {@code OsVif} is a provider type: only the core implements it, so
 * adding methods is a minor change for the host agents that call it.
 */
@Export
@Version("1.1.0")
package org.osvif;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
