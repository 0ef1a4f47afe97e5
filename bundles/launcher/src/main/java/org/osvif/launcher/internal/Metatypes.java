package org.osvif.launcher.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.osgi.framework.Bundle;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What each component accepts, from the {@code OSGI-INF/metatype/*.xml} that bnd writes from its
 * {@code @ObjectClassDefinition}: the attribute ids, their types, options and bounds, by the pid
 * they are designated for. Read from the bundles themselves (installed or a jar of deploy/), so
 * no metatype service needs to run: the check happens before the configuration reaches Config
 * Admin, at start and at every change of {@code etc/}.
 */
public final class Metatypes {

    private static final int MAX_XML = 1 << 20;

    /** One attribute a component accepts. */
    record Attribute(String id, String type, int cardinality, List<String> options, String min, String max) {
    }

    /** The attributes of one pid, and which bundle declares them. */
    public record Definition(String pid, String bundle, Map<String, Attribute> attributes) {
    }

    private Metatypes() {
    }

    /**
     * @param bundles installed bundles
     * @return every designated pid's definition
     */
    public static Map<String, Definition> of(Bundle[] bundles) {
        Map<String, Definition> out = new LinkedHashMap<>();
        for (Bundle b : bundles) {
            Enumeration<String> paths = b.getEntryPaths("OSGI-INF/metatype/");
            while (paths != null && paths.hasMoreElements()) {
                String p = paths.nextElement();
                URL u = p.endsWith(".xml") ? b.getEntry(p) : null;
                if (u != null) {
                    try (InputStream in = u.openStream()) {
                        parse(in.readNBytes(MAX_XML), b.getSymbolicName(), out);
                    } catch (IOException | RuntimeException e) {
                        // A bundle whose metatype does not read simply has none to check against.
                    }
                }
            }
        }
        return out;
    }

    /**
     * @param jar a jar of deploy/ (already checked against the size caps)
     * @param bsn its symbolic name
     * @return the pids it designates
     */
    public static Map<String, Definition> of(Path jar, String bsn) {
        Map<String, Definition> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String n = e.getName();
                if (n.startsWith("OSGI-INF/metatype/") && n.endsWith(".xml") && n.indexOf('/', 18) < 0) {
                    parse(zip.readNBytes(MAX_XML), bsn, out);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: installing it will say so
        }
        return out;
    }

    private static void parse(byte[] xml, String bsn, Map<String, Definition> out) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return;
        }
        Map<String, Map<String, Attribute>> ocds = new LinkedHashMap<>();
        NodeList ocdNodes = doc.getElementsByTagName("OCD");
        for (int i = 0; i < ocdNodes.getLength(); i++) {
            Element ocd = (Element) ocdNodes.item(i);
            Map<String, Attribute> ads = new LinkedHashMap<>();
            NodeList adNodes = ocd.getElementsByTagName("AD");
            for (int j = 0; j < adNodes.getLength(); j++) {
                Element ad = (Element) adNodes.item(j);
                List<String> options = new ArrayList<>();
                NodeList opts = ad.getElementsByTagName("Option");
                for (int k = 0; k < opts.getLength(); k++) {
                    options.add(((Element) opts.item(k)).getAttribute("value"));
                }
                String card = ad.getAttribute("cardinality");
                ads.put(ad.getAttribute("id"), new Attribute(ad.getAttribute("id"), ad.getAttribute("type"),
                        card.isEmpty() ? 0 : Integer.parseInt(card), options, ad.getAttribute("min"), ad.getAttribute("max")));
            }
            ocds.put(ocd.getAttribute("id"), ads);
        }
        NodeList designates = doc.getElementsByTagName("Designate");
        for (int i = 0; i < designates.getLength(); i++) {
            Element d = (Element) designates.item(i);
            String pid = d.getAttribute("pid").isEmpty() ? d.getAttribute("factoryPid") : d.getAttribute("pid");
            NodeList objects = d.getElementsByTagName("Object");
            if (objects.getLength() > 0 && ocds.containsKey(((Element) objects.item(0)).getAttribute("ocdref"))) {
                out.put(pid, new Definition(pid, bsn, ocds.get(((Element) objects.item(0)).getAttribute("ocdref"))));
            }
        }
    }

    /** Keys Config Admin, DS or this container put in a configuration: not the component's own. */
    private static boolean isFramework(String key) {
        return key.startsWith("service.") || key.startsWith("component.") || key.startsWith("felix.")
                || key.startsWith("osvif.") || key.equals("osvif.source");
    }

    /** os-vif's keys have underscores, the DS property names dots (a_b is a.b): one name for both. */
    private static String norm(String key) {
        return key.replace('_', '.');
    }

    /**
     * @param where names where a key came from, e.g. {@code etc/org.osvif.core.cfg} or {@code --set}
     * @param definition what the pid's component accepts
     * @param props the configuration
     * @return the first refusal as one line (file or --set, key, value, what is accepted), or {@code null}
     */
    public static String check(java.util.function.Function<String, String> where, Definition definition,
            Map<String, Object> props) {
        Map<String, Attribute> byName = new LinkedHashMap<>();
        definition.attributes().values().forEach(a -> byName.put(norm(a.id()), a));
        for (Map.Entry<String, Object> e : props.entrySet()) {
            String key = e.getKey();
            if (isFramework(key)) {
                continue;
            }
            Attribute a = byName.get(norm(key));
            String value = e.getValue() instanceof String[] list ? String.join(",", list) : String.valueOf(e.getValue());
            if (a == null) {
                return where.apply(key) + ": " + key + " = " + value + ": " + definition.pid() + " has no key " + key
                        + nearest(key, definition.attributes().keySet());
            }
            String why = refusal(a, e.getValue());
            if (why != null) {
                return where.apply(key) + ": " + key + " = " + value + ": " + why;
            }
        }
        return null;
    }

    private static String refusal(Attribute a, Object value) {
        List<String> values = new ArrayList<>();
        if (value instanceof String[] list) {
            if (a.cardinality() == 0 && list.length > 1) {
                return "one value accepted, not a list";
            }
            values.addAll(List.of(list));
        } else {
            values.add(String.valueOf(value).trim());
        }
        for (String v : values) {
            String why = typeRefusal(a, v);
            if (why != null) {
                return why;
            }
            if (!a.options().isEmpty() && !a.options().contains(v)) {
                return "accepted: " + String.join(", ", a.options());
            }
        }
        return null;
    }

    private static String typeRefusal(Attribute a, String v) {
        try {
            switch (a.type()) {
                case "Boolean" -> {
                    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                        return "accepted: true or false";
                    }
                }
                case "Integer", "Long", "Short", "Byte" -> {
                    long n = a.type().equals("Long") ? Long.parseLong(v) : Integer.parseInt(v);
                    if ((!a.min().isEmpty() && n < Long.parseLong(a.min())) || (!a.max().isEmpty() && n > Long.parseLong(a.max()))) {
                        return "accepted: a whole number from " + (a.min().isEmpty() ? "any" : a.min()) + " to "
                                + (a.max().isEmpty() ? "any" : a.max());
                    }
                }
                case "Double", "Float" -> Double.parseDouble(v);
                default -> {
                    // String, Char, Password: any text
                }
            }
        } catch (NumberFormatException e) {
            return "accepted: " + (a.type().equals("Double") || a.type().equals("Float") ? "a number" : "a whole number ("
                    + a.type() + ")");
        }
        return null;
    }

    private static String nearest(String key, Iterable<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(norm(key).toLowerCase(), norm(k).toLowerCase());
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        if (best == null) {
            return " (it has no keys)";
        }
        // in the operator's spelling: os-vif's underscores when the key had them
        return "; did you mean " + (key.indexOf('_') >= 0 ? best.replace('.', '_') : best) + "?";
    }

    /** Levenshtein distance: how many edits turn one key into the other. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
