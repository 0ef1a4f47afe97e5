package org.osvif.ovsdb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.osvif.ovsdb.internal.Schema;
import org.osvif.ovsdb.internal.Session;
import org.osvif.ovsdb.internal.Store;

/**
 * An OVSDB client (RFC 7047) for one database on one server ({@code unix:PATH} or
 * {@code tcp:HOST:PORT}). It keeps one connection, reconnecting with backoff when it is lost,
 * and on each connection monitors the configured tables ({@code monitor_cond}) into a
 * {@link Replica} rebuilt from scratch, so nothing of an older connection survives a reconnect.
 * Calls may come from many threads at once; they are pipelined on the connection and matched
 * to their replies by id. Each call has a timeout. Thread-safe.
 */
public final class OvsdbClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OvsdbClient.class.getName());

    private final String target;
    private final Options options;
    private final Store store = new Store();
    private final Thread supervisor;
    private volatile Session session;
    private volatile boolean closed;
    private volatile Throwable lastError;

    private OvsdbClient(String target, Options options) {
        this.target = target;
        this.options = options;
        Session.address(target);
        this.supervisor = new Thread(this::supervise, "ovsdb-connect " + target);
        supervisor.setDaemon(true);
    }

    /** @return default options: database Open_vSwitch, its five tables monitored (every column), 10 s calls */
    public static Options options() {
        return new Options();
    }

    /**
     * Starts connecting in the background; calls wait for the connection (within their timeout).
     *
     * @param target {@code unix:PATH} or {@code tcp:HOST:PORT}
     * @param options the options
     * @return the client
     * @throws IllegalArgumentException when the target is not of those forms
     */
    public static OvsdbClient connect(String target, Options options) {
        OvsdbClient c = new OvsdbClient(target, options);
        c.supervisor.start();
        return c;
    }

    /** @return the connection target */
    public String target() {
        return target;
    }

    /** @return the replica of the monitored tables */
    public Replica replica() {
        return store;
    }

    /**
     * @param table a table
     * @param column a column
     * @return whether the server's schema has it (waits for the connection)
     */
    public boolean hasColumn(String table, String column) {
        await(options.callTimeout);
        return store.schema().hasColumn(table, column);
    }

    /**
     * Waits until connected and the replica is synchronized.
     *
     * @param timeout how long at most
     * @throws OvsdbConnectionException when not connected in time, with the last connection error
     */
    public void await(Duration timeout) {
        current(System.nanoTime() + timeout.toNanos());
    }

    private Session current(long deadline) {
        Session s = session;
        if (s != null && !s.isClosed()) {
            return s;
        }
        synchronized (this) {
            while ((s = session) == null || s.isClosed()) {
                if (closed) {
                    throw new OvsdbConnectionException("client for " + target + " is closed", null);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new OvsdbConnectionException("not connected to " + target
                            + (lastError == null ? "" : ": " + lastError.getMessage()), lastError);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new OvsdbConnectionException("interrupted waiting for " + target, e);
                }
            }
            return s;
        }
    }

    /**
     * Runs a transaction on the configured database and waits for its result.
     *
     * @param ops the operations
     * @return one result object per operation
     * @throws OvsdbErrorException when an operation failed (nothing was applied)
     * @throws OvsdbTimeoutException when no reply came within the call timeout
     * @throws OvsdbConnectionException when not connected, or the connection was lost
     */
    public List<Map<String, Object>> transact(List<Op> ops) {
        return transact(ops, options.callTimeout);
    }

    /**
     * As {@link #transact(List)}, with its own timeout.
     *
     * @param ops the operations
     * @param timeout how long to wait for the connection and the reply together
     * @return one result object per operation
     */
    public List<Map<String, Object>> transact(List<Op> ops, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Session s = current(deadline);
        CompletableFuture<Object> f = s.call("transact", params(ops), null);
        return results(ops.size(), get(s, f, "transact", timeout, deadline));
    }

    /**
     * Sends a transaction without waiting: many may be in flight at once.
     *
     * @param ops the operations
     * @return one result object per operation, or the exceptions of {@link #transact(List)}
     */
    public CompletableFuture<List<Map<String, Object>>> transactAsync(List<Op> ops) {
        long deadline = System.nanoTime() + options.callTimeout.toNanos();
        Session s = current(deadline);
        CompletableFuture<Object> f = s.call("transact", params(ops), null);
        return f.orTimeout(options.callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((r, e) -> {
                    if (e != null) {
                        throw unwrap(s, f, e, "transact", options.callTimeout);
                    }
                    return results(ops.size(), r);
                });
    }

    /**
     * A raw JSON-RPC call (e.g. {@code echo}, {@code list_dbs}).
     *
     * @param method the method
     * @param params its parameters (JSON trees)
     * @return the result (a JSON tree)
     */
    public Object call(String method, List<Object> params) {
        long deadline = System.nanoTime() + options.callTimeout.toNanos();
        Session s = current(deadline);
        return get(s, s.call(method, params, null), method, options.callTimeout, deadline);
    }

    /**
     * Waits until the replica satisfies {@code condition}, re-checking on every update.
     *
     * @param condition what to wait for
     * @param timeout how long at most
     * @return whether it held in time
     */
    public boolean awaitReplica(Predicate<Replica> condition, Duration timeout) {
        try {
            return store.await(condition, System.nanoTime() + timeout.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<Object> params(List<Op> ops) {
        List<Object> p = new ArrayList<>(ops.size() + 1);
        p.add(options.database);
        for (Op o : ops) {
            p.add(o.json());
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(int n, Object r) {
        List<Object> l = (List<Object>) r;
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i) instanceof Map<?, ?> m && m.get("error") != null) {
                throw new OvsdbErrorException("transact", String.valueOf(m.get("error")),
                        m.get("details") == null ? null : String.valueOf(m.get("details")), i < n ? i : -1);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>(n);
        for (int i = 0; i < n && i < l.size(); i++) {
            out.add(l.get(i) == null ? Map.of() : (Map<String, Object>) l.get(i));
        }
        return out;
    }

    private static Object get(Session s, CompletableFuture<Object> f, String method, Duration timeout, long deadline) {
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.forget(f);
            throw new OvsdbConnectionException("interrupted waiting for " + method, e);
        } catch (ExecutionException | TimeoutException e) {
            throw unwrap(s, f, e instanceof ExecutionException ? e.getCause() : e, method, timeout);
        }
    }

    private static RuntimeException unwrap(Session s, CompletableFuture<Object> f, Throwable e, String method,
            Duration timeout) {
        while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof TimeoutException) {
            s.forget(f);
            return new OvsdbTimeoutException(method + ": no reply within " + timeout.toMillis()
                    + " ms; it may still be applied");
        }
        if (e instanceof OvsdbException o) {
            return o;
        }
        return new OvsdbException(method + " failed: " + e, e);
    }

    @SuppressWarnings("unchecked")
    private void supervise() {
        long backoff = options.minBackoff.toMillis();
        while (!closed) {
            Session s = null;
            try {
                s = Session.open(target, this::notification);
                Session s0 = s;
                Map<String, Object> schemaJson = (Map<String, Object>) s.call("get_schema", List.of(options.database), null)
                        .get(options.callTimeout.toMillis(), TimeUnit.MILLISECONDS);
                Schema schema = new Schema(schemaJson);
                Map<String, Set<String>> monitored = monitored(schema, options.tables, options.columns);
                s.call("monitor_cond", List.of(options.database, "osvif", monitorRequests(monitored)),
                        r -> store.reset(schema, monitored, (Map<String, Object>) r))
                        .get(options.callTimeout.toMillis(), TimeUnit.MILLISECONDS);
                synchronized (this) {
                    session = s0;
                    lastError = null;
                    notifyAll();
                }
                LOG.log(System.Logger.Level.INFO, "connected to {0} (replica generation {1})", target, store.generation());
                backoff = options.minBackoff.toMillis();
                s.awaitClosed();
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "lost connection to {0}: {1}", target, s.failure());
                }
                lastError = s.failure();
            } catch (InterruptedException e) {
                break;
            } catch (Exception e) {
                lastError = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                if (s != null) {
                    s.close();
                }
            }
            store.wake();
            synchronized (this) {
                if (closed) {
                    break;
                }
                try {
                    wait(backoff);
                } catch (InterruptedException e) {
                    break;
                }
            }
            backoff = Math.min(options.maxBackoff.toMillis(), backoff * 2);
        }
    }

    /**
     * What to monitor on a server with that schema: each configured table it has, with the
     * configured columns it has ({@code null}: all of them). A column the server lacks (an older
     * schema without {@code mtu_request}) is left out rather than refused by the server.
     *
     * @return table to columns, in the configured order
     */
    static Map<String, Set<String>> monitored(Schema schema, List<String> tables, Map<String, List<String>> columns) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String t : tables) {
            if (!schema.hasTable(t)) {
                continue;
            }
            List<String> want = columns.get(t);
            if (want == null) {
                out.put(t, null);
                continue;
            }
            Set<String> have = new LinkedHashSet<>();
            for (String c : want) {
                if (schema.hasColumn(t, c)) {
                    have.add(c);
                }
            }
            out.put(t, Collections.unmodifiableSet(have));
        }
        return out;
    }

    /** @return the {@code monitor_cond} requests: all columns ({@code {}}) or a column list per table */
    static Map<String, Object> monitorRequests(Map<String, Set<String>> monitored) {
        Map<String, Object> req = new LinkedHashMap<>();
        monitored.forEach((t, cols) -> req.put(t, cols == null ? Map.of() : Map.of("columns", List.copyOf(cols))));
        return req;
    }

    @SuppressWarnings("unchecked")
    private void notification(Map<String, Object> m) {
        if ("update2".equals(m.get("method")) && m.get("params") instanceof List<?> p && p.size() == 2) {
            store.update((Map<String, Object>) p.get(1));
        }
    }

    /** Closes the connection and stops reconnecting; calls in flight fail. */
    @Override
    public void close() {
        Session s;
        synchronized (this) {
            closed = true;
            s = session;
            notifyAll();
        }
        supervisor.interrupt();
        if (s != null) {
            s.close();
        }
        store.wake();
    }

    /** Client options. */
    public static final class Options {
        private String database = "Open_vSwitch";
        private List<String> tables = List.of("Open_vSwitch", "Bridge", "Port", "Interface", "QoS");
        private final Map<String, List<String>> columns = new LinkedHashMap<>();
        private Duration callTimeout = Duration.ofSeconds(10);
        private Duration minBackoff = Duration.ofMillis(50);
        private Duration maxBackoff = Duration.ofSeconds(2);

        Options() {
        }

        /** @param db the database, default {@code Open_vSwitch} @return these options */
        public Options database(String db) {
            this.database = Objects.requireNonNull(db);
            return this;
        }

        /** @param t the tables to monitor (those the schema lacks are skipped) @return these options */
        public Options monitor(List<String> t) {
            this.tables = List.copyOf(t);
            return this;
        }

        /**
         * Replicates only some columns of a monitored table. The server then sends nothing for a
         * change to the others (ovs-vswitchd's status and statistics, say), and the table's rows
         * hold only these columns: {@link Row#get} of another is {@code null}.
         *
         * @param table a monitored table
         * @param columns the columns to replicate, besides {@code _uuid} (those the server's
         *        schema lacks are skipped)
         * @return these options
         * @since 1.1
         */
        public Options columns(String table, Collection<String> columns) {
            Objects.requireNonNull(table, "table");
            for (String c : columns) {
                if (c == null || c.isEmpty() || c.startsWith("_")) {
                    throw new IllegalArgumentException("monitored column of " + table + ": '" + c
                            + "' is not a column name (_uuid is always replicated)");
                }
            }
            this.columns.put(table, List.copyOf(columns));
            return this;
        }

        /** @param d per-call timeout, waiting for the connection included; default 10 s @return these options */
        public Options callTimeout(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("call timeout must be positive");
            }
            this.callTimeout = d;
            return this;
        }

        /** @param min first reconnect delay @param max longest reconnect delay @return these options */
        public Options backoff(Duration min, Duration max) {
            this.minBackoff = min;
            this.maxBackoff = max;
            return this;
        }
    }
}
