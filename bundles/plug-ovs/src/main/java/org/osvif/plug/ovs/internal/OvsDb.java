package org.osvif.plug.ovs.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.osvif.ovsdb.OvsdbClient;
import org.osvif.ovsdb.OvsdbConnectionException;
import org.osvif.ovsdb.OvsdbErrorException;
import org.osvif.ovsdb.OvsdbTimeoutException;
import org.osvif.ovsdb.Replica;
import org.osvif.ovsdb.Row;

/**
 * Runs {@link Txn}s the way ovsdbapp's vsctl-style transactions run: each one that changes
 * something bumps {@code next_cfg} and then waits (up to the timeout, only logging when it does not happen) for
 * ovs-vswitchd to report {@code cur_cfg} at least that high, i.e. to have applied it.
 * A transaction whose connection is lost or whose reply does not come is rebuilt from the
 * resynchronized replica and sent again: the commands are idempotent ({@code may_exist},
 * {@code if_exists}) and OVSDB's unique name indexes refuse a second insert, so a plug is never
 * applied twice.
 */
final class OvsDb {

    private static final System.Logger LOG = System.getLogger(OvsDb.class.getName());
    private static final int MAX_CONFLICTS = 5;

    private final OvsdbClient client;
    private final Duration timeout;
    private final boolean waitForVswitchd;

    OvsDb(OvsdbClient client, Duration timeout, boolean waitForVswitchd) {
        this.client = client;
        this.timeout = timeout;
        this.waitForVswitchd = waitForVswitchd;
    }

    Replica replica() {
        return client.replica();
    }

    OvsdbClient client() {
        return client;
    }

    /**
     * Builds a transaction from the current replica, commits it and waits for vswitchd.
     *
     * @param build adds the commands
     */
    void run(Consumer<Txn> build) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int conflicts = 0;
        while (true) {
            client.await(left(deadline));
            Txn t = new Txn(client.replica());
            build.accept(t);
            List<org.osvif.ovsdb.Op> ops = t.ops();
            if (ops.isEmpty()) {
                return; // nothing to change: nothing sent, nothing for vswitchd to apply
            }
            List<Map<String, Object>> r;
            try {
                r = client.transact(ops, left(deadline));
            } catch (OvsdbConnectionException | OvsdbTimeoutException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw e;
                }
                LOG.log(System.Logger.Level.INFO, "retrying a transaction on a fresh replica: {0}", e.getMessage());
                continue;
            } catch (OvsdbErrorException e) {
                // A concurrent writer created a row of the same name between our look at the
                // replica and the commit: look again.
                if (("constraint violation".equals(e.error()) || "timed out".equals(e.error()))
                        && ++conflicts < MAX_CONFLICTS) {
                    continue;
                }
                throw e;
            }
            if (waitForVswitchd) {
                awaitVswitchd(r.get(r.size() - 1), deadline);
            }
            return;
        }
    }

    private Duration left(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    private void awaitVswitchd(Map<String, Object> select, long deadline) {
        List<?> rows = (List<?>) select.get("rows");
        long next = (Long) ((Map<?, ?>) rows.get(0)).get("next_cfg");
        boolean done = client.awaitReplica(db -> db.rows("Open_vSwitch").stream()
                .anyMatch(o -> o.get("cur_cfg") instanceof Long c && c >= next), left(deadline));
        if (!done) {
            // ovsdbapp logs this and carries on; so do we.
            LOG.log(System.Logger.Level.WARNING, "ovs-vswitchd did not apply configuration {0} within {1} s",
                    next, timeout.toSeconds());
        }
    }

    /** @return whether a port of that name exists on that bridge (master's {@code port_exists}) */
    boolean portExists(String port, String bridge) {
        Replica db = client.replica();
        return db.byName("Bridge", bridge).flatMap(b -> db.byName("Port", port).map(p -> b.set("ports").contains(p.uuid())))
                .orElse(false);
    }

    /** @return whether the Interface table has {@code mtu_request} */
    boolean supportsMtuRequests() {
        return client.hasColumn("Interface", "mtu_request");
    }

    static Row only(java.util.Collection<Row> rows) {
        return rows.iterator().next();
    }
}
