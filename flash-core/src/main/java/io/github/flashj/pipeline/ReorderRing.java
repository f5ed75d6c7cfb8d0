package io.github.flashj.pipeline;

import io.github.flashj.batch.PairBatch;

/**
 * Merged batches waiting for their turn to be committed, in a staged run: workers finish batches
 * out of order, and the sinks take them in id order. At most as many batches exist as the ring has
 * slots, and the ids of those not yet committed are consecutive, so batch {@code id} has slot
 * {@code id % slots} to itself. Used by the committing thread only.
 */
final class ReorderRing {
    private final PairBatch[] slots;
    private int waiting;
    private long next;

    ReorderRing(int slots) {
        this.slots = new PairBatch[slots];
    }

    /** Holds a merged batch until its turn. */
    void put(PairBatch batch) {
        slots[(int) (batch.id() % slots.length)] = batch;
        waiting++;
    }

    /** Removes and returns the batch whose turn it is, or returns null while it is not merged yet. */
    PairBatch takeNext() {
        int slot = (int) (next % slots.length);
        PairBatch ready = slots[slot];
        if (ready == null || ready.id() != next) {
            return null;
        }
        slots[slot] = null;
        waiting--;
        next++;
        return ready;
    }

    /** The id of the batch whose turn it is: every batch before it has been taken. */
    long next() {
        return next;
    }

    /** Merged batches that wait for an earlier one. */
    int waiting() {
        return waiting;
    }
}
