package org.osvif.netlink.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osvif.netlink.Netlink;

/** The {@link Netlink} service: rtnetlink in the host's (the container's) network namespace. */
@Component(service = Netlink.class)
public final class HostNetlink extends RtNetlink {

    /** Opens the socket in the namespace of the activating thread: the container's. */
    public HostNetlink() {
        super(null);
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
