/**
 * rtnetlink for plugins: {@link org.osvif.netlink.Netlink} creates, changes, reads and deletes
 * links (bridge, veth, vlan, persistent TAP), addresses and routes, and writes the per-device
 * sysctls os-vif writes, over one netlink socket per network namespace. Failures are
 * {@link org.osvif.netlink.NetlinkException}s carrying the kernel's errno name and the device.
 * <p>
 * 1.2.0: {@link org.osvif.netlink.NetlinkBatch} ({@link org.osvif.netlink.Netlink#batch()}): many
 * link requests sent pipelined on the one socket, each answered on its own; and
 * {@link org.osvif.netlink.LinkUpdate#masterIndex(int)}, a master by ifindex.
 */
@Export
@Version("1.2.0")
package org.osvif.netlink;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
