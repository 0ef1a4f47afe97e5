/**
 * rtnetlink for plugins: {@link org.osvif.netlink.Netlink} creates, changes, reads and deletes
 * links (bridge, veth, vlan, persistent TAP), addresses and routes, and writes the per-device
 * sysctls os-vif writes, over one netlink socket per network namespace. Failures are
 * {@link org.osvif.netlink.NetlinkException}s carrying the kernel's errno name and the device.
 */
@Export
@Version("1.1.0")
package org.osvif.netlink;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
