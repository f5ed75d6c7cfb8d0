package io.github.flashj.pipeline;

import io.github.flashj.batch.PairBatch;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The batches of a staged run: made on demand up to the bound, then reused. At most
 * {@code capacity} batches ever exist, so memory is bounded whatever the input size, and a reader
 * that finds none free waits for one to be given back (back-pressure).
 */
final class BatchPool {
    private final Queue<PairBatch> free;
    private final AtomicInteger made = new AtomicInteger();
    private final int capacity;
    private final int batchSize;
    private final int phredOffset;
    private final RunThreads run;

    /**
     * @param free a bounded queue of at least {@code capacity}, safe for the threads that take and
     *     give back batches
     */
    BatchPool(Queue<PairBatch> free, int capacity, int batchSize, int phredOffset, RunThreads run) {
        this.free = free;
        this.capacity = capacity;
        this.batchSize = batchSize;
        this.phredOffset = phredOffset;
        this.run = run;
    }

    /** A free batch, waiting for one while all are in use; null when the run fails first. */
    PairBatch take() {
        while (true) {
            PairBatch batch = free.poll();
            if (batch != null) {
                return batch;
            }
            int count = made.get();
            if (count < capacity && made.compareAndSet(count, count + 1)) {
                return new PairBatch(batchSize, phredOffset);
            }
            if (run.failed()) {
                return null;
            }
            PipelineRun.idle();
        }
    }

    /** Gives a batch back for reuse; the queue always has room, since no more batches exist than it holds. */
    void giveBack(PairBatch batch) {
        free.offer(batch);
    }
}
