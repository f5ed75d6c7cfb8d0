package io.github.flashj.pipeline;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Whose turn it is to commit, in a carried run: batches are committed in id order, each by the
 * worker that merged it, one worker at a time. A worker whose batch is not next parks until the
 * worker committing the batch before it wakes it.
 */
final class CommitTurns {
    /** The id of the batch whose turn it is. */
    private volatile long next;
    /** Merged batches whose workers wait for their turn. */
    private final AtomicInteger waiting = new AtomicInteger();
    /**
     * The worker waiting to commit batch {@code id}, at {@code id % length}: the batches not yet
     * committed are consecutive and one per worker at most, so their slots differ.
     */
    private final AtomicReferenceArray<Thread> waiters;

    /** Turns for {@code workers} workers, each holding one batch at most. */
    CommitTurns(int workers) {
        waiters = new AtomicReferenceArray<>(workers);
    }

    /**
     * Waits until it is batch {@code id}'s turn.
     *
     * @return the nanoseconds waited, or -1 when the run failed first
     */
    long await(long id, RunThreads run) {
        if (next == id) {
            return 0;
        }
        long t0 = System.nanoTime();
        int slot = (int) (id % waiters.length());
        // Registered before the check below: the worker committing the batch before either sees
        // this thread there, after setting next, or this thread sees its next.
        waiters.set(slot, Thread.currentThread());
        waiting.incrementAndGet();
        while (next != id) {
            if (run.failed()) {
                return -1;
            }
            LockSupport.parkNanos(1_000_000);
        }
        waiting.decrementAndGet();
        waiters.set(slot, null);
        return System.nanoTime() - t0;
    }

    /** Ends batch {@code id}'s turn, which every write of its commit happens before, and wakes the next batch's worker. */
    void pass(long id) {
        long following = id + 1;
        next = following;
        Thread waiter = waiters.get((int) (following % waiters.length()));
        if (waiter != null) {
            LockSupport.unpark(waiter);
        }
    }

    /** Merged batches whose workers wait for their turn. */
    int waiting() {
        return waiting.get();
    }
}
