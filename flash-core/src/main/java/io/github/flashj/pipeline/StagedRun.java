package io.github.flashj.pipeline;

import io.github.flashj.batch.BatchMerger;
import io.github.flashj.batch.PairBatch;
import java.io.IOException;
import java.util.Queue;
import org.jctools.queues.MpscArrayQueue;

/**
 * A staged run: reading threads fill batches ({@link SingleReaderRun}, {@link MultiProducerRun}),
 * the workers merge them, and the thread that runs the job commits them to the sinks strictly in
 * id order. Batches pass between the stages through bounded JCTools array queues, and come from a
 * {@link BatchPool}, so at most {@code inFlight} exist: a reader waits for a batch given back when
 * all are in use (back-pressure).
 */
abstract class StagedRun extends PipelineRun {
    final BatchPool pool;
    final Queue<PairBatch> toMerge;
    private final Queue<PairBatch> merged;
    /** Set once reading has ended, at the end of the input or at an error. */
    volatile boolean readingDone;

    /**
     * @param free the pool's queue, and {@code toMerge} the queue from the readers to the workers,
     *     each safe for the readers there are
     */
    StagedRun(RunSettings settings, Queue<PairBatch> free, Queue<PairBatch> toMerge) {
        super(settings);
        pool = new BatchPool(free, settings.inFlight(), settings.batchSize(), settings.params().phredOffset(),
                threads);
        this.toMerge = toMerge;
        merged = new MpscArrayQueue<>(settings.inFlight());
    }

    /** Starts the threads that read the source into {@link #toMerge}; the last to end closes the source. */
    abstract void startReading();

    /** Whether every batch there is has been committed, when {@code next} is the next to commit. */
    abstract boolean allCommitted(long next);

    @Override
    final long run(StatisticsCollector statistics) {
        startReading();
        for (int w = 0; w < settings.workers(); w++) {
            BatchMerger merger = newMerger();
            boolean first = w == 0;
            threads.start("flashj-merge-" + w, () -> mergeLoop(merger, first));
        }
        long writeNanos = 0;
        try {
            writeNanos = commitInOrder(statistics);
        } catch (Throwable e) {
            threads.fail(e);
        }
        threads.awaitAll();
        return writeNanos;
    }

    @Override
    final String shape() {
        return "staged over " + settings.workers() + " merge workers";
    }

    @Override
    final boolean nothingLeftToMerge() {
        return readingDone && toMerge.isEmpty();
    }

    /** Offers a batch until the bounded queue takes it (back-pressure); false when the run failed first. */
    final boolean offerUnlessFailed(Queue<PairBatch> queue, PairBatch batch) {
        while (!queue.offer(batch)) {
            if (threads.failed()) {
                return false;
            }
            idle();
        }
        return true;
    }

    private void mergeLoop(BatchMerger merger, boolean first) {
        awaitTheFirstWorkersShare(first);
        long pairsMerged = 0;
        while (!threads.failed()) {
            PairBatch batch = toMerge.poll();
            if (batch == null) {
                if (nothingLeftToMerge()) {
                    return;
                }
                idle();
                continue;
            }
            try {
                work(batch, merger);
            } catch (IOException e) {
                threads.fail(e);
                return;
            }
            pairsMerged += batch.size();
            letOthersMergeAfter(first, pairsMerged);
            if (!offerUnlessFailed(merged, batch)) {
                return;
            }
        }
    }

    /** Commits batches in id order; returns the CPU nanoseconds spent in the sinks. */
    private long commitInOrder(StatisticsCollector statistics) throws IOException {
        ReorderRing ring = new ReorderRing(settings.inFlight());
        long nanos = 0;
        while (!threads.failed()) {
            if (Thread.interrupted()) {
                threads.stopOnInterrupt();
                break;
            }
            PairBatch batch = merged.poll();
            if (batch != null) {
                ring.put(batch);
            }
            PairBatch ready = ring.takeNext();
            if (ready != null) {
                statistics.sampleDepths(System.nanoTime(), toMerge.size(), ring.waiting());
                nanos += commit(ready);
                statistics.add(ready);
                checkpoints.committed(ready.id(), statistics);
                pool.giveBack(ready);
                continue;
            }
            if (batch == null) {
                if (allCommitted(ring.next())) {
                    return nanos;
                }
                long t0 = System.nanoTime();
                idle();
                statistics.addCommitWait(System.nanoTime() - t0);
            }
        }
        return nanos;
    }
}
