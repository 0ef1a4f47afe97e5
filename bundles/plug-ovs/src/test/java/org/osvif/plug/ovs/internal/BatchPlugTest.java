package org.osvif.plug.ovs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.osvif.plug.ovs.internal.OvsInteropTest.spec;
import static org.osvif.plug.ovs.internal.OvsInteropTest.vif;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.osvif.PlugRequest;
import org.osvif.objects.VIFBase;
import org.osvif.plugin.PlugOutcome;

/**
 * The plugin's batch path without root: an in-memory database and a Linux side that only
 * records, so the batching, each VIF's own outcome and the undo of a failed VIF are checked
 * exactly (transactions counted by the plugin's committer).
 */
class BatchPlugTest {

    /** Devices exist once "created"; setMtu on a device named in {@code failMtu} fails. */
    static class FakeLinux implements LinuxNet {
        final Set<String> devices = ConcurrentHashMap.newKeySet();
        final Set<String> failMtu = ConcurrentHashMap.newKeySet();
        final java.util.Map<String, String> peers = new ConcurrentHashMap<>();
        /** How many steps each {@link #run} call was given. */
        final List<Integer> runs = new java.util.concurrent.CopyOnWriteArrayList<>();

        /** The names each {@link #lookup} call was given. */
        final List<List<String>> lookups = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public java.util.function.Predicate<String> lookup(List<String> devs) {
            lookups.add(devs);
            Set<String> present = Set.copyOf(devices);
            return dev -> devs.contains(dev) ? present.contains(dev) : exists(dev);
        }

        @Override
        public List<RuntimeException> run(List<Step> steps) {
            runs.add(steps.size());
            return LinuxNet.super.run(steps);
        }

        @Override
        public boolean exists(String dev) {
            return devices.contains(dev);
        }

        @Override
        public void setMtu(String dev, long mtu) {
            if (failMtu.contains(dev)) {
                throw new IllegalStateException("no MTU for " + dev);
            }
        }

        @Override
        public void setState(String dev, boolean up) {
        }

        @Override
        public void delete(String dev) {
            devices.remove(dev);
            // a veth pair goes with either end
            String peer = peers.remove(dev);
            if (peer != null) {
                devices.remove(peer);
                peers.remove(peer);
            }
        }

        @Override
        public void ensureBridge(String bridge) {
            devices.add(bridge);
        }

        @Override
        public void createVethPair(String dev1, String dev2, long mtu) {
            devices.add(dev1);
            devices.add(dev2);
            peers.put(dev1, dev2);
            peers.put(dev2, dev1);
        }

        @Override
        public void addBridgePort(String bridge, String dev) {
        }

        @Override
        public void deleteBridge(String bridge, String dev) {
            devices.remove(bridge);
        }

        @Override
        public void createTap(String dev, long mtu, String mac, boolean multiqueue) {
            devices.add(dev);
        }
    }

    static final Settings SETTINGS = new Settings(1500, Duration.ofSeconds(10), "unused", false, false, null);

    static OvsPlugin plugin(MemDb db, LinuxNet linux, int maxBatch) {
        return new OvsPlugin(SETTINGS, new GroupCommit(db, SETTINGS.timeout(), true, maxBatch), linux,
                new PciSysfs(java.nio.file.Path.of("/nonexistent-sys")));
    }

    static List<PlugRequest> requests(List<VIFBase> vifs) {
        List<PlugRequest> out = new ArrayList<>();
        for (VIFBase v : vifs) {
            out.add(new PlugRequest(v, OvsInteropTest.INSTANCE));
        }
        return out;
    }

    static VIFBase ovs(int n) {
        return vif(spec("plug", "ovs", n, "br-int", 1450L, "netdev", true));
    }

    @Test
    void aBatchIsOneTransactionAndEachVifGetsPhases() {
        MemDb db = new MemDb();
        FakeLinux linux = new FakeLinux();
        OvsPlugin p = plugin(db, linux, 256);
        List<VIFBase> vifs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            vifs.add(ovs(i));
        }
        List<PlugOutcome> out = p.plugAll(requests(vifs));
        assertThat(out).hasSize(100).allMatch(o -> o.error() == null);
        assertThat(out.get(0).phases()).containsKeys("queue", "build", "commit", "wait", "linux");
        assertThat(p.transactions()).isEqualTo(1);
        // the 100 MTU steps after the commit went to the Linux side together
        assertThat(linux.runs).containsExactly(100);
        for (int i = 0; i < 100; i++) {
            assertThat(db.named("Port", "tap-i" + i)).isEqualTo(1);
        }
        // the same batch again changes nothing and sends nothing
        assertThat(p.plugAll(requests(vifs))).allMatch(o -> o.error() == null);
        assertThat(p.transactions()).isEqualTo(1);
        assertThat(p.unplugAll(requests(vifs))).allMatch(o -> o.error() == null);
        assertThat(p.transactions()).isEqualTo(2);
        // the re-plug's MTU steps, then the unplug's device deletions, each batch's in one call
        assertThat(linux.runs).containsExactly(100, 100, 100);
        assertThat(db.rows("Port")).extracting(r -> r.get("name")).containsExactly("br-int");
        p.close();
    }

    @Test
    void aBatchUnplugLooksUpTheHybridBridgesTogether() {
        MemDb db = new MemDb();
        FakeLinux linux = new FakeLinux();
        OvsPlugin p = plugin(db, linux, 256);
        // ids that differ in their first 11 characters, which the hybrid names keep
        List<VIFBase> vifs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            java.util.Map<String, Object> s = spec("plug", "ovs", i, "br-int", 1450L, "netdev", true);
            s.put("id", String.format("%08x-ca89-4ee0-a8be-6db1409b0000", 0x1000_0000 + i));
            vifs.add(vif(s));
        }
        assertThat(p.plugAll(requests(vifs))).allMatch(o -> o.error() == null);
        // VIF 1 was hybrid-plugged once: its qbr and veth pair are there, and os-vif's unplug of
        // a VIFOpenVSwitch then takes the hybrid path
        PortNames one = new PortNames(vifs.get(1).id());
        linux.ensureBridge(one.qbr());
        linux.createVethPair(one.qvb(), one.qvo(), 1450);
        linux.devices.add("tap-i0");

        assertThat(p.unplugAll(requests(vifs))).allMatch(o -> o.error() == null);
        assertThat(linux.lookups).containsExactly(
                vifs.stream().map(v -> new PortNames(v.id()).qbr()).toList());
        // VIF 1's bridge and pair went (hybrid path), VIF 0's tap went (plain path); as in
        // os-vif, the hybrid path removes the qvo port, so VIF 1's own port stays
        assertThat(linux.devices).isEmpty();
        assertThat(db.rows("Port")).extracting(r -> r.get("name")).containsExactlyInAnyOrder("br-int", "tap-i1");
        p.close();
    }

    @Test
    void whenTheLinuxSideBreaksAfterTheCommitNoVifStaysHalfPlugged() {
        MemDb db = new MemDb();
        FakeLinux linux = new FakeLinux() {
            @Override
            public List<RuntimeException> run(List<Step> steps) {
                throw new IllegalStateException("netlink socket closed");
            }
        };
        OvsPlugin p = plugin(db, linux, 256);
        List<PlugOutcome> out = p.plugAll(requests(List.of(ovs(0), ovs(1), ovs(2))));
        assertThat(out).allSatisfy(o -> assertThat(o.error()).hasMessageContaining("netlink socket closed"));
        // the ports the commit made were removed again
        assertThat(db.rows("Port")).extracting(r -> r.get("name")).containsExactly("br-int");
        p.close();
    }

    @Test
    void theCapCutsABatchIntoTransactions() {
        MemDb db = new MemDb();
        OvsPlugin p = plugin(db, new FakeLinux(), 10);
        List<VIFBase> vifs = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            vifs.add(ovs(i));
        }
        assertThat(p.plugAll(requests(vifs))).allMatch(o -> o.error() == null);
        // queued at once, taken at most 10 at a time
        assertThat(p.transactions()).isEqualTo(4);
        p.close();
    }

    @Test
    void aBadVifFailsAloneAndAFailedLinuxStepUndoesItsPortOnly() {
        MemDb db = new MemDb();
        FakeLinux linux = new FakeLinux();
        OvsPlugin p = plugin(db, linux, 256);
        List<VIFBase> vifs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            vifs.add(ovs(i));
        }
        // a vhost-user VIF whose network MTU OVSDB refuses as mtu_request
        vifs.add(vif(spec("plug", "vhostuser", 10, "br-int", -1L, null, null)));
        linux.failMtu.add("tap-i3");
        List<PlugOutcome> out = p.plugAll(requests(vifs));
        for (int i = 0; i < 10; i++) {
            if (i == 3) {
                assertThat(out.get(i).error()).hasMessageContaining("no MTU for tap-i3");
                assertThat(db.named("Port", "tap-i3")).isZero();
            } else {
                assertThat(out.get(i).error()).isNull();
                assertThat(db.named("Port", "tap-i" + i)).isEqualTo(1);
            }
        }
        assertThat(out.get(10).error()).hasMessageContaining("constraint violation");
        assertThat(db.named("Port", new PortNames(vifs.get(10).id()).vhu())).isZero();
        p.close();
    }

    @Test
    void aHybridPlugWhoseTransactionFailsLeavesNoLinuxDevices() {
        MemDb db = new MemDb() {
            @Override
            public java.util.List<java.util.Map<String, Object>> transact(java.util.List<org.osvif.ovsdb.Op> ops,
                    Duration timeout) {
                throw new org.osvif.ovsdb.OvsdbErrorException("transact", "referential integrity violation", "x", 0);
            }
        };
        FakeLinux linux = new FakeLinux();
        OvsPlugin p = plugin(db, linux, 256);
        java.util.Map<String, Object> s = spec("plug", "bridge", 1, "br-int", 1450L, null, null);
        s.put("linux_bridge", "qbr-test1");
        List<PlugOutcome> out = p.plugAll(requests(List.of(vif(s), ovs(2))));
        assertThat(out).allMatch(o -> o.error() != null);
        assertThat(linux.devices).isEmpty();
        p.close();
    }

}
