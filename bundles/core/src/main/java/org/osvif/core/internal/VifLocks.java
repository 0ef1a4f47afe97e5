package org.osvif.core.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per VIF id, alive only while someone holds or waits for it: calls for one VIF
 * serialize, calls for different VIFs never contend on a shared lock.
 */
final class VifLocks {

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock(true);
        int users;
    }

    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    void lock(String id) throws InterruptedException {
        Slot s = slots.compute(id, (k, v) -> {
            Slot slot = v == null ? new Slot() : v;
            slot.users++;
            return slot;
        });
        try {
            s.lock.lockInterruptibly();
        } catch (InterruptedException e) {
            release(id);
            throw e;
        }
    }

    void unlock(String id) {
        slots.get(id).lock.unlock();
        release(id);
    }

    private void release(String id) {
        slots.computeIfPresent(id, (k, v) -> --v.users == 0 ? null : v);
    }

    /** @return how many VIF ids have a lock now (for tests: nothing leaks) */
    int size() {
        return slots.size();
    }
}
