package org.osvif.launcher.internal;

import java.io.IOException;
import java.io.Reader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osvif.launcher.ContainerException;

/**
 * The container's configuration: one {@code <pid>.cfg} (Java properties) or {@code <pid>.json}
 * (a flat JSON object) per component in {@code etc/}, overridden by {@code --set pid.key=value},
 * handed to Config Admin. Configurations this class creates carry {@link #SOURCE}, so a file
 * removed from {@code etc/} also removes its configuration on the next start (Config Admin keeps
 * them in the framework cache).
 */
public final class Configs {

    private static final System.Logger LOG = System.getLogger(Configs.class.getName());
    /** Marks the configurations that come from etc/ or --set. */
    public static final String SOURCE = "osvif.source";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Configs() {
    }

    /**
     * @param etc the configuration folder (absent means none)
     * @return every pid's properties, in file-name order
     * @throws ContainerException naming the file and key of a bad value
     */
    public static Map<String, Map<String, Object>> read(Path etc) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        if (etc == null || !Files.isDirectory(etc)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(etc)) {
            files = s.filter(p -> p.toString().endsWith(".cfg") || p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new ContainerException("cannot list " + etc + ": " + e.getMessage(), e);
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            String pid = name.substring(0, name.lastIndexOf('.'));
            if (out.containsKey(pid)) {
                throw new ContainerException(etc.relativize(f) + ": pid " + pid + " is configured twice (.cfg and .json)");
            }
            out.put(pid, name.endsWith(".cfg") ? readCfg(f) : readJson(f));
        }
        return out;
    }

    private static Map<String, Object> readCfg(Path f) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ContainerException("cannot read " + f + ": " + e.getMessage(), e);
        }
        Map<String, Object> m = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            m.put(k, p.getProperty(k).trim());
        }
        return m;
    }

    private static Map<String, Object> readJson(Path f) {
        JsonNode root;
        try {
            root = JSON.readTree(f.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ContainerException(f + ": not JSON: " + org.osvif.objects.Primitives.describe(e), e);
        } catch (IOException e) {
            throw new ContainerException("cannot read " + f + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ContainerException(f + ": must be one JSON object of key: value");
        }
        Map<String, Object> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), value(f, e.getKey(), e.getValue()));
        }
        return m;
    }

    private static Object value(Path f, String key, JsonNode v) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.longValue() : v.asText();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isArray()) {
            String[] items = new String[v.size()];
            for (int i = 0; i < items.length; i++) {
                JsonNode x = v.get(i);
                if (!x.isValueNode() || x.isNull()) {
                    throw new ContainerException(f + ": " + key + "[" + i + "]: a list holds strings, numbers or booleans");
                }
                items[i] = x.asText();
            }
            return items;
        }
        throw new ContainerException(f + ": " + key + ": a value is a string, number, boolean or list of them, not "
                + v.getNodeType().toString().toLowerCase());
    }

    /**
     * Makes Config Admin hold exactly these configurations among those marked {@link #SOURCE}.
     *
     * @param admin Config Admin
     * @param configs pid to properties
     */
    public static void apply(ConfigurationAdmin admin, Map<String, Map<String, Object>> configs) {
        try {
            Configuration[] existing = admin.listConfigurations("(" + SOURCE + "=*)");
            if (existing != null) {
                for (Configuration c : existing) {
                    if (!configs.containsKey(c.getPid())) {
                        LOG.log(Level.INFO, "configuration {0} no longer in etc/: removed", c.getPid());
                        c.delete();
                    }
                }
            }
            for (Map.Entry<String, Map<String, Object>> e : configs.entrySet()) {
                Dictionary<String, Object> d = new Hashtable<>(withDottedNames(e.getValue()));
                d.put(SOURCE, "etc");
                Configuration c = admin.getConfiguration(e.getKey(), "?");
                // updateIfDifferent: an unchanged etc/ reactivates nothing on restart.
                if (c.updateIfDifferent(d)) {
                    LOG.log(Level.INFO, "configuration {0}: {1}", e.getKey(), e.getValue().keySet());
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            throw new ContainerException("cannot apply the configuration: " + e.getMessage(), e);
        }
    }

    /**
     * os-vif's option names have underscores ({@code isolate_vif}); a DS component property type
     * reads method {@code isolate_vif()} from property {@code isolate.vif} (DS 1.4, 112.8.2.1).
     * Each underscored key is therefore also given under its dotted name, unless that is set too.
     */
    static Map<String, Object> withDottedNames(Map<String, Object> props) {
        Map<String, Object> out = new TreeMap<>(props);
        for (Map.Entry<String, Object> e : props.entrySet()) {
            if (e.getKey().indexOf('_') >= 0) {
                out.putIfAbsent(e.getKey().replace('_', '.'), e.getValue());
            }
        }
        return out;
    }

    /**
     * @param defaults configurations that come with the runtime (its features)
     * @param configs the operator's (etc/, --set)
     * @return both, the operator's values winning key by key
     */
    public static Map<String, Map<String, Object>> under(Map<String, Map<String, Object>> defaults,
            Map<String, Map<String, Object>> configs) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        defaults.forEach((k, v) -> out.put(k, new TreeMap<>(v)));
        configs.forEach((k, v) -> out.computeIfAbsent(k, x -> new TreeMap<>()).putAll(v));
        return out;
    }

    /**
     * @param base configurations read from etc/
     * @param sets {@code --set} overrides as pid, key, value
     * @return base with the overrides applied (they win)
     */
    public static Map<String, Map<String, Object>> merge(Map<String, Map<String, Object>> base, List<String[]> sets) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        base.forEach((k, v) -> out.put(k, new TreeMap<>(v)));
        for (String[] s : new ArrayList<>(sets)) {
            out.computeIfAbsent(s[0], k -> new TreeMap<>()).put(s[1], s[2]);
        }
        return out;
    }
}
