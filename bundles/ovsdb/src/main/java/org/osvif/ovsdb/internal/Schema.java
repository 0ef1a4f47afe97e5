package org.osvif.ovsdb.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osvif.ovsdb.Uuid;

/** The column types of a database schema ({@code get_schema}), enough to decode and diff values. */
public final class Schema {

    /** How a column's values are shaped. */
    public enum Kind { SCALAR, SET, MAP }

    /** @param kind shape @param defaultValue the value of an unset column */
    record Column(Kind kind, Object defaultValue) {
    }

    private final Map<String, Map<String, Column>> tables = new HashMap<>();

    /** @param json the {@code get_schema} result */
    @SuppressWarnings("unchecked")
    public Schema(Map<String, Object> json) {
        Map<String, Object> ts = (Map<String, Object>) json.get("tables");
        for (Map.Entry<String, Object> t : ts.entrySet()) {
            Map<String, Object> cols = (Map<String, Object>) ((Map<String, Object>) t.getValue()).get("columns");
            Map<String, Column> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> c : cols.entrySet()) {
                out.put(c.getKey(), column(((Map<String, Object>) c.getValue()).get("type")));
            }
            tables.put(t.getKey(), out);
        }
    }

    @SuppressWarnings("unchecked")
    private static Column column(Object type) {
        if (type instanceof String s) {
            return new Column(Kind.SCALAR, atomDefault(s));
        }
        Map<String, Object> m = (Map<String, Object>) type;
        long min = m.get("min") instanceof Long l ? l : 1;
        Object maxv = m.get("max");
        long max = maxv instanceof Long l ? l : maxv == null ? 1 : Long.MAX_VALUE;
        if (m.containsKey("value")) {
            return new Column(Kind.MAP, Map.of());
        }
        if (min != 1 || max != 1) {
            return new Column(Kind.SET, Set.of());
        }
        Object key = m.get("key");
        String base = key instanceof String s ? s : (String) ((Map<String, Object>) key).get("type");
        return new Column(Kind.SCALAR, atomDefault(base));
    }

    private static Object atomDefault(String base) {
        switch (base) {
            case "integer": return 0L;
            case "real": return 0.0;
            case "boolean": return Boolean.FALSE;
            case "string": return "";
            default: return new Uuid("00000000-0000-0000-0000-000000000000");
        }
    }

    /** @return whether the schema has the table */
    public boolean hasTable(String table) {
        return tables.containsKey(table);
    }

    /** @return whether the table has the column */
    public boolean hasColumn(String table, String column) {
        Map<String, Column> t = tables.get(table);
        return t != null && t.containsKey(column);
    }

    Map<String, Column> columns(String table) {
        return tables.getOrDefault(table, Map.of());
    }

    /** Decodes a wire value of a column. */
    static Object decode(Column c, Object wire) {
        switch (c.kind()) {
            case MAP: {
                Map<Object, Object> m = new LinkedHashMap<>();
                for (Object pair : (List<?>) ((List<?>) wire).get(1)) {
                    List<?> kv = (List<?>) pair;
                    m.put(atom(kv.get(0)), atom(kv.get(1)));
                }
                return m;
            }
            case SET: {
                Set<Object> s = new LinkedHashSet<>();
                if (wire instanceof List<?> l && "set".equals(l.get(0))) {
                    for (Object a : (List<?>) l.get(1)) {
                        s.add(atom(a));
                    }
                } else {
                    s.add(atom(wire));
                }
                return s;
            }
            default:
                return atom(wire);
        }
    }

    static Object atom(Object wire) {
        if (wire instanceof List<?> l && l.size() == 2 && "uuid".equals(l.get(0))) {
            return new Uuid((String) l.get(1));
        }
        return wire;
    }
}
