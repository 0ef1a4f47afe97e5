package org.osvif.ovsdb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One operation of a {@code transact} call (RFC 7047 section 5.2). Values are Java values:
 * {@code String}, {@code Long}/{@code Integer}, {@code Double}, {@code Boolean}, {@link Uuid},
 * {@link NamedUuid}, a {@code java.util.Map} for an OVSDB map and any other
 * {@code java.util.Collection} for an OVSDB set.
 */
public final class Op {

    private final Map<String, Object> json;

    private Op(Map<String, Object> json) {
        this.json = json;
    }

    /** @return the operation as a JSON tree (maps, lists, atoms) */
    public Map<String, Object> json() {
        return json;
    }

    private static Map<String, Object> op(String op, String table) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", op);
        m.put("table", table);
        return m;
    }

    /**
     * @param table the table
     * @param row column values
     * @param uuidName the name other operations refer to the new row by, or {@code null}
     * @return an {@code insert}
     */
    public static Op insert(String table, Map<String, ?> row, String uuidName) {
        Map<String, Object> m = op("insert", table);
        m.put("row", row(row));
        if (uuidName != null) {
            new NamedUuid(uuidName);
            m.put("uuid-name", uuidName);
        }
        return new Op(m);
    }

    /**
     * @param table the table
     * @param where the rows
     * @param row new column values
     * @return an {@code update}
     */
    public static Op update(String table, List<Condition> where, Map<String, ?> row) {
        Map<String, Object> m = op("update", table);
        m.put("where", where(where));
        m.put("row", row(row));
        return new Op(m);
    }

    /**
     * @param table the table
     * @param where the rows
     * @param mutations what to change
     * @return a {@code mutate}
     */
    public static Op mutate(String table, List<Condition> where, List<Mutation> mutations) {
        Map<String, Object> m = op("mutate", table);
        m.put("where", where(where));
        List<Object> ms = new ArrayList<>();
        for (Mutation x : mutations) {
            ms.add(List.of(x.column(), x.mutator(), encode(x.value())));
        }
        m.put("mutations", ms);
        return new Op(m);
    }

    /**
     * @param table the table
     * @param where the rows
     * @return a {@code delete}
     */
    public static Op delete(String table, List<Condition> where) {
        Map<String, Object> m = op("delete", table);
        m.put("where", where(where));
        return new Op(m);
    }

    /**
     * @param table the table
     * @param where the rows
     * @param columns the columns to return, or {@code null} for all
     * @return a {@code select}
     */
    public static Op select(String table, List<Condition> where, List<String> columns) {
        Map<String, Object> m = op("select", table);
        m.put("where", where(where));
        if (columns != null) {
            m.put("columns", List.copyOf(columns));
        }
        return new Op(m);
    }

    /**
     * A {@code wait}: the transaction fails with {@code timed out} unless the rows matching
     * {@code where}, projected on {@code columns}, are ({@code until} {@code ==}) or are not
     * ({@code !=}) exactly {@code rows}. With timeout 0 it is a precondition check.
     *
     * @param table the table
     * @param where the rows
     * @param columns the columns compared
     * @param until {@code ==} or {@code !=}
     * @param rows the expected rows (column values)
     * @param timeoutMs how long the server may wait, 0 for not at all
     * @return a {@code wait}
     */
    public static Op waitFor(String table, List<Condition> where, List<String> columns, String until,
            List<Map<String, ?>> rows, long timeoutMs) {
        if (!until.equals("==") && !until.equals("!=")) {
            throw new IllegalArgumentException("until must be == or !=: " + until);
        }
        Map<String, Object> m = op("wait", table);
        m.put("timeout", timeoutMs);
        m.put("where", where(where));
        m.put("columns", List.copyOf(columns));
        m.put("until", until);
        List<Object> rs = new ArrayList<>();
        for (Map<String, ?> r : rows) {
            rs.add(row(r));
        }
        m.put("rows", rs);
        return new Op(m);
    }

    /**
     * @param text a comment for the database log
     * @return a {@code comment}
     */
    public static Op comment(String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", "comment");
        m.put("comment", text);
        return new Op(m);
    }

    private static Map<String, Object> row(Map<String, ?> row) {
        Map<String, Object> r = new LinkedHashMap<>();
        row.forEach((k, v) -> r.put(k, encode(v)));
        return r;
    }

    private static List<Object> where(List<Condition> where) {
        List<Object> w = new ArrayList<>();
        for (Condition c : where) {
            w.add(List.of(c.column(), c.function(), encode(c.value())));
        }
        return w;
    }

    /**
     * @param v a Java value
     * @return its OVSDB JSON form
     */
    public static Object encode(Object v) {
        if (v instanceof Uuid u) {
            return List.of("uuid", u.value());
        }
        if (v instanceof NamedUuid n) {
            return List.of("named-uuid", n.name());
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof String || v instanceof Long || v instanceof Boolean || v instanceof Double) {
            return v;
        }
        if (v instanceof Map<?, ?> map) {
            List<Object> pairs = new ArrayList<>();
            map.forEach((k, x) -> pairs.add(List.of(atom(k), atom(x))));
            return List.of("map", pairs);
        }
        if (v instanceof Collection<?> c) {
            List<Object> atoms = new ArrayList<>();
            for (Object x : c) {
                atoms.add(atom(x));
            }
            return List.of("set", atoms);
        }
        throw new IllegalArgumentException("not an OVSDB value: " + (v == null ? "null" : v.getClass().getName()));
    }

    private static Object atom(Object v) {
        if (v instanceof Map || v instanceof Collection) {
            throw new IllegalArgumentException("not an OVSDB atom: " + v);
        }
        return encode(v);
    }

    /**
     * A {@code where} condition.
     *
     * @param column the column, e.g. {@code name} or {@code _uuid}
     * @param function {@code ==}, {@code !=}, {@code includes}, {@code excludes}, {@code <} ...
     * @param value the value compared with
     */
    public record Condition(String column, String function, Object value) {

        /**
         * @param column the column
         * @param value the value
         * @return {@code column == value}
         */
        public static Condition eq(String column, Object value) {
            return new Condition(column, "==", value);
        }
    }

    /**
     * A {@code mutate} mutation.
     *
     * @param column the column
     * @param mutator {@code +=}, {@code -=}, {@code insert}, {@code delete} ...
     * @param value the operand
     */
    public record Mutation(String column, String mutator, Object value) {
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
