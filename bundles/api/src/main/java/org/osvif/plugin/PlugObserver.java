package org.osvif.plugin;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of every plug and unplug the core dispatched to a plugin, after it returned or raised:
 * register it as a service (whiteboard) and the core calls it on the calling thread, so it must
 * be quick and must not block (count, record into a histogram). The container's metrics are one.
 */
@ConsumerType
public interface PlugObserver {

    /**
     * @param call what was called, how it ended and how long it took
     */
    void observed(PlugCall call);
}
