package org.osvif.tests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, written from its specification
 * (not from the library that writes it): every line is a {@code # HELP}, a {@code # TYPE} or a
 * sample; every sample belongs to a family TYPEd before it; names, label names and escapes are
 * checked; no series is repeated; a histogram's buckets are cumulative, end with {@code +Inf} and
 * equal its {@code _count}.
 */
final class PrometheusText {

    static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** name + sorted labels → value */
    final Map<String, Double> samples = new LinkedHashMap<>();
    final Map<String, String> types = new HashMap<>();
    final Map<String, String> help = new HashMap<>();

    static PrometheusText parse(String text) {
        PrometheusText p = new PrometheusText();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the last line has no line feed");
        }
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            try {
                p.line(line);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + n + " '" + line + "': " + e.getMessage(), e);
            }
        }
        p.checkHistograms();
        return p;
    }

    private void line(String line) {
        if (line.startsWith("# HELP ")) {
            String[] f = line.substring(7).split(" ", 2);
            name(f[0]);
            if (help.put(f[0], f.length > 1 ? f[1] : "") != null) {
                throw new IllegalArgumentException("second HELP for " + f[0]);
            }
        } else if (line.startsWith("# TYPE ")) {
            String[] f = line.substring(7).split(" ");
            if (f.length != 2 || !List.of("counter", "gauge", "histogram", "summary", "untyped").contains(f[1])) {
                throw new IllegalArgumentException("bad TYPE");
            }
            name(f[0]);
            if (types.put(f[0], f[1]) != null) {
                throw new IllegalArgumentException("second TYPE for " + f[0]);
            }
        } else if (line.startsWith("#")) {
            // a comment: allowed
        } else {
            sample(line);
        }
    }

    private static void name(String s) {
        if (!NAME.matcher(s).matches()) {
            throw new IllegalArgumentException("bad metric name " + s);
        }
    }

    private void sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        name(name);
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq);
                if (!LABEL.matcher(label).matches()) {
                    throw new IllegalArgumentException("bad label name " + label);
                }
                if (line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("label value not quoted");
                }
                StringBuilder v = new StringBuilder();
                int j = eq + 2;
                for (;; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char e = line.charAt(++j);
                        v.append(switch (e) {
                            case 'n' -> '\n';
                            case '\\' -> '\\';
                            case '"' -> '"';
                            default -> throw new IllegalArgumentException("bad escape \\" + e);
                        });
                    } else if (c == '"') {
                        break;
                    } else {
                        v.append(c);
                    }
                }
                if (labels.put(label, v.toString()) != null) {
                    throw new IllegalArgumentException("label " + label + " twice");
                }
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                } else if (line.charAt(i) != '}') {
                    throw new IllegalArgumentException("expected , or } after a label");
                }
            }
            i++;
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new IllegalArgumentException("no value");
        }
        String[] rest = line.substring(i + 1).split(" ");
        if (rest.length > 2) {
            throw new IllegalArgumentException("junk after the value");
        }
        double value = switch (rest[0]) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(rest[0]);
        };
        if (rest.length == 2) {
            Long.parseLong(rest[1]);
        }
        String family = family(name);
        if (family == null) {
            throw new IllegalArgumentException("sample " + name + " of no TYPEd family");
        }
        String key = key(name, labels);
        if (samples.put(key, value) != null) {
            throw new IllegalArgumentException("series " + key + " twice");
        }
    }

    private String family(String name) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if ("histogram".equals(types.get(base)) || "summary".equals(types.get(base))) {
                    return base;
                }
            }
        }
        return null;
    }

    static String key(String name, Map<String, String> labels) {
        StringBuilder sb = new StringBuilder(name).append('{');
        new TreeMap<>(labels).forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '{' ? "" : ",")
                .append(k).append("=\"").append(v).append('"'));
        return sb.append('}').toString();
    }

    /** @param labels alternating names and values */
    Double value(String name, String... labels) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            m.put(labels[i], labels[i + 1]);
        }
        return samples.get(key(name, m));
    }

    /** @return every series of a metric name, with its labels */
    List<String> series(String name) {
        List<String> out = new ArrayList<>();
        for (String k : samples.keySet()) {
            if (k.startsWith(name + "{")) {
                out.add(k);
            }
        }
        return out;
    }

    private void checkHistograms() {
        for (Map.Entry<String, String> t : types.entrySet()) {
            if (!t.getValue().equals("histogram")) {
                continue;
            }
            String h = t.getKey();
            Pattern bucket = Pattern.compile(Pattern.quote(h) + "_bucket\\{(.*)\\}");
            Map<String, TreeMap<Double, Double>> byLabels = new HashMap<>();
            for (Map.Entry<String, Double> s : samples.entrySet()) {
                Matcher m = bucket.matcher(s.getKey());
                if (!m.matches()) {
                    continue;
                }
                Matcher le = Pattern.compile("(^|,)le=\"([^\"]*)\"").matcher(m.group(1));
                if (!le.find()) {
                    throw new IllegalArgumentException(s.getKey() + ": a bucket without le");
                }
                String others = m.group(1).replace(le.group(0), "").replaceFirst("^,", "");
                double bound = le.group(2).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(2));
                byLabels.computeIfAbsent(others, k -> new TreeMap<>()).put(bound, s.getValue());
            }
            for (Map.Entry<String, TreeMap<Double, Double>> e : byLabels.entrySet()) {
                double last = 0;
                for (double v : e.getValue().values()) {
                    if (v < last) {
                        throw new IllegalArgumentException(h + "{" + e.getKey() + "}: buckets not cumulative");
                    }
                    last = v;
                }
                if (!e.getValue().containsKey(Double.POSITIVE_INFINITY)) {
                    throw new IllegalArgumentException(h + "{" + e.getKey() + "}: no +Inf bucket");
                }
                Double count = samples.get(h + "_count{" + e.getKey() + "}");
                if (count == null || count.doubleValue() != e.getValue().get(Double.POSITIVE_INFINITY)) {
                    throw new IllegalArgumentException(h + "{" + e.getKey() + "}: _count " + count + " is not the +Inf bucket");
                }
                if (samples.get(h + "_sum{" + e.getKey() + "}") == null) {
                    throw new IllegalArgumentException(h + "{" + e.getKey() + "}: no _sum");
                }
            }
        }
    }
}
