package org.osvif.cli.internal;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

import org.osvif.OsVif;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.Network;
import org.osvif.objects.VIFBase;
import org.osvif.objects.VIFOpenVSwitch;
import org.osvif.objects.VIFPortProfileOpenVSwitch;

/**
 * {@code osvif bench plug}: plugs then unplugs N fresh VIFs through the real plugin in the
 * container, against the real host, and prints latency percentiles. One case per plugin
 * ({@link #vifs}); a warm-up round of other VIFs runs first and is not counted.
 */
final class OvsPlugBench {

    static String help() {
        return "usage: osvif bench plug --plugin ovs [--count N] [--warmup W] [--only plug|unplug]\n"
                + "                        [--set org.osvif.plug.ovs.KEY=VALUE]...\n\n"
                + "Plugs N fresh VIFs one after the other, then unplugs them, through the plugin in the container\n"
                + "(ovs: VIFOpenVSwitch with create_port on bridge br-int, netdev datapath, against the configured\n"
                + "ovsdb_connection: etc/org.osvif.plug.ovs.cfg or --set). W warm-up VIFs (default\n"
                + "min(N, 200)) are plugged and unplugged first. Prints one JSON line: plug_ms_median, plug_ms_p99,\n"
                + "unplug_ms_median, unplug_ms_p99, n, and plug_s_total / unplug_s_total.\n"
                + "VIF i is the same VIF in every run (ids derived from i), so --only plug on VIFs that a\n"
                + "previous run left plugged measures a re-plug (a host restart); --only unplug removes them.\n";
    }

    static int run(List<String> args, PrintStream out) throws Exception {
        String plugin = null;
        int count = 200;
        int warmup = -1;
        String only = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--plugin" -> plugin = ObjectsConvert.value(args, ++i, a);
                case "--count" -> count = positive(ObjectsConvert.value(args, ++i, a), a);
                case "--warmup" -> warmup = positive(ObjectsConvert.value(args, ++i, a), a);
                case "--only" -> only = ObjectsConvert.value(args, ++i, a);
                default -> throw new UsageException("bench plug: unknown argument '" + a + "' (see --help)");
            }
        }
        if (plugin == null) {
            throw new UsageException("bench plug: --plugin is required (ovs)");
        }
        if (only != null && !only.equals("plug") && !only.equals("unplug")) {
            throw new UsageException("bench plug: --only must be plug or unplug, not '" + only + "'");
        }
        IntFunction<VIFBase> vifs = vifs(plugin);
        if (warmup < 0) {
            warmup = Math.min(count, 200);
        }
        InstanceInfo inst = InstanceInfo.builder().uuid("f0000000-0000-0000-0000-0000000000b1").name("vm1").projectId("p1").build();
        try (Embedded e = Embedded.start()) {
            OsVif osvif = e.osVif;
            measure(osvif, inst, vifs, 100_000, warmup, null);
            double[][] t = measure(osvif, inst, vifs, 0, count, only);
            StringBuilder json = new StringBuilder(String.format("{\"impl\": \"osvif-java\", \"plugin\": \"%s\", \"n\": %d",
                    plugin, count));
            for (int k = 0; k < 2; k++) {
                String what = k == 0 ? "plug" : "unplug";
                if (only == null || only.equals(what)) {
                    json.append(String.format(", \"%s_ms_median\": %.3f, \"%s_ms_p99\": %.3f, \"%s_s_total\": %.2f",
                            what, BenchPlug.median(t[k]), what, BenchPlug.quantile(t[k], 0.99), what, Arrays.stream(t[k]).sum() / 1e3));
                }
            }
            out.println(json.append('}'));
        }
        return 0;
    }

    private static int positive(String v, String opt) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0 && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException(opt + ": expected a count in 1..1000000, got '" + v + "'");
    }

    /** The VIFs of each plugin's case, numbered. */
    static IntFunction<VIFBase> vifs(String plugin) {
        switch (plugin) {
            case "ovs":
                return i -> {
                    String id = UUID.nameUUIDFromBytes(("osvif-bench-" + i).getBytes(StandardCharsets.UTF_8)).toString();
                    Network net = Network.builder().id("437c6db5-4e6f-4b43-b64b-ed6a11ee5ba7").bridge("br-int").label("n")
                            .shouldProvideBridge(true).shouldProvideVlan(false).mtu(1450).build();
                    VIFPortProfileOpenVSwitch prof = new VIFPortProfileOpenVSwitch.Plain().interfaceId(id).profileId("")
                            .datapathType("netdev").createPort(true).build();
                    return VIFOpenVSwitch.builder().id(id).address(String.format("ca:fe:%02x:%02x:%02x:%02x",
                            (i >> 24) & 0xff, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff))
                            .network(net).plugin("ovs").vifName(String.format("tap%07d", i)).bridgeName("br-int")
                            .portProfile(prof).build();
                };
            default:
                throw new UsageException("bench plug: --plugin must be ovs, not '" + plugin + "'");
        }
    }

    private static double[][] measure(OsVif osvif, InstanceInfo inst, IntFunction<VIFBase> vifs, int first, int n,
            String only) {
        List<VIFBase> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(vifs.apply(first + i));
        }
        double[] plug = new double[n];
        double[] unplug = new double[n];
        for (int i = 0; i < n && !"unplug".equals(only); i++) {
            long t = System.nanoTime();
            osvif.plug(list.get(i), inst);
            plug[i] = (System.nanoTime() - t) / 1e6;
        }
        for (int i = 0; i < n && !"plug".equals(only); i++) {
            long t = System.nanoTime();
            osvif.unplug(list.get(i), inst);
            unplug[i] = (System.nanoTime() - t) / 1e6;
        }
        return new double[][] {plug, unplug};
    }
}
