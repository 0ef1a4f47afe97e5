package org.osvif.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the dispatcher, PID {@code org.osvif.core}. */
@ObjectClassDefinition(name = "osvif core", description = "Dispatching plug and unplug calls to plugins")
public @interface CoreConfig {

    /**
     * How long a call for a plugin that just went away waits for its replacement (an upgrade
     * unregisters the old service before the new one registers) before it fails with
     * NoMatchingPlugin. A plugin name never seen fails at once.
     *
     * @return milliseconds
     */
    @AttributeDefinition(description = "ms a call waits for a plugin being replaced before NoMatchingPlugin")
    long plugin_wait_ms() default 5000;
}
