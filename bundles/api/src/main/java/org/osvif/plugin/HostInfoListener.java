package org.osvif.plugin;

import org.osgi.annotation.versioning.ConsumerType;
import org.osvif.objects.HostInfo;

/**
 * Told when the host's {@link HostInfo} changes: a plugin appeared, went, or was replaced.
 * Register it as a service; calls come on one notifier thread, in order.
 */
@ConsumerType
public interface HostInfoListener {

    /**
     * @param hostInfo what the host supports now
     */
    void hostInfoChanged(HostInfo hostInfo);
}
