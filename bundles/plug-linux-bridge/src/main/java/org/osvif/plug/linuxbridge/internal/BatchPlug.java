package org.osvif.plug.linuxbridge.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.osvif.NetworkInterfaceNotFound;
import org.osvif.netlink.Link;
import org.osvif.netlink.LinkUpdate;
import org.osvif.netlink.Netlink;
import org.osvif.netlink.NetlinkBatch;
import org.osvif.netlink.NetlinkBatch.Reply;
import org.osvif.netlink.NetlinkException;
import org.osvif.plugin.PlugOutcome;

/**
 * The batch path of {@link LinuxNet}: the steps of {@code ensure_bridge} and
 * {@code ensure_vlan_bridge} for many VIFs, with the kernel steps of all their bridges and VLAN
 * devices sent as pipelined netlink requests ({@link NetlinkBatch}), one round per step:
 * <ol>
 * <li>look up every bridge, VLAN device and interface named (one request per distinct name, so
 *     the cost follows the batch, not the number of devices on the host);</li>
 * <li>create the missing VLAN devices and bridges;</li>
 * <li>the new bridges' {@code disable_ipv6}, then their ARP filtering and up, the new VLAN
 *     devices' up and MTU;</li>
 * <li>enslave the interfaces and set their MTU;</li>
 * <li>per bridge, move the interface's addresses and routes (as the single path does);</li>
 * <li>the bridge's MTU where enslaving moved it;</li>
 * <li>per VIF, the iptables rules, as the single path adds them.</li>
 * </ol>
 * VIFs on one bridge with the same set-up share it (it is created once); a VIF that asks for a
 * bridge, interface or VLAN device another VIF of the batch sets up differently goes through the
 * single path afterwards, in order. A failure fails the VIFs of that bridge only, and what was
 * done for the bridge is undone unless one of its VIFs succeeded.
 */
final class BatchPlug {

    private static final int ENOBUFS = 105;

    /**
     * What one VIF asks for.
     *
     * @param bridge the bridge
     * @param iface the flat interface or the VLAN device's parent; null or empty: none
     * @param vlan the VLAN id for a VLAN bridge, else null
     * @param mtu the MTU, or null
     * @param gatewayFiltering the iptables rules to add: true os-vif's gateway rules, false the
     *        VLAN bridge's drop rules, null none
     */
    record Want(String bridge, String iface, Long vlan, Integer mtu, Boolean gatewayFiltering) {

        boolean isVlan() {
            return vlan != null;
        }

        String vlanDevice() {
            return "vlan" + vlan;
        }

        boolean hasIface() {
            return iface != null && !iface.isEmpty();
        }

        /** The device enslaved to the bridge, or null. */
        String port() {
            return isVlan() ? vlanDevice() : hasIface() ? iface : null;
        }

        /** The MTU the bridge and its port get (a VLAN bridge's goes to the VLAN device only). */
        Integer portMtu() {
            return isVlan() ? null : mtu;
        }

        boolean sameSetup(Want o) {
            return bridge.equals(o.bridge) && Objects.equals(iface, o.iface) && Objects.equals(vlan, o.vlan)
                    && Objects.equals(mtu, o.mtu);
        }
    }

    /** A request sent for a group, and what undoes it (null: nothing) once it is done. */
    private record Sent(Reply<Void> reply, Undo.Step undo) {
    }

    /** One bridge of the batch and the VIFs on it. */
    private static final class Group {
        final Want want;
        final List<Integer> vifs = new ArrayList<>();
        final Undo undo = new Undo();
        /** What was sent for it in the current round, each with what undoes it once done. */
        final List<Sent> sent = new ArrayList<>();
        Exception error;
        Link bridge;
        Link parent;
        Link port;
        boolean createdBridge;
        boolean createdVlan;
        Reply<Optional<Link>> readBridge;
        Reply<Optional<Link>> readPort;

        Group(Want want) {
            this.want = want;
        }

        boolean ok() {
            return error == null;
        }

        void fail(Exception e) {
            if (error == null) {
                error = e;
            }
        }

        void send(Reply<Void> r, Undo.Step undoIt) {
            sent.add(new Sent(r, undoIt));
        }

        /**
         * The round's answers: the first refusal fails the group; what was done gets its undo,
         * and so does a request whose ack the kernel dropped ({@code ENOBUFS}: it may have been
         * applied; each undo step is harmless where it was not).
         */
        void answered() {
            for (Sent e : sent) {
                NetlinkException refused = e.reply().error();
                if (refused != null) {
                    fail(refused);
                }
                if (e.undo() != null && (refused == null || refused.errno() == ENOBUFS)) {
                    undo.add(e.undo());
                }
            }
            sent.clear();
        }
    }

    private final LinuxNet net;
    private final Netlink nl;

    BatchPlug(LinuxNet net) {
        this.net = net;
        this.nl = net.nl;
    }

    /**
     * @param wants per VIF, null for a VIF that needs nothing (multi-host, no bridge to provide)
     * @return per VIF, in order
     */
    List<PlugOutcome> plugAll(List<Want> wants) {
        int n = wants.size();
        Exception[] errors = new Exception[n];
        double[] iptablesMs = new double[n];
        Group[] groupOf = new Group[n];
        Map<String, Group> groups = new LinkedHashMap<>();
        List<Integer> alone = group(wants, errors, groupOf, groups);
        long[] t = new long[5];
        t[0] = System.nanoTime();
        List<ReentrantLock> held = net.lockAll(groups.keySet());
        try {
            NetlinkBatch batch = nl.batch();
            lookup(batch, groups.values());
            t[1] = System.nanoTime();
            create(batch, groups.values());
            t[2] = System.nanoTime();
            configure(batch, groups.values());
            ports(batch, groups.values());
            for (Group g : groups.values()) {
                if (g.ok() && g.port != null) {
                    try {
                        net.updateBridgeRoutes(g.port.name(), g.want.bridge(), g.undo);
                    } catch (RuntimeException e) {
                        g.fail(e);
                    }
                }
            }
            bridgeMtu(batch, groups.values());
            t[3] = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Group g = groupOf[i];
                if (g != null && g.ok() && wants.get(i).gatewayFiltering() != null) {
                    long s = System.nanoTime();
                    try {
                        net.iptables.ensureBridgeFiltering(g.want.bridge(), wants.get(i).gatewayFiltering());
                    } catch (Exception e) {
                        if (e instanceof InterruptedException) {
                            Thread.currentThread().interrupt();
                        }
                        errors[i] = e;
                    }
                    iptablesMs[i] = (System.nanoTime() - s) / 1e6;
                }
            }
            for (Group g : groups.values()) {
                settle(g, errors);
            }
        } finally {
            held.forEach(ReentrantLock::unlock);
        }
        t[4] = System.nanoTime();
        double[] aloneMs = new double[n];
        for (int i : alone) {
            long s = System.nanoTime();
            try {
                single(wants.get(i));
            } catch (Exception e) {
                errors[i] = e;
            }
            aloneMs[i] = (System.nanoTime() - s) / 1e6;
        }
        List<PlugOutcome> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (errors[i] != null) {
                out.add(PlugOutcome.failed(errors[i]));
            } else if (groupOf[i] != null) {
                Map<String, Double> p = new LinkedHashMap<>();
                p.put("netlink_lookup", ms(t[1] - t[0]));
                p.put("netlink_create", ms(t[2] - t[1]));
                p.put("netlink_configure", ms(t[3] - t[2]));
                p.put("iptables", round(iptablesMs[i]));
                out.add(PlugOutcome.done(p));
            } else {
                out.add(PlugOutcome.done(wants.get(i) == null ? Map.of() : Map.of("linux", round(aloneMs[i]))));
            }
        }
        return out;
    }

    /** Sorts the VIFs into groups by bridge; returns the VIFs for the single path. */
    private static List<Integer> group(List<Want> wants, Exception[] errors, Group[] groupOf, Map<String, Group> groups) {
        Set<String> claimed = new HashSet<>();
        List<Integer> alone = new ArrayList<>();
        for (int i = 0; i < wants.size(); i++) {
            Want w = wants.get(i);
            if (w == null) {
                continue;
            }
            try {
                Netlink.checkName(w.bridge());
                if (w.hasIface()) {
                    Netlink.checkName(w.iface());
                }
            } catch (NetlinkException e) {
                errors[i] = e;
                continue;
            }
            Group g = groups.get(w.bridge());
            if (g != null) {
                if (g.want.sameSetup(w)) {
                    g.vifs.add(i);
                    groupOf[i] = g;
                } else {
                    alone.add(i);
                }
                continue;
            }
            String port = w.port();
            if (claimed.contains(w.bridge()) || (port != null && claimed.contains(port))) {
                alone.add(i);
                continue;
            }
            claimed.add(w.bridge());
            if (port != null) {
                claimed.add(port);
            }
            g = new Group(w);
            g.vifs.add(i);
            groups.put(w.bridge(), g);
            groupOf[i] = g;
        }
        return alone;
    }

    private static Reply<Optional<Link>> get(NetlinkBatch batch, Map<String, Reply<Optional<Link>>> seen, String name) {
        return seen.computeIfAbsent(name, batch::link);
    }

    /** Round 1: what exists. */
    private static void lookup(NetlinkBatch batch, Iterable<Group> groups) {
        Map<String, Reply<Optional<Link>>> seen = new HashMap<>();
        for (Group g : groups) {
            get(batch, seen, g.want.bridge());
            if (g.want.isVlan()) {
                get(batch, seen, g.want.vlanDevice());
            }
            if (g.want.hasIface()) {
                get(batch, seen, g.want.iface());
            }
        }
        batch.send();
        for (Group g : groups) {
            try {
                Want w = g.want;
                if (w.isVlan()) {
                    Optional<Link> vlan = seen.get(w.vlanDevice()).value();
                    if (vlan.isPresent()) {
                        g.port = vlan.get();
                    } else {
                        Optional<Link> parent = w.hasIface() ? seen.get(w.iface()).value() : Optional.empty();
                        g.parent = parent.orElseThrow(() -> new NetworkInterfaceNotFound(w.iface()));
                    }
                } else if (w.hasIface()) {
                    // os-vif: "if interface and ip_lib.exists(interface)": a missing one is passed over.
                    g.port = seen.get(w.iface()).value().orElse(null);
                }
                Optional<Link> br = seen.get(w.bridge()).value();
                if (br.isPresent() && !"bridge".equals(br.get().kind())) {
                    throw new NetlinkException("ensure bridge", w.bridge(), NetlinkException.Errno.EEXIST,
                            "a device of that name exists and is not a bridge (kind " + br.get().kind() + ")");
                }
                g.bridge = br.orElse(null);
            } catch (RuntimeException e) {
                g.fail(e);
            }
        }
    }

    /** Undoes a creation, also one whose ack was lost (and so may not have happened). */
    private void deleteIfPresent(String name) {
        if (nl.link(name).isPresent()) {
            nl.deleteLink(name);
        }
    }

    /** Round 2: the missing VLAN devices and bridges. */
    private void create(NetlinkBatch batch, Iterable<Group> groups) {
        for (Group g : groups) {
            if (!g.ok()) {
                continue;
            }
            Want w = g.want;
            try {
                if (w.isVlan() && g.port == null) {
                    g.send(batch.createVlan(w.vlanDevice(), g.parent, (int) (long) w.vlan()), () -> deleteIfPresent(w.vlanDevice()));
                    g.createdVlan = true;
                }
                if (g.bridge == null) {
                    g.send(batch.createBridge(w.bridge()), () -> deleteIfPresent(w.bridge()));
                    g.createdBridge = true;
                }
            } catch (RuntimeException e) {
                g.fail(e);
            }
        }
        batch.send();
        groups.forEach(Group::answered);
    }

    /**
     * Round 3: {@code disable_ipv6} of the new bridges before they go up (as the single path, so
     * that they never get an IPv6 link-local address), then ARP filtering and up, the new VLAN
     * devices up and their MTU; and the state of what was created, for the ports.
     */
    private void configure(NetlinkBatch batch, Iterable<Group> groups) {
        try {
            nl.inNamespace(() -> {
                for (Group g : groups) {
                    if (g.ok() && g.createdBridge) {
                        try {
                            nl.disableIpv6(g.want.bridge());
                        } catch (RuntimeException e) {
                            g.fail(e);
                        }
                    }
                }
                return null;
            });
        } catch (Exception e) {
            groups.forEach(g -> g.fail(e));
        }
        for (Group g : groups) {
            if (!g.ok()) {
                continue;
            }
            Want w = g.want;
            if (g.createdVlan) {
                g.send(batch.update(w.vlanDevice(), LinkUpdate.create().up()), null);
                if (w.mtu() != null) {
                    g.send(batch.update(w.vlanDevice(), LinkUpdate.create().mtu(w.mtu())), null);
                }
                g.readPort = batch.link(w.vlanDevice());
            }
            if (g.createdBridge) {
                // os-vif's _arp_filtering, then up: one request
                g.send(batch.update(w.bridge(), LinkUpdate.create().arpFiltering().up()), null);
                if (w.port() != null) {
                    g.readBridge = batch.link(w.bridge());
                }
            }
        }
        batch.send();
        for (Group g : groups) {
            g.answered();
            g.port = read(g, g.readPort, g.port);
            g.bridge = read(g, g.readBridge, g.bridge);
            g.readPort = null;
            g.readBridge = null;
        }
    }

    private static Link read(Group g, Reply<Optional<Link>> r, Link otherwise) {
        if (r == null || !g.ok()) {
            return otherwise;
        }
        if (!r.ok()) {
            g.fail(r.error());
            return otherwise;
        }
        return r.value().orElse(null);
    }

    /** Round 4: the interface (or VLAN device) into the bridge, up, and its MTU. */
    private void ports(NetlinkBatch batch, Iterable<Group> groups) {
        for (Group g : groups) {
            if (!g.ok() || g.port == null) {
                continue;
            }
            if (g.bridge == null) {
                g.fail(new NetlinkException("RTM_GETLINK", g.want.bridge(), NetlinkException.Errno.ENODEV, "vanished"));
                continue;
            }
            Link in = g.port;
            int br = g.bridge.index();
            if (in.masterIndex() != br || !in.up()) {
                LinkUpdate back = (in.masterIndex() == 0 ? LinkUpdate.create().noMaster()
                        : LinkUpdate.create().masterIndex(in.masterIndex())).up(in.up());
                g.send(batch.update(in.name(), LinkUpdate.create().masterIndex(br).up()), () -> nl.update(in.name(), back));
            }
            Integer mtu = g.want.portMtu();
            if (mtu != null && in.mtu() != mtu) {
                g.send(batch.update(in.name(), LinkUpdate.create().mtu(mtu)), () -> nl.setMtu(in.name(), in.mtu()));
            }
        }
        batch.send();
        groups.forEach(Group::answered);
    }

    /** Round 6: enslaving and the interface's MTU may have moved the bridge's: read it again, set it. */
    private void bridgeMtu(NetlinkBatch batch, Iterable<Group> groups) {
        List<Group> asked = new ArrayList<>();
        for (Group g : groups) {
            if (g.ok() && g.port != null && g.want.portMtu() != null) {
                g.readBridge = batch.link(g.want.bridge());
                asked.add(g);
            }
        }
        if (asked.isEmpty()) {
            return;
        }
        batch.send();
        for (Group g : asked) {
            Link before = g.bridge;
            Link now = read(g, g.readBridge, null);
            g.readBridge = null;
            int mtu = g.want.portMtu();
            if (g.ok() && (now == null || now.mtu() != mtu)) {
                g.send(batch.update(g.want.bridge(), LinkUpdate.create().mtu(mtu)), () -> nl.setMtu(g.want.bridge(), before.mtu()));
            }
        }
        batch.send();
        asked.forEach(Group::answered);
    }

    /**
     * A failed bridge fails its VIFs and is undone; a bridge all of whose VIFs failed (at their
     * iptables rules) is undone too, as each of their single plugs would have undone it.
     */
    private static void settle(Group g, Exception[] errors) {
        Exception cause = g.error;
        if (cause == null) {
            for (int i : g.vifs) {
                if (errors[i] == null) {
                    return;
                }
            }
            cause = errors[g.vifs.get(0)];
        } else {
            for (int i : g.vifs) {
                errors[i] = cause;
            }
        }
        g.undo.undo(cause);
    }

    private void single(Want w) throws Exception {
        if (w.isVlan()) {
            net.ensureVlanBridge(w.vlan(), w.bridge(), w.iface(), w.mtu());
        } else {
            net.ensureBridge(w.bridge(), w.iface(), Boolean.TRUE.equals(w.gatewayFiltering()), w.mtu());
        }
    }

    private static double ms(long nanos) {
        return round(nanos / 1e6);
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }
}
