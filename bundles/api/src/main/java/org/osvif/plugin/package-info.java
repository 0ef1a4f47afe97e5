/**
 * The vendor contract: implement {@link org.osvif.plugin.VifPlugin}, register it as a Declarative
 * Services component with {@link org.osvif.plugin.PluginName}, and the host dispatches to it.
 * Configuration is the plugin's own {@code @ObjectClassDefinition} under the PID
 * {@code org.osvif.plug.<name>} (os-vif's {@code [os_vif_<name>]} option group).
 * <p>
 * 1.1.0: the optional batch path, {@link org.osvif.plugin.BatchVifPlugin} with
 * {@link org.osvif.plugin.PlugOutcome}. It is a second interface, not new methods on
 * {@code VifPlugin}: {@code VifPlugin} is a consumer type (vendors implement it), and a method
 * added to it would break every plugin built against 1.0. A plugin built against 1.x that does
 * not implement {@code BatchVifPlugin} keeps working unchanged: the host calls it once per VIF
 * of a batch, in order. Also {@link org.osvif.plugin.PlugObserver}, {@link org.osvif.plugin.PlugCall}
 * and {@link org.osvif.plugin.PlugPhases}: how the container observes each call into a plugin, and
 * how a plugin reports its phases.
 */
@Export
@Version("1.1.0")
package org.osvif.plugin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
