package org.osvif.plug.linuxbridge.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * os-vif's {@code IptablesManager} ({@code vif_plug_linux_bridge/iptables.py}), line for line:
 * the same wrapped and shared chains, the same rules, and the same rewrite of
 * {@code iptables-save -c} output fed to {@code iptables-restore -c}, so a host's other rules
 * survive and ours are replaced as a whole. Our chains are prefixed {@value #BINARY_NAME}
 * where os-vif uses the name of the Python program running it.
 */
final class Iptables {

    /** The prefix of our wrapped chains: os-vif's {@code binary_name}. */
    static final String BINARY_NAME = "osvif";

    /** Runs a command (in the plugin's network namespace), returning its stdout. */
    interface Runner {
        String run(List<String> command, String stdin) throws IOException, InterruptedException;
    }

    record Rule(String chain, String rule, boolean wrap, boolean top) {
        @Override
        public String toString() {
            return "[0:0] -A " + (wrap ? BINARY_NAME + "-" + chain : chain) + " " + rule;
        }
    }

    static final class Table {
        final List<Rule> rules = new ArrayList<>();
        final Set<String> chains = new HashSet<>();
        final Set<String> unwrappedChains = new LinkedHashSet<>();
        boolean dirty = true;

        void addChain(String name, boolean wrap) {
            (wrap ? chains : unwrappedChains).add(name);
            dirty = true;
        }

        /** @return the rule if it was new, else null */
        Rule addRule(String chain, String rule, boolean wrap, boolean top) {
            if (wrap && !chains.contains(chain)) {
                throw new IllegalArgumentException("Unknown chain: '" + chain + "'");
            }
            if (rule.contains("$")) {
                String[] words = rule.split(" ", -1);
                for (int i = 0; i < words.length; i++) {
                    if (words[i].startsWith("$")) {
                        words[i] = BINARY_NAME + "-" + words[i].substring(1);
                    }
                }
                rule = String.join(" ", words);
            }
            Rule r = new Rule(chain, rule, wrap, top);
            if (!rules.contains(r)) {
                rules.add(r);
                dirty = true;
                return r;
            }
            return null;
        }
    }

    private final Settings settings;
    private final Runner runner;
    private final Map<String, Table> ipv4 = new LinkedHashMap<>();
    private final Map<String, Table> ipv6 = new LinkedHashMap<>();

    Iptables(Settings settings, Runner runner) {
        this.settings = settings;
        this.runner = runner;
        ipv4.put("filter", new Table());
        ipv4.put("nat", new Table());
        ipv4.put("mangle", new Table());
        ipv6.put("filter", new Table());
        for (Map<String, Table> tables : List.of(ipv4, ipv6)) {
            Table f = tables.get("filter");
            f.addChain("nova-filter-top", false);
            f.addRule("FORWARD", "-j nova-filter-top", false, true);
            f.addRule("OUTPUT", "-j nova-filter-top", false, true);
            f.addChain("local", true);
            f.addRule("nova-filter-top", "-j $local", false, false);
        }
        Map<String, List<String>> v4 = new LinkedHashMap<>();
        v4.put("filter", List.of("INPUT", "OUTPUT", "FORWARD"));
        v4.put("nat", List.of("PREROUTING", "OUTPUT", "POSTROUTING"));
        v4.put("mangle", List.of("POSTROUTING"));
        wrapBuiltins(ipv4, v4);
        wrapBuiltins(ipv6, Map.of("filter", List.of("INPUT", "OUTPUT", "FORWARD")));
        Table nat = ipv4.get("nat");
        nat.addChain("nova-postrouting-bottom", false);
        nat.addRule("POSTROUTING", "-j nova-postrouting-bottom", false, false);
        nat.addChain("snat", true);
        nat.addRule("nova-postrouting-bottom", "-j $snat", false, false);
        nat.addChain("float-snat", true);
        nat.addRule("snat", "-j $float-snat", true, false);
    }

    private static void wrapBuiltins(Map<String, Table> tables, Map<String, List<String>> builtins) {
        builtins.forEach((table, chains) -> {
            for (String chain : chains) {
                tables.get(table).addChain(chain, true);
                tables.get(table).addRule(chain, "-j $" + chain, false, false);
            }
        });
    }

    /**
     * os-vif's {@code _ensure_bridge_filtering}: forward rules for the bridge, applied at once.
     *
     * @param bridge the bridge
     * @param gateway os-vif's {@code gateway}: true for a flat bridge, false (None) for a VLAN bridge
     */
    synchronized void ensureBridgeFiltering(String bridge, boolean gateway) throws IOException, InterruptedException {
        Table filter = ipv4.get("filter");
        String drop = settings.iptablesDropAction();
        List<Rule> added = new ArrayList<>();
        if (gateway) {
            for (String[] rule : gatewayRules(bridge)) {
                added.add(filter.addRule(rule[0], rule[1], true, false));
            }
        } else {
            added.add(filter.addRule("FORWARD", "--in-interface " + bridge + " -j " + drop, true, false));
        }
        added.add(filter.addRule("FORWARD", "--out-interface " + bridge + " -j " + drop, true, false));
        try {
            apply();
        } catch (IOException | InterruptedException | RuntimeException e) {
            // Not applied: forget them, so that a retry (or the next bridge) does not carry them.
            filter.rules.removeAll(added);
            throw e;
        }
    }

    private List<String[]> gatewayRules(String bridge) {
        List<String> interfaces = settings.forwardBridgeInterface().isEmpty() ? List.of("all")
                : settings.forwardBridgeInterface();
        if (interfaces.contains("all")) {
            return List.of(new String[] {"FORWARD", "-i " + bridge + " -j ACCEPT"},
                    new String[] {"FORWARD", "-o " + bridge + " -j ACCEPT"});
        }
        List<String[]> rules = new ArrayList<>();
        for (String iface : interfaces) {
            if (!iface.isEmpty()) {
                rules.add(new String[] {"FORWARD", "-i " + bridge + " -o " + iface + " -j ACCEPT"});
                rules.add(new String[] {"FORWARD", "-i " + iface + " -o " + bridge + " -j ACCEPT"});
            }
        }
        rules.add(new String[] {"FORWARD", "-i " + bridge + " -o " + bridge + " -j ACCEPT"});
        rules.add(new String[] {"FORWARD", "-i " + bridge + " -j " + settings.iptablesDropAction()});
        rules.add(new String[] {"FORWARD", "-o " + bridge + " -j " + settings.iptablesDropAction()});
        return rules;
    }

    private boolean dirty() {
        for (Table t : ipv4.values()) {
            if (t.dirty) {
                return true;
            }
        }
        if (settings.useIpv6()) {
            for (Table t : ipv6.values()) {
                if (t.dirty) {
                    return true;
                }
            }
        }
        return false;
    }

    private void apply() throws IOException, InterruptedException {
        if (!dirty()) {
            return;
        }
        applyFamily("iptables", ipv4);
        if (settings.useIpv6()) {
            applyFamily("ip6tables", ipv6);
        }
    }

    private void applyFamily(String tool, Map<String, Table> tables) throws IOException, InterruptedException {
        String saved = runner.run(List.of(tool + "-save", "-c"), null);
        List<String> all = new ArrayList<>(Arrays.asList(saved.split("\n", -1)));
        for (Map.Entry<String, Table> e : tables.entrySet()) {
            int[] range = findTable(all, e.getKey());
            List<String> part = all.subList(range[0], range[1]);
            List<String> modified = modifyRules(new ArrayList<>(part), e.getValue(), e.getKey());
            part.clear();
            part.addAll(modified);
            e.getValue().dirty = false;
        }
        try {
            runner.run(List.of(tool + "-restore", "-c"), String.join("\n", filterFirst(all)));
        } catch (IOException | RuntimeException x) {
            tables.values().forEach(t -> t.dirty = true);
            throw x;
        }
    }

    /**
     * The same input with the filter table first. iptables-restore (nf_tables) commits table by
     * table, and only the filter table takes per-bridge rules: when one of those is refused,
     * nothing has been committed yet.
     */
    static List<String> filterFirst(List<String> all) {
        int[] range = findTable(all, "filter");
        if (range[1] <= range[0] || range[0] == 0) {
            return all;
        }
        List<String> out = new ArrayList<>(all.subList(range[0], range[1]));
        out.addAll(all.subList(0, range[0]));
        out.addAll(all.subList(range[1], all.size()));
        return out;
    }

    static int[] findTable(List<String> lines, String table) {
        if (lines.size() < 3) {
            return new int[] {0, 0};
        }
        int at = lines.indexOf("*" + table);
        if (at < 0) {
            return new int[] {0, 0};
        }
        int start = Math.max(0, at - 1);
        int commit = lines.subList(start, lines.size()).indexOf("COMMIT");
        int end = Math.min(lines.size(), commit + start + 2);
        return new int[] {start, end};
    }

    /** os-vif's {@code _modify_rules} (without the removal lists: this plugin never removes). */
    List<String> modifyRules(List<String> current, Table table, String tableName) {
        if (current.isEmpty()) {
            current = List.of("#Generated by nova", "*" + tableName, "COMMIT", "#Completed by nova");
        }
        List<String> filter = new ArrayList<>();
        for (String line : current) {
            if (!line.contains(BINARY_NAME)) {
                filter.add(line);
            }
        }
        List<String> topRules = new ArrayList<>();
        List<String> bottomRules = new ArrayList<>();
        if (!settings.iptablesTopRegex().isEmpty()) {
            topRules = pull(filter, Pattern.compile(settings.iptablesTopRegex()));
        }
        if (!settings.iptablesBottomRegex().isEmpty()) {
            bottomRules = pull(filter, Pattern.compile(settings.iptablesBottomRegex()));
        }
        boolean seenChains = false;
        int rulesIndex = 0;
        for (int i = 0; i < filter.size(); i++) {
            rulesIndex = i;
            String line = filter.get(i);
            if (!seenChains) {
                if (line.startsWith(":")) {
                    seenChains = true;
                }
            } else if (!line.startsWith(":")) {
                break;
            }
        }
        if (!seenChains) {
            rulesIndex = 2;
        }
        List<String> ourRules = topRules;
        List<String> botRules = new ArrayList<>();
        for (Rule rule : table.rules) {
            String ruleStr = rule.toString();
            if (rule.top()) {
                if (ruleStr.startsWith("[")) {
                    ruleStr = ruleStr.split("]", 2)[1];
                }
                String needle = ruleStr.strip();
                List<String> dups = new ArrayList<>();
                List<String> rest = new ArrayList<>();
                for (String s : filter) {
                    (s.strip().contains(needle) ? dups : rest).add(s);
                }
                filter = rest;
                ourRules.add(dups.isEmpty() ? rule.toString() : dups.get(dups.size() - 1));
            } else {
                botRules.add(ruleStr);
            }
        }
        ourRules.addAll(botRules);
        int at = Math.min(rulesIndex, filter.size());
        filter.addAll(at, ourRules);
        List<String> unwrapped = new ArrayList<>();
        table.unwrappedChains.forEach(n -> unwrapped.add(":" + n + " - [0:0]"));
        filter.addAll(at, unwrapped);
        List<String> wrapped = new ArrayList<>();
        new TreeSet<>(table.chains).forEach(n -> wrapped.add(":" + BINARY_NAME + "-" + n + " - [0:0]"));
        filter.addAll(at, wrapped);
        int commit = filter.indexOf("COMMIT");
        filter.addAll(commit < 0 ? filter.size() : commit, bottomRules);
        // Duplicates go, the last occurrence wins.
        Collections.reverse(filter);
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String line : filter) {
            String key = line.startsWith("[") ? line.split("]", 2)[1] : line;
            if (seen.add(key.strip())) {
                out.add(line);
            }
        }
        Collections.reverse(out);
        return out;
    }

    /** Removes and returns the lines matching the pattern (and any line equal to one of them). */
    private static List<String> pull(List<String> filter, Pattern regex) {
        List<String> matched = new ArrayList<>();
        for (String line : filter) {
            if (regex.matcher(line).find()) {
                matched.add(line);
            }
        }
        for (String m : matched) {
            filter.removeIf(s -> Objects.equals(s.strip(), m.strip()));
        }
        return matched;
    }

    /** Runs commands with a process builder (on the calling thread: its network namespace). */
    static String exec(List<String> command, String stdin) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            Process p = new ProcessBuilder(command).start();
            if (stdin != null) {
                try (var in = p.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            } else {
                p.getOutputStream().close();
            }
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (p.waitFor() == 0) {
                return new String(out, StandardCharsets.UTF_8);
            }
            last = new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": "
                    + new String(err, StandardCharsets.UTF_8).strip());
        }
        throw last;
    }
}
