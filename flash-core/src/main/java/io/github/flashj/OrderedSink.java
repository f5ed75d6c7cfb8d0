package io.github.flashj;

import io.github.flashj.batch.PairBatch;
import java.io.IOException;

/**
 * Receives merged batches strictly in input order, always from one thread at a time.
 *
 * <p>A run calls {@link #begin(MergeParameters)} once, {@link #prepare(PairBatch)} for each batch on a merge worker (in any order) and
 * {@link #accept(PairBatch)} for each batch in id order, then exactly one of
 * {@link #complete(JobStatistics)} (success) or {@link #abort(Throwable)} (failure). A sink must not
 * keep a reference to a batch after {@code accept} returns: the batch is recycled.
 *
 * <p>One thread at a time is not always the same thread: when the workers carry their batches
 * through (the local run's layout when they fill the cores), each worker calls {@code accept} for
 * its own batch in its turn, and each call happens-after the one before. A sink may keep
 * per-thread scratch (the format buffers of FlashJ's own output do, to stay in the worker's cache).
 */
public interface OrderedSink {
    /**
     * The run is about to start with these parameters: called once, before any other method (a
     * sink that writes FLASH's files adds the innie and outie histograms when outies are allowed).
     */
    default void begin(MergeParameters parameters) throws IOException {
    }

    /**
     * Work on a merged batch that needs no order, such as formatting and compressing its output:
     * called on a merge worker, for batches in any order and for several at once, before
     * {@link #accept} receives the batch. Must be safe to call from several threads.
     */
    default void prepare(PairBatch batch) throws IOException {
    }

    /**
     * The journal this sink keeps of its run's checkpoints, for resuming it after it stopped; null
     * (the default) when it keeps none. At most one sink of a run keeps one.
     */
    default RunJournal journal() {
        return null;
    }

    /**
     * The run resumes after {@code cut}, whose pairs an earlier run committed: called after
     * {@link #begin}, before any batch (a sink that counts pairs starts from the cut's).
     */
    default void resumed(Checkpoint cut) throws IOException {
    }

    /** Takes the next batch in input order. */
    void accept(PairBatch batch) throws IOException;

    /** The run has succeeded: flush and close, write summaries. */
    default void complete(JobStatistics statistics) throws IOException {
    }

    /**
     * The run has failed: release resources and remove any output that would look complete.
     * Must not throw.
     */
    default void abort(Throwable cause) {
    }
}
