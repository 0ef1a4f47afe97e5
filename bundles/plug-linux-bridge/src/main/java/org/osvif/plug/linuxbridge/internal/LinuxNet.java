package org.osvif.plug.linuxbridge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.osvif.NetworkInterfaceNotFound;
import org.osvif.netlink.Address;
import org.osvif.netlink.Link;
import org.osvif.netlink.LinkUpdate;
import org.osvif.netlink.Netlink;
import org.osvif.netlink.NetlinkException;
import org.osvif.netlink.Route;

/**
 * os-vif's {@code vif_plug_linux_bridge/linux_net.py} over netlink: {@code ensure_bridge},
 * {@code ensure_vlan_bridge} and what they call, step for step, with two differences: what is
 * already as wanted is not set again (an existing bridge is only read), and a failure undoes
 * what this call created or changed before it is thrown.
 */
final class LinuxNet {

    private static final int STRIPES = 64;

    final Netlink nl;
    final Iptables iptables;
    /** os-vif holds one host-wide lock per ensure_bridge; we hold one per bridge name (striped). */
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    LinuxNet(Netlink nl, Iptables iptables) {
        this.nl = nl;
        this.iptables = iptables;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    private ReentrantLock lock(String bridge) {
        return locks[stripe(bridge)];
    }

    static int stripe(String bridge) {
        return Math.floorMod(bridge.hashCode(), STRIPES);
    }

    /** Locks the stripes of all the bridges, in stripe order (so that two batches cannot deadlock). */
    List<ReentrantLock> lockAll(java.util.Collection<String> bridges) {
        java.util.TreeSet<Integer> stripes = new java.util.TreeSet<>();
        bridges.forEach(b -> stripes.add(stripe(b)));
        List<ReentrantLock> held = new ArrayList<>(stripes.size());
        for (int i : stripes) {
            locks[i].lock();
            held.add(locks[i]);
        }
        return held;
    }

    /** os-vif's {@code ensure_bridge(bridge, interface, filtering=..., mtu=...)} (gateway true). */
    void ensureBridge(String bridge, String iface, boolean filtering, Integer mtu) throws Exception {
        Netlink.checkName(bridge);
        ReentrantLock lock = lock(bridge);
        lock.lock();
        Undo undo = new Undo();
        try {
            ensureBridgePrivileged(bridge, iface, mtu, undo);
            if (filtering) {
                iptables.ensureBridgeFiltering(bridge, true);
            }
        } catch (Exception | Error e) {
            undo.undo(e);
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /**
     * os-vif's {@code ensure_vlan_bridge}: the VLAN device {@code vlan<N>} on the interface, the
     * bridge on it, and the VLAN bridge's filtering (drop in and out). os-vif 3.0.0 calls
     * {@code _ensure_bridge_privileged} without its {@code gateway} argument here and so fails
     * with a TypeError once the VLAN device exists; this is what it means to do.
     */
    String ensureVlanBridge(long vlan, String bridge, String iface, Integer mtu) throws Exception {
        Netlink.checkName(bridge);
        ReentrantLock lock = lock(bridge);
        lock.lock();
        Undo undo = new Undo();
        try {
            String vlanIface = ensureVlan(vlan, iface, mtu, undo);
            ensureBridgePrivileged(bridge, vlanIface, null, undo);
            iptables.ensureBridgeFiltering(bridge, false);
            return vlanIface;
        } catch (Exception | Error e) {
            undo.undo(e);
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private String ensureVlan(long vlan, String iface, Integer mtu, Undo undo) {
        String name = "vlan" + vlan;
        if (nl.link(name).isPresent()) {
            return name;
        }
        if (iface == null || iface.isEmpty() || nl.link(iface).isEmpty()) {
            throw new NetworkInterfaceNotFound(iface);
        }
        nl.createVlan(name, iface, (int) vlan);
        undo.add(() -> nl.deleteLink(name));
        nl.setUp(name, true);
        if (mtu != null) {
            nl.setMtu(name, mtu);
        }
        return name;
    }

    private void ensureBridgePrivileged(String bridge, String iface, Integer mtu, Undo undo) {
        Optional<Link> existing = nl.link(bridge);
        if (existing.isEmpty()) {
            nl.createBridge(bridge);
            undo.add(() -> nl.deleteLink(bridge));
            nl.disableIpv6(bridge);
            // os-vif's _arp_filtering, then up: one request
            nl.update(bridge, LinkUpdate.create().arpFiltering().up());
        } else if (!"bridge".equals(existing.get().kind())) {
            throw new NetlinkException("ensure bridge", bridge, NetlinkException.Errno.EEXIST,
                    "a device of that name exists and is not a bridge (kind " + existing.get().kind() + ")");
        }
        if (iface == null || iface.isEmpty()) {
            return;
        }
        Link br = existing.isPresent() ? existing.get()
                : nl.link(bridge).orElseThrow(() -> new NetlinkException("RTM_GETLINK", bridge, 19, "vanished"));
        Optional<Link> found = nl.link(iface);
        if (found.isEmpty()) {
            // os-vif: "if interface and ip_lib.exists(interface)": a missing one is passed over.
            return;
        }
        Link in = found.get();
        if (in.masterIndex() != br.index() || !in.up()) {
            nl.update(iface, LinkUpdate.create().master(bridge).up());
            undo.add(() -> nl.update(iface, (in.master() == null ? LinkUpdate.create().noMaster()
                    : LinkUpdate.create().master(in.master())).up(in.up())));
        }
        if (mtu != null && in.mtu() != mtu) {
            nl.setMtu(iface, mtu);
            undo.add(() -> nl.setMtu(iface, in.mtu()));
        }
        updateBridgeRoutes(iface, bridge, undo);
        // Enslaving and the interface's MTU may have moved the bridge's: read it again.
        if (mtu != null && nl.link(bridge).map(Link::mtu).orElse(0).intValue() != mtu) {
            nl.setMtu(bridge, mtu);
            undo.add(() -> nl.setMtu(bridge, br.mtu()));
        }
    }

    /**
     * os-vif's {@code _update_bridge_routes}: the interface's IPv4 routes through a gateway are
     * taken down, its global, permanent, primary IPv4 addresses move to the bridge, and the
     * routes are put back without a device, so that the kernel routes them through the bridge.
     */
    void updateBridgeRoutes(String iface, String bridge, Undo undo) {
        List<Route> old = new ArrayList<>();
        for (Route r : nl.routes(iface)) {
            if (!r.ipv6() && r.table() == Route.MAIN_TABLE && r.gateway() != null) {
                old.add(r);
            }
        }
        for (Route r : old) {
            nl.deleteRoute(r);
            undo.add(() -> addIfMissing(r));
        }
        List<Address> before = nl.addresses(iface);
        undo.add(() -> restoreAddresses(iface, before));
        for (Address a : before) {
            if (!a.isIpv4() || a.scope() != 0 || (a.flags() & Address.SECONDARY) != 0
                    || (a.flags() & Address.PERMANENT) == 0) {
                continue;
            }
            Address moved = new Address(a.local(), a.prefixLength(), a.peer(), a.broadcast(), a.scope(), a.flags(), null);
            // Taking the primary away takes its secondaries with it (as in os-vif).
            nl.deleteAddress(iface, a);
            nl.addAddress(bridge, moved);
            undo.add(() -> nl.deleteAddress(bridge, moved));
        }
        for (Route r : old) {
            Route onBridge = r.withDevice(null);
            nl.addRoute(onBridge);
            undo.add(() -> nl.deleteRoute(onBridge));
        }
    }

    /** Puts back, in their order, the addresses the device had and has lost. */
    private void restoreAddresses(String iface, List<Address> before) {
        List<String> now = new ArrayList<>();
        nl.addresses(iface).forEach(a -> now.add(a.cidr()));
        for (Address a : before) {
            if (a.isIpv4() && !now.contains(a.cidr())) {
                nl.addAddress(iface, a);
            }
        }
    }

    private void addIfMissing(Route r) {
        try {
            nl.addRoute(r);
        } catch (NetlinkException e) {
            if (e.errno() != NetlinkException.Errno.EEXIST) {
                throw e;
            }
        }
    }
}
