package org.osvif.plug.ovs.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.osvif.ovsdb.Op;
import org.osvif.ovsdb.OvsdbClient;
import org.osvif.ovsdb.Replica;

/**
 * What {@link GroupCommit} needs of an OVSDB connection: the seam between the batching logic and
 * the network, so that logic is tested against an in-memory replica ({@code GroupCommitTest}).
 */
interface Wire extends AutoCloseable {

    /** @return the replica of the monitored tables */
    Replica replica();

    /** Waits until the replica is current (after a reconnect, resynchronized). */
    void await(Duration timeout);

    /**
     * @param ops the operations
     * @param timeout how long to wait for the reply
     * @return one result per operation
     */
    List<Map<String, Object>> transact(List<Op> ops, Duration timeout);

    /** @return whether the condition held on the replica within the timeout */
    boolean awaitReplica(Predicate<Replica> condition, Duration timeout);

    /** @return whether the table has that column */
    boolean hasColumn(String table, String column);

    @Override
    void close();

    /**
     * @param client a connected client
     * @return that client as a wire
     */
    static Wire of(OvsdbClient client) {
        return new Wire() {
            @Override
            public Replica replica() {
                return client.replica();
            }

            @Override
            public void await(Duration timeout) {
                client.await(timeout);
            }

            @Override
            public List<Map<String, Object>> transact(List<Op> ops, Duration timeout) {
                return client.transact(ops, timeout);
            }

            @Override
            public boolean awaitReplica(Predicate<Replica> condition, Duration timeout) {
                return client.awaitReplica(condition, timeout);
            }

            @Override
            public boolean hasColumn(String table, String column) {
                return client.hasColumn(table, column);
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }
}
