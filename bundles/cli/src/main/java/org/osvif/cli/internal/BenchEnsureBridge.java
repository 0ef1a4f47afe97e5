package org.osvif.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

import org.osvif.netlink.Netlink;

/**
 * {@code osvif bench ensure-bridge [--count N]}: the bridge step of a linux_bridge plug alone,
 * {@code Netlink.ensureBridge} (look up, create with os-vif's attributes) and up, for N new
 * bridges in this namespace, to set beside the kernel floor: {@code ip -batch} creating the
 * same bridges ({@code benchmarks/linux-bridge/compare.sh} does both).
 */
final class BenchEnsureBridge implements Command {

    @Override
    public String name() {
        return "bench ensure-bridge";
    }

    @Override
    public String summary() {
        return "time ensure-bridge + up of N new bridges in this namespace (one JSON line)";
    }

    @Override
    public String help() {
        return "usage: osvif bench ensure-bridge [--count N]\n\n"
                + "Creates N new bridges (default 200; forward delay 0, STP off, snooping off, up) through the\n"
                + "netlink library in this network namespace (run it in one: ip netns exec NS ...), after a\n"
                + "warm-up of 50, removes them all, and prints one JSON line: n, ensure_bridge_ms_median,\n"
                + "ensure_bridge_ms_mean (per bridge, lookup + create + up).\n";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out) throws Exception {
        int count = 200;
        for (int i = 0; i < args.size(); i++) {
            if (!args.get(i).equals("--count")) {
                throw new UsageException("bench ensure-bridge: unknown argument '" + args.get(i) + "' (see --help)");
            }
            String v = ObjectsConvert.value(args, ++i, "--count");
            try {
                count = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new UsageException("--count: not a number: " + v);
            }
            if (count < 1 || count > 9_999) {
                throw new UsageException("--count: must be in 1..9999");
            }
        }
        int run = (int) (ProcessHandle.current().pid() & 0xfff);
        try (Netlink netlink = Netlink.open()) {
            int warm = 50;
            double[] ms = new double[count];
            try {
                for (int i = 0; i < warm + count; i++) {
                    String name = String.format("eb%03x%05d", run, i);
                    long t = System.nanoTime();
                    netlink.ensureBridge(name);
                    netlink.setUp(name, true);
                    if (i >= warm) {
                        ms[i - warm] = (System.nanoTime() - t) / 1e6;
                    }
                }
            } finally {
                for (int i = 0; i < warm + count; i++) {
                    String name = String.format("eb%03x%05d", run, i);
                    if (netlink.link(name).isPresent()) {
                        netlink.deleteLink(name);
                    }
                }
            }
            out.printf("{\"impl\": \"osvif-ensure-bridge\", \"n\": %d, \"ensure_bridge_ms_median\": %.3f, "
                    + "\"ensure_bridge_ms_mean\": %.3f}%n", count, BenchPlug.median(ms), BenchPlug.mean(ms));
        }
        return 0;
    }
}
