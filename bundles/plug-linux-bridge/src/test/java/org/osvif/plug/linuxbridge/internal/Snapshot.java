package org.osvif.plug.linuxbridge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.osvif.testsupport.TestNamespace;


/**
 * What a plug leaves in a namespace, as sorted text read with {@code ip -j}, {@code /proc} and
 * {@code iptables-save}: devices (kind, MTU, master, up, bridge attributes), addresses, routes,
 * the per-device sysctls and the iptables rules. Random or per-namespace things (MACs, ifindexes,
 * IPv6 link-local addresses, the chain prefix) are left out or normalized.
 */
final class Snapshot {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Snapshot() {
    }

    static String of(TestNamespace ns, String binaryName) throws Exception {
        TreeSet<String> lines = new TreeSet<>();
        for (JsonNode l : ns.links()) {
            String name = l.get("ifname").asText();
            if (name.equals("lo")) {
                continue;
            }
            JsonNode info = l.path("linkinfo");
            StringBuilder sb = new StringBuilder("link ").append(name)
                    .append(" kind=").append(info.path("info_kind").asText("-"))
                    .append(" mtu=").append(l.get("mtu").asInt())
                    .append(" master=").append(l.path("master").asText("-"))
                    .append(" up=").append(l.get("flags").toString().contains("\"UP\""));
            if (info.path("info_kind").asText().equals("bridge")) {
                JsonNode d = info.path("info_data");
                sb.append(" forward_delay=").append(d.path("forward_delay").asInt())
                        .append(" stp_state=").append(d.path("stp_state").asInt())
                        .append(" mcast_snooping=").append(d.path("mcast_snooping").asInt())
                        .append(" ageing_time=").append(d.path("ageing_time").asInt());
            }
            lines.add(sb.toString());
        }
        for (JsonNode dev : JSON.readTree(ns.ip("-j", "addr", "show"))) {
            for (JsonNode a : dev.path("addr_info")) {
                if (a.path("local").asText().startsWith("fe80") || dev.get("ifname").asText().equals("lo")) {
                    continue;
                }
                lines.add("addr " + dev.get("ifname").asText() + " " + a.path("local").asText() + "/"
                        + a.path("prefixlen").asInt() + " brd=" + a.path("broadcast").asText("-") + " scope="
                        + a.path("scope").asText() + " label=" + a.path("label").asText("-") + " secondary="
                        + a.path("secondary").asBoolean(false));
            }
        }
        for (String family : List.of("-4", "-6")) {
            for (JsonNode r : JSON.readTree(ns.ip(family, "-j", "route", "show", "table", "all"))) {
                if (r.path("dst").asText().startsWith("fe80") || r.path("dev").asText().equals("lo")
                        || r.path("table").asText().equals("local")) {
                    continue;
                }
                lines.add("route " + family + " " + r.path("dst").asText() + " via=" + r.path("gateway").asText("-")
                        + " dev=" + r.path("dev").asText("-") + " proto=" + r.path("protocol").asText("-") + " scope="
                        + r.path("scope").asText("-") + " metric=" + r.path("metric").asText("-") + " table="
                        + r.path("table").asText("main"));
            }
        }
        String sysctls = ns.exec("sh", "-c", "grep -H . /proc/sys/net/ipv6/conf/*/disable_ipv6 "
                + "/proc/sys/net/ipv4/conf/*/arp_ignore /proc/sys/net/ipv4/conf/*/arp_announce");
        for (String s : sysctls.split("\n")) {
            if (!s.isBlank() && !s.contains("/all/") && !s.contains("/default/") && !s.contains("/lo/")) {
                lines.add("sysctl " + s.replace("/proc/sys/net/", ""));
            }
        }
        // Tables in name order (iptables-save lists them in the order they were made); rules in order.
        java.util.TreeMap<String, List<String>> tables = new java.util.TreeMap<>();
        List<String> table = null;
        for (String r : ns.exec("iptables-save").split("\n")) {
            if (r.startsWith("*")) {
                table = tables.computeIfAbsent(r, k -> new ArrayList<>());
            }
            if (!r.startsWith("#") && !r.isBlank() && table != null) {
                table.add("iptables " + r.replace(binaryName + "-", "WRAP-"));
            }
        }
        List<String> rules = new ArrayList<>();
        tables.values().forEach(rules::addAll);
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l).append('\n'));
        rules.forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }
}
