package org.osvif.ovsdb.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osvif.ovsdb.Replica;
import org.osvif.ovsdb.Row;
import org.osvif.ovsdb.Uuid;

/**
 * The replica: one map of immutable rows per table plus a name index, written only by the
 * connection's reader thread, read by any thread. A resync builds new tables and swaps them in
 * whole, so a reader never sees a half-built database.
 */
public final class Store implements Replica {

    private static final class Table {
        final Map<Uuid, Row> rows = new ConcurrentHashMap<>();
        final Map<String, Uuid> names = new ConcurrentHashMap<>();
        /** The monitored columns and their types: a row holds these and no others. */
        final Map<String, Schema.Column> columns;

        Table(Map<String, Schema.Column> columns) {
            this.columns = columns;
        }
    }

    private static Map<String, Schema.Column> columns(Schema s, String table, Set<String> monitored) {
        Map<String, Schema.Column> all = s.columns(table);
        if (monitored == null) {
            return all;
        }
        Map<String, Schema.Column> out = new LinkedHashMap<>();
        for (String c : monitored) {
            Schema.Column col = all.get(c);
            if (col != null) {
                out.put(c, col);
            }
        }
        return out;
    }

    private volatile Map<String, Table> tables = Map.of();
    private volatile Schema schema;
    private volatile long generation;
    private long version;

    @Override
    public Collection<Row> rows(String table) {
        Table t = tables.get(table);
        return t == null ? List.of() : Collections.unmodifiableCollection(t.rows.values());
    }

    @Override
    public Optional<Row> row(String table, Uuid uuid) {
        Table t = tables.get(table);
        return t == null ? Optional.empty() : Optional.ofNullable(t.rows.get(uuid));
    }

    @Override
    public Optional<Row> byName(String table, String name) {
        Table t = tables.get(table);
        if (t == null) {
            return Optional.empty();
        }
        Uuid u = t.names.get(name);
        return u == null ? Optional.empty() : Optional.ofNullable(t.rows.get(u));
    }

    @Override
    public long generation() {
        return generation;
    }

    /** @return the schema of the current connection */
    public Schema schema() {
        return schema;
    }

    /**
     * Replaces everything with a monitor's initial state (reader thread).
     *
     * @param s the schema
     * @param monitored the monitored tables and their monitored columns ({@code null}: all)
     * @param initial the monitor's reply
     */
    public void reset(Schema s, Map<String, Set<String>> monitored, Map<String, Object> initial) {
        Map<String, Table> fresh = new HashMap<>();
        monitored.forEach((t, cols) -> fresh.put(t, new Table(columns(s, t, cols))));
        apply(fresh, initial);
        synchronized (this) {
            this.schema = s;
            this.tables = fresh;
            generation++;
            version++;
            notifyAll();
        }
    }

    /** Applies an {@code update2} notification (reader thread). */
    public void update(Map<String, Object> updates) {
        apply(tables, updates);
        synchronized (this) {
            version++;
            notifyAll();
        }
    }

    /**
     * Waits until {@code done} holds, re-checking on every change of the replica.
     *
     * @return whether it held before the deadline
     */
    public boolean await(java.util.function.Predicate<Replica> done, long deadlineNanos) throws InterruptedException {
        synchronized (this) {
            while (!done.test(this)) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    /** Wakes {@link #await} callers (e.g. on connection loss). */
    public synchronized void wake() {
        notifyAll();
    }

    @SuppressWarnings("unchecked")
    private static void apply(Map<String, Table> tables, Map<String, Object> updates) {
        for (Map.Entry<String, Object> tu : updates.entrySet()) {
            Table t = tables.get(tu.getKey());
            if (t == null) {
                continue;
            }
            Map<String, Schema.Column> cols = t.columns;
            for (Map.Entry<String, Object> ru : ((Map<String, Object>) tu.getValue()).entrySet()) {
                Uuid uuid = new Uuid(ru.getKey());
                Map<String, Object> change = (Map<String, Object>) ru.getValue();
                Row old = t.rows.get(uuid);
                Row neu;
                if (change.containsKey("delete")) {
                    neu = null;
                } else if (change.get("modify") instanceof Map<?, ?> diff && old != null) {
                    neu = modify(cols, old, (Map<String, Object>) diff);
                } else {
                    Object r = change.containsKey("initial") ? change.get("initial") : change.get("insert");
                    neu = full(cols, uuid, (Map<String, Object>) r);
                }
                put(t, uuid, old, neu);
            }
        }
    }

    private static void put(Table t, Uuid uuid, Row old, Row neu) {
        if (old != null && old.get("name") instanceof String n && (neu == null || !n.equals(neu.get("name")))) {
            t.names.remove(n, uuid);
        }
        if (neu == null) {
            t.rows.remove(uuid);
            return;
        }
        t.rows.put(uuid, neu);
        if (neu.get("name") instanceof String n) {
            t.names.put(n, uuid);
        }
    }

    private static Row full(Map<String, Schema.Column> cols, Uuid uuid, Map<String, Object> wire) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Schema.Column> c : cols.entrySet()) {
            Object w = wire == null ? null : wire.get(c.getKey());
            values.put(c.getKey(), freeze(w == null ? c.getValue().defaultValue() : Schema.decode(c.getValue(), w)));
        }
        return new Row(uuid, Collections.unmodifiableMap(values));
    }

    @SuppressWarnings("unchecked")
    private static Row modify(Map<String, Schema.Column> cols, Row old, Map<String, Object> diff) {
        Map<String, Object> values = new LinkedHashMap<>(old.columns());
        for (Map.Entry<String, Object> d : diff.entrySet()) {
            Schema.Column c = cols.get(d.getKey());
            if (c == null) {
                continue;
            }
            Object delta = Schema.decode(c, d.getValue());
            switch (c.kind()) {
                case SET: {
                    Set<Object> s = new LinkedHashSet<>((Set<Object>) values.get(d.getKey()));
                    for (Object a : (Set<Object>) delta) {
                        if (!s.remove(a)) {
                            s.add(a);
                        }
                    }
                    values.put(d.getKey(), Collections.unmodifiableSet(s));
                    break;
                }
                case MAP: {
                    Map<Object, Object> m = new LinkedHashMap<>((Map<Object, Object>) values.get(d.getKey()));
                    for (Map.Entry<Object, Object> e : ((Map<Object, Object>) delta).entrySet()) {
                        if (e.getValue().equals(m.get(e.getKey()))) {
                            m.remove(e.getKey());
                        } else {
                            m.put(e.getKey(), e.getValue());
                        }
                    }
                    values.put(d.getKey(), Collections.unmodifiableMap(m));
                    break;
                }
                default:
                    values.put(d.getKey(), delta);
            }
        }
        return new Row(old.uuid(), Collections.unmodifiableMap(values));
    }

    @SuppressWarnings("unchecked")
    private static Object freeze(Object v) {
        if (v instanceof Set<?> s) {
            return Collections.unmodifiableSet((Set<Object>) s);
        }
        if (v instanceof Map<?, ?> m) {
            return Collections.unmodifiableMap((Map<Object, Object>) m);
        }
        return v;
    }
}
