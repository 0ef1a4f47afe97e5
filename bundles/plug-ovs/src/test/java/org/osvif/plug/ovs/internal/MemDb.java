package org.osvif.plug.ovs.internal;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.osvif.ovsdb.Op;
import org.osvif.ovsdb.OvsdbErrorException;
import org.osvif.ovsdb.Replica;
import org.osvif.ovsdb.Row;
import org.osvif.ovsdb.Uuid;

/**
 * An in-memory Open_vSwitch database for unit tests without root: a {@link Replica} and a
 * {@link Wire} that applies each transaction atomically (insert, update, mutate, delete by
 * {@code _uuid}, select), refuses a transaction as ovsdb-server does for an Interface with
 * {@code mtu_request} below 1 ({@code constraint violation}) and plays ovs-vswitchd by setting
 * {@code cur_cfg} to {@code next_cfg} on every commit. The plugin's view of it, {@link #replica},
 * holds only the columns the plugin replicates. A subclass may intercept
 * {@link #transact} (to block it, or to lose a reply).
 */
class MemDb implements Replica, Wire {

    private volatile Map<String, Map<Uuid, Row>> tables = new HashMap<>();
    final AtomicInteger commits = new AtomicInteger();

    MemDb() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("bridges", Set.of());
        root.put("next_cfg", 0L);
        root.put("cur_cfg", 0L);
        Uuid u = new Uuid(UUID.randomUUID().toString());
        Map<String, Map<Uuid, Row>> t = new HashMap<>();
        t.computeIfAbsent("Open_vSwitch", k -> new LinkedHashMap<>()).put(u, new Row(u, root));
        tables = t;
    }

    @Override
    public synchronized Collection<Row> rows(String table) {
        return List.copyOf(tables.getOrDefault(table, Map.of()).values());
    }

    @Override
    public synchronized Optional<Row> row(String table, Uuid uuid) {
        return Optional.ofNullable(tables.getOrDefault(table, Map.of()).get(uuid));
    }

    @Override
    public synchronized Optional<Row> byName(String table, String name) {
        return tables.getOrDefault(table, Map.of()).values().stream().filter(r -> name.equals(r.get("name"))).findFirst();
    }

    @Override
    public long generation() {
        return 1;
    }

    /**
     * The plugin's view: as the plugin's client monitors only {@link Txn#COLUMNS}, its rows hold
     * only those, and reading any other column fails the test (the plugin would see nothing
     * there). The tests' own view, MemDb itself, has every column.
     */
    @Override
    public Replica replica() {
        return monitored;
    }

    private final Replica monitored = new Replica() {
        @Override
        public Collection<Row> rows(String table) {
            return MemDb.this.rows(table).stream().map(r -> project(table, r)).toList();
        }

        @Override
        public Optional<Row> row(String table, Uuid uuid) {
            return MemDb.this.row(table, uuid).map(r -> project(table, r));
        }

        @Override
        public Optional<Row> byName(String table, String name) {
            if (!Txn.COLUMNS.getOrDefault(table, List.of()).contains("name")) {
                throw new AssertionError("the plugin looked up " + table + " by name, which it does not replicate");
            }
            return MemDb.this.byName(table, name).map(r -> project(table, r));
        }

        @Override
        public long generation() {
            return MemDb.this.generation();
        }
    };

    private static Row project(String table, Row r) {
        List<String> cols = Txn.COLUMNS.get(table);
        if (cols == null) {
            throw new AssertionError("the plugin read table " + table + ", which it does not replicate");
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        r.columns().forEach((k, v) -> {
            if (cols.contains(k)) {
                kept.put(k, v);
            }
        });
        return new Row(r.uuid(), new AbstractMap<>() {
            @Override
            public Object get(Object column) {
                if (!cols.contains(column)) {
                    throw new AssertionError("the plugin read " + table + "." + column
                            + ", which it does not replicate (Txn.COLUMNS)");
                }
                return kept.get(column);
            }

            @Override
            public Set<Map.Entry<String, Object>> entrySet() {
                return kept.entrySet();
            }
        });
    }

    @Override
    public void await(Duration timeout) {
    }

    @Override
    public boolean awaitReplica(Predicate<Replica> condition, Duration timeout) {
        return condition.test(monitored);
    }

    @Override
    public boolean hasColumn(String table, String column) {
        return true;
    }

    @Override
    public void close() {
    }

    /** @return how many rows of that table have that name */
    long named(String table, String name) {
        return rows(table).stream().filter(r -> name.equals(r.get("name"))).count();
    }

    @Override
    public synchronized List<Map<String, Object>> transact(List<Op> ops, Duration timeout) {
        Map<String, Map<Uuid, Row>> t = new HashMap<>();
        tables.forEach((k, v) -> t.put(k, new LinkedHashMap<>(v)));
        Map<String, Uuid> named = new HashMap<>();
        // named UUIDs may be referred to before the insert that names them
        for (Op op : ops) {
            Object n = op.json().get("uuid-name");
            if (n != null) {
                named.put((String) n, new Uuid(UUID.randomUUID().toString()));
            }
        }
        List<Map<String, Object>> results = new ArrayList<>();
        int i = 0;
        for (Op op : ops) {
            Map<String, Object> j = op.json();
            String table = (String) j.get("table");
            Map<Uuid, Row> rows = t.computeIfAbsent(table, k -> new LinkedHashMap<>());
            switch ((String) j.get("op")) {
                case "insert" -> {
                    Map<String, Object> cols = decodeRow(j.get("row"), named);
                    if ("Interface".equals(table) && cols.get("mtu_request") instanceof Long m && m < 1) {
                        throw new OvsdbErrorException("transact", "constraint violation",
                                "mtu_request " + m + " is less than minimum allowed value 1", i);
                    }
                    Object n = j.get("uuid-name");
                    Uuid u = n != null ? named.get(n) : new Uuid(UUID.randomUUID().toString());
                    rows.put(u, new Row(u, cols));
                    results.add(Map.of("uuid", List.of("uuid", u.value())));
                }
                case "update" -> {
                    Map<String, Object> cols = decodeRow(j.get("row"), named);
                    if ("Interface".equals(table) && cols.get("mtu_request") instanceof Long m && m < 1) {
                        throw new OvsdbErrorException("transact", "constraint violation", "mtu_request", i);
                    }
                    for (Uuid u : where(j, rows, named)) {
                        Map<String, Object> c = new LinkedHashMap<>(rows.get(u).columns());
                        c.putAll(cols);
                        rows.put(u, new Row(u, c));
                    }
                    results.add(Map.of("count", 1L));
                }
                case "mutate" -> {
                    for (Uuid u : where(j, rows, named)) {
                        Map<String, Object> c = new LinkedHashMap<>(rows.get(u).columns());
                        for (Object m : (List<?>) j.get("mutations")) {
                            List<?> mu = (List<?>) m;
                            String col = (String) mu.get(0);
                            Object v = decode(mu.get(2), named);
                            switch ((String) mu.get(1)) {
                                case "+=" -> c.put(col, (Long) c.getOrDefault(col, 0L) + (Long) v);
                                case "insert" -> {
                                    Set<Object> s = new LinkedHashSet<>(setOf(c.get(col)));
                                    s.addAll(setOf(v));
                                    c.put(col, Set.copyOf(s));
                                }
                                case "delete" -> {
                                    Set<Object> s = new LinkedHashSet<>(setOf(c.get(col)));
                                    s.removeAll(setOf(v));
                                    c.put(col, Set.copyOf(s));
                                }
                                default -> throw new IllegalArgumentException(mu.toString());
                            }
                        }
                        rows.put(u, new Row(u, c));
                    }
                    results.add(Map.of("count", 1L));
                }
                case "delete" -> {
                    for (Uuid u : where(j, rows, named)) {
                        rows.remove(u);
                    }
                    results.add(Map.of("count", 1L));
                }
                case "select" -> {
                    List<Object> out = new ArrayList<>();
                    for (Uuid u : where(j, rows, named)) {
                        out.add(Map.of("next_cfg", rows.get(u).get("next_cfg")));
                    }
                    results.add(Map.of("rows", out));
                }
                default -> throw new IllegalArgumentException(j.toString());
            }
            i++;
        }
        // ovs-vswitchd applies at once
        for (Map.Entry<Uuid, Row> e : t.get("Open_vSwitch").entrySet()) {
            Map<String, Object> c = new LinkedHashMap<>(e.getValue().columns());
            c.put("cur_cfg", c.get("next_cfg"));
            e.setValue(new Row(e.getKey(), c));
        }
        tables = t;
        commits.incrementAndGet();
        return results;
    }

    private static Set<?> setOf(Object v) {
        return v instanceof Set<?> s ? s : v == null ? Set.of() : Set.of(v);
    }

    private static List<Uuid> where(Map<String, Object> j, Map<Uuid, Row> rows, Map<String, Uuid> named) {
        List<Uuid> out = new ArrayList<>();
        for (Object c : (List<?>) j.get("where")) {
            List<?> cond = (List<?>) c;
            if (!"_uuid".equals(cond.get(0)) || !"==".equals(cond.get(1))) {
                throw new IllegalArgumentException("MemDb: only _uuid == conditions: " + cond);
            }
            Uuid u = (Uuid) decode(cond.get(2), named);
            if (rows.containsKey(u)) {
                out.add(u);
            }
        }
        return out;
    }

    private static Map<String, Object> decodeRow(Object row, Map<String, Uuid> named) {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) row).forEach((k, v) -> out.put((String) k, decode(v, named)));
        return out;
    }

    private static Object decode(Object v, Map<String, Uuid> named) {
        if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof String tag) {
            switch (tag) {
                case "uuid":
                    return new Uuid((String) l.get(1));
                case "named-uuid":
                    return named.get((String) l.get(1));
                case "set": {
                    Set<Object> s = new LinkedHashSet<>();
                    for (Object x : (List<?>) l.get(1)) {
                        s.add(decode(x, named));
                    }
                    return Set.copyOf(s);
                }
                case "map": {
                    Map<Object, Object> m = new LinkedHashMap<>();
                    for (Object p : (List<?>) l.get(1)) {
                        List<?> kv = (List<?>) p;
                        m.put(decode(kv.get(0), named), decode(kv.get(1), named));
                    }
                    return Map.copyOf(m);
                }
                default:
                    break;
            }
        }
        return v;
    }
}
