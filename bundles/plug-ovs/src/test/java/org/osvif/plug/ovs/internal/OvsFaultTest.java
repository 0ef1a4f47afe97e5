package org.osvif.plug.ovs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.osvif.PlugRequest;
import org.osvif.plugin.PlugOutcome;

import org.osvif.netlink.Netlink;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.Network;
import org.osvif.objects.VIFOpenVSwitch;
import org.osvif.objects.VIFPortProfileOpenVSwitch;
import org.osvif.ovsdb.OvsdbClient;
import org.osvif.ovsdb.Replica;
import org.osvif.ovsdb.Row;
import org.osvif.ovsdb.Uuid;
import org.osvif.testsupport.OvsSandbox;

/**
 * ovsdb-server killed (SIGKILL, by its pidfile) and restarted on the same database file and
 * socket while several threads plug distinct VIFs through the real plugin. Every plug must
 * return or throw within the configured timeout, the client must reconnect, nothing may be
 * applied twice (no port in two bridges, no second QoS row for a port: QoS rows are roots with
 * no unique index, so a resent insert would show there), and every plug reported done must be
 * in OVSDB afterwards. Three ways: single plugs from each thread (which the committer coalesces),
 * batches of plugs, and batches of plugs each followed by the batch's unplug (so unplugs are in
 * flight at the kills too; every unplug reported done must have left nothing).
 */
class OvsFaultTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Past the plugin's own deadline: MTU on a missing device, thread scheduling. */
    private static final Duration SLACK = Duration.ofSeconds(5);
    private static final InstanceInfo INSTANCE = OvsInteropTest.INSTANCE;
    /** At least this many plugs; the threads go on plugging fresh VIFs until the kills are over. */
    private static final int VIFS = 240;
    /** and at most this many. */
    private static final int MAX_VIFS = 3000;
    private static final int THREADS = 6;
    private static final int KILLS = 2;

    private static final int BATCH = 16;

    /** How the threads call the plugin. */
    enum Mode {
        SINGLE, BATCH, BATCH_WITH_UNPLUG
    }

    /** One VIF's call: when it ran and how it ended (for an unplug mode, its unplug). */
    private record Outcome(long start, long end, Exception error) {
    }

    static VIFOpenVSwitch vif(int i) {
        // even: netdev on br-int; odd: system datapath on br-sys, where default_qos_type applies
        boolean system = i % 2 == 1;
        String bridge = system ? "br-sys" : "br-int";
        VIFPortProfileOpenVSwitch p = new VIFPortProfileOpenVSwitch.Plain()
                .interfaceId(String.format("e65867e0-9340-4a7f-a256-0000000%05d", i)).profileId("")
                .datapathType(system ? "system" : "netdev").createPort(true).build();
        return VIFOpenVSwitch.builder().id(String.format("b679325f-ca89-4ee0-a8be-0000000%05d", i))
                .address(String.format("ca:fe:00:00:%02x:%02x", i >> 8, i & 0xff))
                .network(Network.builder().id("437c6db5-4e6f-4b43-b64b-ed6a11ee5ba7").bridge(bridge).build())
                .plugin("ovs").vifName(String.format("tf%05d", i)).bridgeName(bridge).portProfile(p).build();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void ovsdbServerKilledWhilePlugsAreInFlight(Mode mode) throws Exception {
        try (OvsSandbox ovs = OvsSandbox.start(true); Netlink nl = Netlink.open(ovs.netns)) {
            OvsPlugin plugin = new OvsPlugin(new Settings(1500, TIMEOUT, ovs.db, false, false, "linux-noop", true),
                    new NetlinkLinuxNet(nl), new PciSysfs(Path.of("/nonexistent-sys")));
            try {
                OvsdbClient client = plugin.client();
                client.await(TIMEOUT);
                Map<Integer, Outcome> outcomes = plugAllWhileKilling(ovs, plugin, client, mode);

                List<Integer> all = new ArrayList<>(outcomes.keySet());
                List<Integer> plugged = new ArrayList<>();
                List<Exception> errors = new ArrayList<>();
                outcomes.forEach((i, o) -> {
                    assertThat(Duration.ofNanos(o.end() - o.start())).as("plug %d took", i)
                            .isLessThan(TIMEOUT.plus(SLACK));
                    if (o.error() == null) {
                        if (mode != Mode.BATCH_WITH_UNPLUG) {
                            plugged.add(i);
                        }
                    } else {
                        errors.add(o.error());
                    }
                });
                assertThat(outcomes.size()).isBetween(VIFS - BATCH, MAX_VIFS);
                for (Exception e : errors) {
                    assertThat(e.getMessage()).as("a failed plug says why").isNotBlank();
                }
                try (OvsdbClient fresh = OvsdbClient.connect(ovs.db, OvsdbClient.options())) {
                    fresh.await(TIMEOUT);
                    Replica db = fresh.replica();
                    assertNothingTwice(db);
                    for (int i : plugged) {
                        assertPlugged(db, i);
                    }
                    if (mode == Mode.BATCH_WITH_UNPLUG) {
                        outcomes.forEach((i, o) -> {
                            if (o.error() == null) {
                                assertThat(db.byName("Port", vif(i).vifName())).as("unplugged %d", i).isEmpty();
                            }
                        });
                    }
                }
                // A host restart: everything plugged again, failed ones included; still nothing twice.
                if (mode == Mode.SINGLE) {
                    for (int i : all) {
                        plugin.plug(vif(i), INSTANCE);
                    }
                } else {
                    assertThat(plugin.plugAll(requests(all))).allMatch(o -> o.error() == null);
                }
                try (OvsdbClient fresh = OvsdbClient.connect(ovs.db, OvsdbClient.options())) {
                    fresh.await(TIMEOUT);
                    assertNothingTwice(fresh.replica());
                    for (int i : all) {
                        assertPlugged(fresh.replica(), i);
                    }
                    assertThat(fresh.replica().rows("QoS")).hasSize((int) all.stream().filter(i -> i % 2 == 1).count());
                }
                if (mode == Mode.SINGLE) {
                    for (int i : all) {
                        plugin.unplug(vif(i), INSTANCE);
                    }
                } else {
                    assertThat(plugin.unplugAll(requests(all))).allMatch(o -> o.error() == null);
                }
                try (OvsdbClient fresh = OvsdbClient.connect(ovs.db, OvsdbClient.options())) {
                    fresh.await(TIMEOUT);
                    assertThat(fresh.replica().rows("Port")).extracting(r -> r.string("name"))
                            .containsExactlyInAnyOrder("br-int", "br-sys");
                    assertThat(fresh.replica().rows("QoS")).isEmpty();
                }
            } finally {
                plugin.close();
            }
        }
    }

    /**
     * Plugs VIFs from {@link #THREADS} threads until the {@link #KILLS} kills and restarts of
     * ovsdb-server are over (and at least {@link #VIFS}), so that plugs are in flight at each kill
     * however long killing and restarting take.
     */
    static List<PlugRequest> requests(List<Integer> is) {
        List<PlugRequest> out = new ArrayList<>();
        for (int i : is) {
            out.add(new PlugRequest(vif(i), INSTANCE));
        }
        return out;
    }

    private static Map<Integer, Outcome> plugAllWhileKilling(OvsSandbox ovs, OvsPlugin plugin, OvsdbClient client,
            Mode mode) throws Exception {
        Map<Integer, Outcome> outcomes = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean killing = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<CountDownLatch> milestones = new ArrayList<>();
        for (int k = 1; k <= KILLS; k++) {
            milestones.add(new CountDownLatch(k * VIFS / (KILLS + 2)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<long[]> kills = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                pool.execute(() -> {
                    int i;
                    int step = mode == Mode.SINGLE ? 1 : BATCH;
                    while ((i = next.getAndAdd(step)) < MAX_VIFS && (i < VIFS || killing.get())) {
                        if (mode == Mode.SINGLE) {
                            long start = System.nanoTime();
                            Exception error = null;
                            try {
                                plugin.plug(vif(i), INSTANCE);
                            } catch (Exception e) {
                                error = e;
                            }
                            outcomes.put(i, new Outcome(start, System.nanoTime(), error));
                            milestones.forEach(CountDownLatch::countDown);
                            continue;
                        }
                        List<Integer> is = new ArrayList<>();
                        for (int k = i; k < Math.min(i + BATCH, MAX_VIFS); k++) {
                            is.add(k);
                        }
                        long start = System.nanoTime();
                        List<PlugOutcome> r = plugin.plugAll(requests(is));
                        if (mode == Mode.BATCH_WITH_UNPLUG) {
                            r = plugin.unplugAll(requests(is));
                        }
                        long end = System.nanoTime();
                        for (int k = 0; k < is.size(); k++) {
                            outcomes.put(is.get(k), new Outcome(start, end, r.get(k).error()));
                            milestones.forEach(CountDownLatch::countDown);
                        }
                    }
                });
            }
            for (CountDownLatch m : milestones) {
                assertThat(m.await(TIMEOUT.toSeconds() * 4, TimeUnit.SECONDS)).as("plugs progress").isTrue();
                long generation = client.replica().generation();
                ovs.killOvsdb();
                long killed = System.nanoTime(); // it is gone now
                ovs.startOvsdb();
                long restarted = System.nanoTime();
                assertThat(client.awaitReplica(r -> r.generation() > generation, TIMEOUT))
                        .as("the client reconnects and resynchronizes").isTrue();
                kills.add(new long[] {killed, restarted});
            }
            killing.set(false);
            pool.shutdown();
            long bound = (MAX_VIFS / THREADS + 1) * TIMEOUT.plus(SLACK).toSeconds();
            assertThat(pool.awaitTermination(bound, TimeUnit.SECONDS)).as("every plug call ends").isTrue();
        } finally {
            pool.shutdownNow();
        }
        // the kills hit plugs in flight: some call started before the server was gone and ended after its restart
        assertThat(kills).allSatisfy(k -> assertThat(outcomes.values())
                .anyMatch(o -> o.start() < k[0] && o.end() > k[1]));
        return outcomes;
    }

    /** No port in two bridges, no interface in two ports, no name twice, one QoS row per QoS'd port. */
    private static void assertNothingTwice(Replica db) {
        Map<Uuid, Integer> portRefs = new HashMap<>();
        for (Row b : db.rows("Bridge")) {
            b.set("ports").forEach(p -> portRefs.merge((Uuid) p, 1, Integer::sum));
        }
        assertThat(portRefs.values()).as("ports referenced by more than one bridge").allMatch(n -> n == 1);
        Map<Uuid, Integer> ifaceRefs = new HashMap<>();
        Map<Uuid, Integer> qosRefs = new HashMap<>();
        for (Row p : db.rows("Port")) {
            p.set("interfaces").forEach(i -> ifaceRefs.merge((Uuid) i, 1, Integer::sum));
            p.set("qos").forEach(q -> qosRefs.merge((Uuid) q, 1, Integer::sum));
        }
        assertThat(ifaceRefs.values()).allMatch(n -> n == 1);
        assertThat(qosRefs.values()).allMatch(n -> n == 1);
        for (String table : List.of("Bridge", "Port", "Interface")) {
            assertThat(db.rows(table).stream().map(r -> r.string("name")).distinct().count())
                    .as("distinct names in %s", table).isEqualTo(db.rows(table).size());
        }
        assertThat(db.rows("QoS")).as("QoS rows, each a port's").hasSize(qosRefs.size());
        assertThat(db.rows("QoS").stream().map(q -> q.map("external_ids").get("id")).distinct().count())
                .isEqualTo(db.rows("QoS").size());
    }

    private static void assertPlugged(Replica db, int i) {
        VIFOpenVSwitch v = vif(i);
        Row port = db.byName("Port", v.vifName()).orElseThrow(() -> new AssertionError(v.vifName() + " missing"));
        Row bridge = db.byName("Bridge", v.network().bridge()).orElseThrow();
        assertThat(bridge.set("ports")).as("%s on %s", v.vifName(), bridge.string("name")).contains(port.uuid());
        Row iface = db.byName("Interface", v.vifName()).orElseThrow();
        assertThat(port.set("interfaces")).containsExactly(iface.uuid());
        assertThat(iface.map("external_ids")).containsEntry("iface-id",
                ((VIFPortProfileOpenVSwitch) v.portProfile()).interfaceId()).containsEntry("attached-mac", v.address());
        if (i % 2 == 1) {
            assertThat(port.set("qos")).hasSize(1);
            Row qos = db.row("QoS", (Uuid) port.set("qos").iterator().next()).orElseThrow();
            assertThat(qos.map("external_ids")).containsEntry("id", OvsPlugin.qosId(v.vifName()).toString());
        } else {
            assertThat(port.set("qos")).isEmpty();
        }
    }
}
