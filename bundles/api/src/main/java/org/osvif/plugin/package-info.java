/**
 * The vendor contract: implement {@link org.osvif.plugin.VifPlugin}, register it as a Declarative
 * Services component with {@link org.osvif.plugin.PluginName}, and the host dispatches to it.
 * Configuration is the plugin's own {@code @ObjectClassDefinition} under the PID
 * {@code org.osvif.plug.<name>} (os-vif's {@code [os_vif_<name>]} option group).
 */
@Export
@Version("1.0.0")
package org.osvif.plugin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
