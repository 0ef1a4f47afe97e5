package org.osvif.launcher;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of every outcome of the deploy/ watcher: register it as a service in the container's
 * framework (whiteboard). Calls come on the watcher's thread, in order; keep them short.
 */
@ConsumerType
public interface DeployListener {

    /**
     * @param event what happened to a jar of {@code deploy/}
     */
    void deployed(DeployEvent event);
}
