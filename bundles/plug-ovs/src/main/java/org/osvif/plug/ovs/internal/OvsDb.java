package org.osvif.plug.ovs.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.osvif.ovsdb.Replica;

/**
 * The plugin's OVSDB: changes go in as {@link Change}s and come back {@link Committed} once OVSDB
 * has them and (by default) ovs-vswitchd has applied them. Implemented by {@link GroupCommit},
 * which puts the changes queued at one time into one transaction.
 */
interface OvsDb extends AutoCloseable {

    /**
     * One VIF's share of a transaction: adds its commands to the transaction being built.
     * Called again, on a fresh transaction, whenever the transaction is rebuilt (after a
     * reconnect, a conflict, or when a batch is split), so it must only add commands.
     *
     * @param <T> what the build reports (for a plug: whether it creates the port)
     */
    @FunctionalInterface
    interface Change<T> {
        /**
         * @param t the transaction being built
         * @return what this build found
         */
        T build(Txn t);
    }

    /**
     * A committed change and where its time went.
     *
     * @param <T> what its last build reported
     * @param value that
     * @param queueMs waiting for the transaction before it
     * @param buildMs building the transaction it went into
     * @param commitMs OVSDB's commit (sending to reply)
     * @param waitMs waiting for ovs-vswitchd to apply it
     * @param batch how many changes that transaction carried
     */
    record Committed<T>(T value, double queueMs, double buildMs, double commitMs, double waitMs, int batch) {
    }

    /** @return the replica */
    Replica replica();

    /** @return whether the Interface table has {@code mtu_request} */
    boolean supportsMtuRequests();

    /**
     * @param change one VIF's change
     * @param <T> what it reports
     * @return completed when committed (and applied), or with the error that refused it
     */
    <T> CompletableFuture<Committed<T>> submit(Change<T> change);

    /**
     * Queues changes together, so that they go into the same transaction (up to the cap).
     *
     * @param changes the changes, in order
     * @param <T> what they report
     * @return one future per change
     */
    <T> java.util.List<CompletableFuture<Committed<T>>> submitAll(java.util.List<Change<T>> changes);

    /** @return transactions sent so far (for tests: how many batches the changes made) */
    long transactions();

    /**
     * Submits and waits.
     *
     * @param change the change
     * @param <T> what it reports
     * @return it, committed
     */
    default <T> Committed<T> run(Change<T> change) {
        return join(submit(change));
    }

    /**
     * @param f a submitted change
     * @param <T> what it reports
     * @return the committed change; its failure thrown as it was raised
     */
    static <T> Committed<T> join(CompletableFuture<Committed<T>> f) {
        try {
            return f.get();
        } catch (ExecutionException | CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for OVSDB", e);
        }
    }

    @Override
    void close();
}
