package org.osvif.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.osvif.netlink.Netlink;
import org.osvif.objects.InstanceInfo;
import org.osvif.objects.Network;
import org.osvif.objects.VIFBase;
import org.osvif.objects.VIFBridge;
import org.osvif.plug.linuxbridge.internal.LinuxBridgePlugin;
import org.osvif.plugin.VifPlugin;

/**
 * {@code osvif bench plug --plugin NAME [--count N]}: plugs, then unplugs, N fresh VIFs through
 * the real plugin (made directly, without the container, so that only the plugin is timed) on
 * this host's network namespace, one at a time, and prints the latency percentiles. The VIFs
 * are those of {@code benchmarks/python/plug_bench.py}, so the figures compare with Python's.
 * A plugin is one {@link Case} in {@link #CASES}.
 */
final class BenchPlug implements Command {

    /** A plugin under benchmark: how to make it, its VIFs, and how to remove what they left. */
    interface Case extends AutoCloseable {

        /** @return the plugin, ready to plug */
        VifPlugin plugin();

        /**
         * @param run a number unique to this run, for unique device names
         * @param i the VIF's number
         * @return a VIF no earlier plug has seen
         */
        VIFBase vif(int run, int i);

        /** Removes what plugging and unplugging {@code vifs} left on the host (not timed). */
        void cleanup(List<VIFBase> vifs) throws Exception;

        @Override
        void close();
    }

    /** The plugins this command benchmarks, by os-vif plugin name. */
    static final Map<String, Supplier<Case>> CASES = new LinkedHashMap<>();

    static {
        CASES.put("linux_bridge", LinuxBridgeCase::new);
    }

    static final InstanceInfo INSTANCE = InstanceInfo.builder().uuid(UUID.randomUUID().toString()).name("vm1")
            .projectId("p1").build();

    private static final int WARM_UP = 100;

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
        return "usage: osvif bench plug --plugin " + String.join("|", CASES.keySet()) + " [--count N] [--warmup W]\n"
                + "       osvif bench plug --plugin ovs [--count N] [--warmup W] [--only plug|unplug]\n\n"
                + "Plugs N fresh VIFs (default 200) one after the other through the plugin, then unplugs them,\n"
                + "against this host's network namespace (run it in one: ip netns exec NS osvif bench plug ...),\n"
                + "after a warm-up of W VIFs (default " + WARM_UP + ") that are not counted:\n"
                + "a host agent is a long-running JVM. Then removes what the VIFs left\n"
                + "(for linux_bridge: the bridges; os-vif's unplug leaves them). Prints one JSON line:\n"
                + "plugin, n, plug_ms_median, plug_ms_p99, plug_ms_mean, unplug_ms_median, unplug_ms_p99.\n"
                + "linux_bridge VIFs are those of benchmarks/python/plug_bench.py: a new bridge each, MTU 1450,\n"
                + "no bridge interface, traffic filtering by Neutron (no iptables rules).\n\n"
                + "ovs: " + OvsPlugBench.help().substring(OvsPlugBench.help().indexOf("\n\n") + 2);
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out) throws Exception {
        int at = args.indexOf("--plugin");
        if (at >= 0 && at + 1 < args.size() && args.get(at + 1).equals("ovs")) {
            // ovs is timed through the container (OsVif), against the configured OVSDB.
            return OvsPlugBench.run(args, out);
        }
        String plugin = null;
        int count = 200;
        int warmUp = WARM_UP;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--plugin")) {
                plugin = ObjectsConvert.value(args, ++i, a);
            } else if (a.equals("--count")) {
                String v = ObjectsConvert.value(args, ++i, a);
                try {
                    count = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw new UsageException("--count: not a number: " + v);
                }
                if (count < 1 || count > 99_999) {
                    throw new UsageException("--count: must be in 1..99999");
                }
            } else if (a.equals("--warmup")) {
                String v = ObjectsConvert.value(args, ++i, a);
                try {
                    warmUp = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw new UsageException("--warmup: not a number: " + v);
                }
                if (warmUp < 0 || warmUp > 99_999) {
                    throw new UsageException("--warmup: must be in 0..99999");
                }
            } else {
                throw new UsageException("bench plug: unknown argument '" + a + "' (see --help)");
            }
        }
        if (plugin == null) {
            throw new UsageException("bench plug: --plugin is required (" + String.join(", ", CASES.keySet()) + ", ovs)");
        }
        Supplier<Case> maker = CASES.get(plugin);
        if (maker == null) {
            throw new UsageException("--plugin: no benchmark for plugin '" + plugin + "' (" + String.join(", ",
                    CASES.keySet()) + ", ovs)");
        }
        int run = (int) (ProcessHandle.current().pid() & 0xffff);
        try (Case c = maker.get()) {
            VifPlugin p = c.plugin();
            List<VIFBase> warm = new ArrayList<>();
            for (int i = 0; i < warmUp; i++) {
                warm.add(c.vif(run, count + i));
            }
            List<VIFBase> vifs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                vifs.add(c.vif(run, i));
            }
            double[] plug;
            double[] unplug;
            try {
                time(p, warm, true);
                time(p, warm, false);
                // The warm-up's devices stay until the end: removing them now would leave the kernel
                // tearing them down in the background while the timed plugs run.
                plug = time(p, vifs, true);
                unplug = time(p, vifs, false);
            } finally {
                c.cleanup(warm);
                c.cleanup(vifs);
            }
            out.printf("{\"plugin\": \"%s\", \"impl\": \"osvif-java\", \"n\": %d, \"plug_ms_median\": %.3f, "
                    + "\"plug_ms_p99\": %.3f, \"plug_ms_mean\": %.3f, \"unplug_ms_median\": %.3f, "
                    + "\"unplug_ms_p99\": %.3f}%n", plugin, count, median(plug), quantile(plug, .99), mean(plug),
                    median(unplug), quantile(unplug, .99));
        }
        return 0;
    }

    private static double[] time(VifPlugin p, List<VIFBase> vifs, boolean plug) throws Exception {
        double[] ms = new double[vifs.size()];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            if (plug) {
                p.plug(vifs.get(i), INSTANCE);
            } else {
                p.unplug(vifs.get(i), INSTANCE);
            }
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    /** As Python's {@code statistics.median}. */
    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** As the anchor script's {@code sorted(xs)[min(n - 1, int(f * n))]}. */
    static double quantile(double[] xs, double f) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) (f * s.length))];
    }

    static double mean(double[] xs) {
        return Arrays.stream(xs).average().orElse(0);
    }

    /** linux_bridge: a fresh bridge per VIF, as the Python anchor plugs. */
    static final class LinuxBridgeCase implements Case {

        private final Netlink netlink = Netlink.open();
        private final LinuxBridgePlugin plugin = LinuxBridgePlugin.withDefaults(netlink);

        @Override
        public VifPlugin plugin() {
            return plugin;
        }

        @Override
        public VIFBase vif(int run, int i) {
            Network net = Network.builder().id(UUID.randomUUID().toString()).bridge("br" + (i % 50)).label("n")
                    .bridgeInterface(null).shouldProvideBridge(true).shouldProvideVlan(false).mtu(1450).build();
            return VIFBridge.builder().id(UUID.randomUUID().toString())
                    .address(String.format("ca:fe:de:ad:%02x:%02x", i / 256 % 256, i % 256)).network(net)
                    .plugin("linux_bridge").vifName(String.format("tap%05d", i))
                    .bridgeName(String.format("qb%04x%05d", run, i)).hasTrafficFiltering(true).build();
        }

        @Override
        public void cleanup(List<VIFBase> vifs) {
            for (VIFBase v : vifs) {
                String bridge = ((VIFBridge) v).bridgeName();
                if (netlink.link(bridge).isPresent()) {
                    netlink.deleteLink(bridge);
                }
            }
        }

        @Override
        public void close() {
            netlink.close();
        }
    }
}
