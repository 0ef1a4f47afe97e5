package org.osvif.plug.ovs.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.osvif.ovsdb.Op;
import org.osvif.ovsdb.OvsdbConnectionException;
import org.osvif.ovsdb.OvsdbErrorException;
import org.osvif.ovsdb.OvsdbTimeoutException;
import org.osvif.ovsdb.Replica;

/**
 * Group commit: one committer thread takes every change queued while the previous transaction
 * was in flight (up to {@code maxBatch}), builds them into one {@link Txn} from the replica,
 * commits it, bumps {@code next_cfg} once and waits once for ovs-vswitchd to report
 * {@code cur_cfg} (as ovsdbapp's vsctl-style transactions do, only logging when it does not
 * come within the timeout). A batch call queues all of its VIFs at once; concurrent single calls
 * from many threads coalesce the same way. Changes commit in the order they were queued, so a
 * VIF's unplug, which the host submits only after its plug returned, never overtakes the plug.
 * <p>
 * A transaction whose connection is lost or whose reply does not come is rebuilt from the
 * resynchronized replica and sent again: the commands are idempotent ({@code may_exist},
 * {@code if_exists}) and OVSDB's unique name indexes refuse a second insert, so nothing is
 * applied twice. A transaction that OVSDB refuses ({@code constraint violation}, a bad row) is
 * all-or-nothing, so nothing of it applied: it is split in halves and each half is committed on
 * its own, down to single changes, so a bad VIF fails alone and every other VIF commits. A single
 * change that meets a {@code constraint violation} is rebuilt a few times (a concurrent writer
 * made a row of the same name between our look at the replica and the commit) before it fails.
 */
final class GroupCommit implements OvsDb {

    private static final System.Logger LOG = System.getLogger(GroupCommit.class.getName());
    private static final int MAX_CONFLICTS = 5;

    /** A queued change and the future its caller waits on. */
    private static final class Pending<T> {
        final Change<T> change;
        final CompletableFuture<Committed<T>> done = new CompletableFuture<>();
        final long queued = System.nanoTime();
        final long deadline;
        T value;

        Pending(Change<T> change, long deadline) {
            this.change = change;
            this.deadline = deadline;
        }

        boolean build(Txn t) {
            try {
                value = change.build(t);
                return true;
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                return false;
            }
        }

        void complete(long started, long build, long commit, long waited, int batch) {
            done.complete(new Committed<>(value, (started - queued) / 1e6, build / 1e6, commit / 1e6,
                    waited / 1e6, batch));
        }
    }

    private final Wire wire;
    private final Duration timeout;
    private final boolean waitForVswitchd;
    private final int maxBatch;
    /** What waits for the committer; a batch goes in under the lock, whole. */
    private final ArrayDeque<Pending<?>> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final AtomicLong transactions = new AtomicLong();
    private final Thread committer;
    private volatile boolean closed;

    /**
     * @param wire the connection
     * @param timeout how long a change may take, waiting for vswitchd included
     * @param waitForVswitchd whether to wait for {@code cur_cfg}
     * @param maxBatch the most changes in one transaction
     */
    GroupCommit(Wire wire, Duration timeout, boolean waitForVswitchd, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1");
        }
        this.wire = wire;
        this.timeout = timeout;
        this.waitForVswitchd = waitForVswitchd;
        this.maxBatch = maxBatch;
        this.committer = new Thread(this::loop, "osvif-ovs-commit");
        committer.setDaemon(true);
        committer.start();
    }

    @Override
    public Replica replica() {
        return wire.replica();
    }

    @Override
    public boolean supportsMtuRequests() {
        return wire.hasColumn("Interface", "mtu_request");
    }

    @Override
    public long transactions() {
        return transactions.get();
    }

    @Override
    public <T> CompletableFuture<Committed<T>> submit(Change<T> change) {
        return submitAll(List.of(change)).get(0);
    }

    @Override
    public <T> List<CompletableFuture<Committed<T>>> submitAll(List<Change<T>> changes) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CompletableFuture<Committed<T>>> out = new ArrayList<>(changes.size());
        lock.lock();
        try {
            for (Change<T> c : changes) {
                Pending<T> p = new Pending<>(c, deadline);
                out.add(p.done);
                if (closed) {
                    p.done.completeExceptionally(new IllegalStateException("the ovs plugin is stopping"));
                } else {
                    queue.add(p);
                }
            }
            queued.signal();
        } finally {
            lock.unlock();
        }
        return out;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queued.signal();
        } finally {
            lock.unlock();
        }
        try {
            committer.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            for (Pending<?> p; (p = queue.poll()) != null;) {
                p.done.completeExceptionally(new IllegalStateException("the ovs plugin is stopping"));
            }
        } finally {
            lock.unlock();
        }
        wire.close();
    }

    /** @return up to maxBatch changes, waiting for one; empty once closed */
    private List<Pending<?>> take() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty() && !closed) {
                queued.await();
            }
            if (closed) {
                return List.of();
            }
            List<Pending<?>> group = new ArrayList<>(Math.min(maxBatch, queue.size()));
            while (group.size() < maxBatch && !queue.isEmpty()) {
                group.add(queue.poll());
            }
            return group;
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (true) {
            List<Pending<?>> group = List.of();
            try {
                group = take();
                if (group.isEmpty()) {
                    return;
                }
                commit(group);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                // Never leave a caller waiting on a committer that died.
                for (Pending<?> p : group) {
                    p.done.completeExceptionally(e);
                }
                LOG.log(System.Logger.Level.ERROR, "OVSDB committer failed", e);
            }
        }
    }

    private static long deadline(List<Pending<?>> group) {
        long d = group.get(0).deadline;
        for (Pending<?> p : group) {
            if (p.deadline - d < 0) {
                d = p.deadline;
            }
        }
        return d;
    }

    /** Commits the group whole, or in halves when OVSDB refuses it. */
    void commit(List<Pending<?>> group) {
        int conflicts = 0;
        List<Pending<?>> live = new ArrayList<>(group);
        while (!live.isEmpty()) {
            long deadline = deadline(live);
            long started = System.nanoTime();
            List<Op> ops;
            try {
                wire.await(left(deadline));
                Txn t = new Txn(wire.replica());
                // A change that cannot be built (a missing row) fails alone; the others are built
                // again into a clean transaction.
                List<Pending<?>> built = new ArrayList<>(live.size());
                for (Pending<?> p : live) {
                    if (p.build(t)) {
                        built.add(p);
                    }
                }
                if (built.size() != live.size()) {
                    live = built;
                    continue;
                }
                ops = t.ops();
            } catch (RuntimeException e) {
                fail(live, e);
                return;
            }
            long builtAt = System.nanoTime();
            if (ops.isEmpty()) {
                // nothing to change: nothing sent, nothing for vswitchd to apply
                complete(live, started, builtAt - started, 0, 0);
                return;
            }
            List<Map<String, Object>> r;
            try {
                transactions.incrementAndGet();
                r = wire.transact(ops, left(deadline));
            } catch (OvsdbConnectionException | OvsdbTimeoutException e) {
                if (System.nanoTime() - deadline >= 0) {
                    fail(live, e);
                    return;
                }
                LOG.log(System.Logger.Level.INFO, "retrying a transaction of {0} on a fresh replica: {1}",
                        live.size(), e.getMessage());
                continue;
            } catch (OvsdbErrorException e) {
                if (live.size() > 1) {
                    LOG.log(System.Logger.Level.DEBUG, "a transaction of {0} was refused ({1}): splitting it",
                            live.size(), e.getMessage());
                    int half = live.size() / 2;
                    commit(new ArrayList<>(live.subList(0, half)));
                    commit(new ArrayList<>(live.subList(half, live.size())));
                    return;
                }
                if (("constraint violation".equals(e.error()) || "timed out".equals(e.error()))
                        && ++conflicts < MAX_CONFLICTS) {
                    continue;
                }
                fail(live, e);
                return;
            } catch (RuntimeException e) {
                fail(live, e);
                return;
            }
            long committed = System.nanoTime();
            if (waitForVswitchd) {
                awaitVswitchd(r.get(r.size() - 1), deadline);
            }
            long waited = System.nanoTime();
            complete(live, started, builtAt - started, committed - builtAt, waited - committed);
            return;
        }
    }

    private static void complete(List<Pending<?>> group, long started, long build, long commit, long waited) {
        for (Pending<?> p : group) {
            p.complete(started, build, commit, waited, group.size());
        }
    }

    private static void fail(List<Pending<?>> group, RuntimeException e) {
        for (Pending<?> p : group) {
            p.done.completeExceptionally(e);
        }
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    private void awaitVswitchd(Map<String, Object> select, long deadline) {
        List<?> rows = (List<?>) select.get("rows");
        long next = (Long) ((Map<?, ?>) rows.get(0)).get("next_cfg");
        boolean done = wire.awaitReplica(db -> db.rows("Open_vSwitch").stream()
                .anyMatch(o -> o.get("cur_cfg") instanceof Long c && c >= next), left(deadline));
        if (!done) {
            // ovsdbapp logs this and carries on; so do we.
            LOG.log(System.Logger.Level.WARNING, "ovs-vswitchd did not apply configuration {0} within {1} s",
                    next, timeout.toSeconds());
        }
    }
}
