package org.osvif.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.osvif.OsVif;
import org.osvif.PlugRequest;
import org.osvif.VifResult;
import org.osvif.netlink.Netlink;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.Network;
import org.osvif.objects.VIFBase;
import org.osvif.objects.VIFBridge;
import org.osvif.objects.VIFOpenVSwitch;
import org.osvif.objects.VIFPortProfileOpenVSwitch;

/**
 * {@code osvif bench plug}: plugs then unplugs N fresh VIFs through {@link OsVif} in the
 * container (the plugin as a host agent meets it), one at a time, in batches of K
 * ({@link OsVif#plugAll}), or from C concurrent clients each plugging one VIF at a time, and
 * prints latency percentiles, the mean per VIF (wall time / N) and the median batch.
 */
final class BenchPlug implements Command {

    static final List<String> PLUGINS = List.of("linux_bridge", "ovs");

    @Override
    public String name() {
        return "bench plug";
    }

    @Override
    public String summary() {
        return "time plug and unplug of fresh VIFs through a real plugin (one JSON line)";
    }

    @Override
    public String help() {
        return "usage: osvif bench plug --plugin linux_bridge|ovs [--count N] [--warmup W] [--batch K | --clients C]\n"
                + "                        [--only plug|unplug] [--set org.osvif.plug.ovs.KEY=VALUE]...\n\n"
                + "Plugs N fresh VIFs (default 200) through the plugin in the container (OsVif), then unplugs them,\n"
                + "after a warm-up of W VIFs, plugged and unplugged the same way and not counted (default 100 for\n"
                + "linux_bridge, min(N, 1000) for ovs), then a full garbage collection: a host agent is a long-running\n"
                + "JVM, whose plug path is compiled and whose heap holds no garbage of the container's start.\n"
                + "  --batch K    K VIFs per OsVif.plugAll call (default 1: one plug call after the other)\n"
                + "  --clients C  C threads, each plugging its share of the VIFs one at a time (concurrent callers;\n"
                + "               the ovs plugin commits what they have in flight together)\n"
                + "Prints one JSON line: impl, plugin, n, batch, clients, plug_ms_median, plug_ms_p99, plug_ms_mean\n"
                + "(per VIF: how long its caller waited), per_vif_ms_mean (wall time / N), batch_ms_median,\n"
                + "plug_s_total, and the same for unplug (unplug_ms_median, ..., unplug_per_vif_ms_mean). Batched, also\n"
                + "phases_per_vif_ms (unplug_phases_per_vif_ms): the plugin's phases over the run divided by N, a\n"
                + "transaction's (ovs: queue, build, commit, wait) counted once per batch, linux per VIF, and other (the\n"
                + "rest of the wall time: the core, the plugin's own work between phases), so they add up to per_vif_ms_mean.\n"
                + "linux_bridge: a new bridge per VIF, MTU 1450, no bridge interface, filtering by Neutron (no iptables\n"
                + "rules), against this network namespace (run it in one: ip netns exec NS osvif bench plug ...); the\n"
                + "bridges (which os-vif's unplug leaves) are removed afterwards.\n"
                + "ovs: VIFOpenVSwitch with create_port on bridge br-int, netdev datapath, against the configured\n"
                + "ovsdb_connection (etc/org.osvif.plug.ovs.cfg or --set). VIF i is the same VIF in every run (ids derived\n"
                + "from i), so --only plug on VIFs a previous run left plugged measures a re-plug (a host restart);\n"
                + "--only unplug removes them.\n";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out) throws Exception {
        String plugin = null;
        int count = 200;
        int warmup = -1;
        int batch = 1;
        int clients = 0;
        String only = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--plugin" -> plugin = ObjectsConvert.value(args, ++i, a);
                case "--count" -> count = count(ObjectsConvert.value(args, ++i, a), a, 1);
                case "--warmup" -> warmup = count(ObjectsConvert.value(args, ++i, a), a, 0);
                case "--batch" -> batch = count(ObjectsConvert.value(args, ++i, a), a, 1);
                case "--clients" -> clients = count(ObjectsConvert.value(args, ++i, a), a, 1);
                case "--only" -> only = ObjectsConvert.value(args, ++i, a);
                default -> throw new UsageException("bench plug: unknown argument '" + a + "' (see --help)");
            }
        }
        if (plugin == null) {
            throw new UsageException("bench plug: --plugin is required (" + String.join(", ", PLUGINS) + ")");
        }
        if (!PLUGINS.contains(plugin)) {
            throw new UsageException("--plugin: no benchmark for plugin '" + plugin + "' (" + String.join(", ", PLUGINS) + ")");
        }
        if (only != null && !only.equals("plug") && !only.equals("unplug")) {
            throw new UsageException("bench plug: --only must be plug or unplug, not '" + only + "'");
        }
        if (clients > 0 && batch > 1) {
            throw new UsageException("bench plug: --batch and --clients exclude each other");
        }
        boolean ovs = plugin.equals("ovs");
        if (warmup < 0) {
            // Enough for the JIT to have compiled the plug path: with 200, the first timed
            // batches still ran interpreted code (build and the client's JSON 2x slower).
            warmup = ovs ? Math.min(count, 1000) : 100;
        }
        int run = (int) (ProcessHandle.current().pid() & 0xffff);
        IntFunction<VIFBase> vifs = ovs ? BenchPlug::ovsVif : i -> bridgeVif(run, i);
        List<VIFBase> warm = new ArrayList<>();
        for (int i = 0; i < warmup; i++) {
            warm.add(vifs.apply(100_000 + i));
        }
        List<VIFBase> timed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            timed.add(vifs.apply(i));
        }
        Mode mode = new Mode(batch, clients);
        try (Embedded e = Embedded.start()) {
            OsVif osvif = e.osVif;
            Timing plug = null;
            Timing unplug = null;
            try {
                mode.time(osvif, warm, true);
                mode.time(osvif, warm, false);
                // The container's start leaves its garbage in the young generation; its first
                // collection (tens of ms on SerialGC) would otherwise fall into the timed run.
                System.gc();
                if (!"unplug".equals(only)) {
                    plug = mode.time(osvif, timed, true);
                }
                if (!"plug".equals(only)) {
                    unplug = mode.time(osvif, timed, false);
                }
            } finally {
                if (!ovs) {
                    removeBridges(warm);
                    removeBridges(timed);
                }
            }
            StringBuilder json = new StringBuilder(String.format(Locale.ROOT,
                    "{\"impl\": \"osvif-java\", \"plugin\": \"%s\", \"n\": %d, \"batch\": %d, \"clients\": %d", plugin, count,
                    batch, clients));
            if (plug != null) {
                plug.json(json, "plug", "");
            }
            if (unplug != null) {
                unplug.json(json, "unplug", "unplug_");
            }
            out.println(json.append('}'));
        }
        return 0;
    }

    private static int count(String v, String opt, int min) {
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException(opt + ": expected a count in " + min + "..1000000, got '" + v + "'");
    }

    static final InstanceInfo INSTANCE = InstanceInfo.builder().uuid("f0000000-0000-0000-0000-0000000000b1").name("vm1")
            .projectId("p1").build();

    /** What one timed round measured. */
    record Timing(double[] perVif, double[] batches, double wallMs, Map<String, Double> phases) {
        void json(StringBuilder json, String what, String prefix) {
            json.append(String.format(Locale.ROOT, ", \"%s_ms_median\": %.3f, \"%s_ms_p99\": %.3f, \"%s_ms_mean\": %.3f, "
                    + "\"%sper_vif_ms_mean\": %.3f, \"%sbatch_ms_median\": %.3f, \"%s_s_total\": %.2f",
                    what, median(perVif), what, quantile(perVif, .99), what, mean(perVif), prefix, wallMs / perVif.length,
                    prefix, median(batches), what, wallMs / 1e3));
            if (!phases.isEmpty()) {
                json.append(", \"").append(prefix).append("phases_per_vif_ms\": {");
                String sep = "";
                for (Map.Entry<String, Double> e : phases.entrySet()) {
                    json.append(sep).append(String.format(Locale.ROOT, "\"%s\": %.3f", e.getKey(), e.getValue() / perVif.length));
                    sep = ", ";
                }
                json.append('}');
            }
        }
    }

    /** Phases each VIF of a batch spends on its own; the others are its transaction's, shared. */
    static final Set<String> PER_VIF_PHASES = Set.of("linux");

    /** One at a time, in batches, or from concurrent clients. */
    record Mode(int batch, int clients) {

        Timing time(OsVif osvif, List<VIFBase> vifs, boolean plug) throws Exception {
            if (vifs.isEmpty()) {
                return null;
            }
            long t0 = System.nanoTime();
            double[] perVif = new double[vifs.size()];
            List<Double> batches = new ArrayList<>();
            // batched: the plugin's phases summed over the run (a transaction's phases once per
            // batch, the Linux steps per VIF), so that per VIF they add up to per_vif_ms_mean
            Map<String, Double> phases = new LinkedHashMap<>();
            if (clients > 0) {
                ExecutorService pool = Executors.newFixedThreadPool(clients);
                try {
                    List<Future<?>> done = new ArrayList<>();
                    for (int c = 0; c < clients; c++) {
                        int first = c;
                        done.add(pool.submit(() -> {
                            for (int i = first; i < vifs.size(); i += clients) {
                                long t = System.nanoTime();
                                if (plug) {
                                    osvif.plug(vifs.get(i), INSTANCE);
                                } else {
                                    osvif.unplug(vifs.get(i), INSTANCE);
                                }
                                perVif[i] = (System.nanoTime() - t) / 1e6;
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : done) {
                        f.get();
                    }
                } finally {
                    pool.shutdownNow();
                }
                for (double d : perVif) {
                    batches.add(d);
                }
            } else {
                for (int from = 0; from < vifs.size(); from += batch) {
                    List<PlugRequest> rs = new ArrayList<>();
                    for (VIFBase v : vifs.subList(from, Math.min(vifs.size(), from + batch))) {
                        rs.add(new PlugRequest(v, INSTANCE));
                    }
                    long t = System.nanoTime();
                    if (batch == 1) {
                        if (plug) {
                            osvif.plug(rs.get(0).vif(), INSTANCE);
                        } else {
                            osvif.unplug(rs.get(0).vif(), INSTANCE);
                        }
                    } else {
                        Map<String, Double> once = new LinkedHashMap<>();
                        for (VifResult r : plug ? osvif.plugAll(rs) : osvif.unplugAll(rs)) {
                            if (!r.ok()) {
                                throw r.error();
                            }
                            for (Map.Entry<String, Double> e : r.phases().entrySet()) {
                                if (PER_VIF_PHASES.contains(e.getKey())) {
                                    phases.merge(e.getKey(), e.getValue(), Double::sum);
                                } else {
                                    once.merge(e.getKey(), e.getValue(), Math::max);
                                }
                            }
                        }
                        once.forEach((p, v) -> phases.merge(p, v, Double::sum));
                    }
                    double ms = (System.nanoTime() - t) / 1e6;
                    batches.add(ms);
                    for (int i = from; i < from + rs.size(); i++) {
                        perVif[i] = ms;
                    }
                }
            }
            double wall = (System.nanoTime() - t0) / 1e6;
            if (!phases.isEmpty()) {
                phases.put("other", Math.max(0, wall - phases.values().stream().mapToDouble(Double::doubleValue).sum()));
            }
            return new Timing(perVif, batches.stream().mapToDouble(Double::doubleValue).toArray(), wall, phases);
        }
    }

    /** ovs: VIF i, the same in every run. */
    static VIFBase ovsVif(int i) {
        String id = UUID.nameUUIDFromBytes(("osvif-bench-" + i).getBytes(StandardCharsets.UTF_8)).toString();
        Network net = Network.builder().id("437c6db5-4e6f-4b43-b64b-ed6a11ee5ba7").bridge("br-int").label("n")
                .shouldProvideBridge(true).shouldProvideVlan(false).mtu(1450).build();
        VIFPortProfileOpenVSwitch prof = new VIFPortProfileOpenVSwitch.Plain().interfaceId(id).profileId("")
                .datapathType("netdev").createPort(true).build();
        return VIFOpenVSwitch.builder().id(id).address(String.format("ca:fe:%02x:%02x:%02x:%02x",
                (i >> 24) & 0xff, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff))
                .network(net).plugin("ovs").vifName(String.format("tap%07d", i)).bridgeName("br-int")
                .portProfile(prof).build();
    }

    /** linux_bridge: a fresh bridge per VIF. */
    static VIFBase bridgeVif(int run, int i) {
        Network net = Network.builder().id(UUID.randomUUID().toString()).bridge("br" + (i % 50)).label("n")
                .bridgeInterface(null).shouldProvideBridge(true).shouldProvideVlan(false).mtu(1450).build();
        return VIFBridge.builder().id(UUID.randomUUID().toString())
                .address(String.format("ca:fe:de:%02x:%02x:%02x", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff))
                .network(net).plugin("linux_bridge").vifName(String.format("tap%06d", i))
                .bridgeName(String.format("qb%04x%06d", run, i)).hasTrafficFiltering(true).build();
    }

    /** Removes the bridges os-vif's linux_bridge unplug leaves (not timed). */
    private static void removeBridges(List<VIFBase> vifs) {
        try (Netlink netlink = Netlink.open()) {
            for (VIFBase v : vifs) {
                String bridge = ((VIFBridge) v).bridgeName();
                if (netlink.link(bridge).isPresent()) {
                    netlink.deleteLink(bridge);
                }
            }
        }
    }

    /** As Python's {@code statistics.median}. */
    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** As the Python bench scripts' {@code sorted(xs)[min(n - 1, int(f * n))]}. */
    static double quantile(double[] xs, double f) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) (f * s.length))];
    }

    static double mean(double[] xs) {
        return Arrays.stream(xs).average().orElse(0);
    }
}
