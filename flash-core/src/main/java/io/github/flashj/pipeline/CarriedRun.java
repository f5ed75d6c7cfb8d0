package io.github.flashj.pipeline;

import io.github.flashj.batch.BatchMerger;
import io.github.flashj.batch.PairBatch;
import java.io.IOException;

/**
 * The carried layout: each worker carries its own batch from reading to writing. It reads the
 * next batch (one worker at a time, in id order), parses, merges and prepares it, and commits it
 * to the sinks when its turn comes ({@link CommitTurns}). The thread that runs the job only waits.
 *
 * <p>A batch's bytes then stay in the cache of the core that read them. In the staged run, every
 * byte read is handed from the reader's core to a worker's, and every merged byte from the
 * worker's to the committer's; when the two cores share no cache (as the vCPUs of a cloud VM may
 * not, or the cores of two sockets), that costs more than the parse itself.
 *
 * <p>No more workers run than there are cores: more would only take turns on the same cores, each
 * with a batch of its own in the cache (docs/HISTORY.md: {@code -t 8} on 2 cores took 2.07 s,
 * against 1.84 s for {@code -t 2}). With one batch per worker, memory is
 * {@code min(workers, inFlight, cores)} batches.
 */
final class CarriedRun extends PipelineRun {
    private final int carriers;
    private final CommitTurns turns;
    private final Object readTurn = new Object();
    /** The id of the next batch read; guarded by readTurn. */
    private long nextBatchId;
    /** Whether the source is closed; guarded by readTurn. */
    private boolean sourceClosed;
    /** Set once the input has been read to its end; written in the read turn. */
    private volatile boolean readingDone;
    /** CPU nanoseconds spent in the sinks; only written in a commit turn. */
    private long commitNanos;

    CarriedRun(RunSettings settings, int cores) {
        super(settings);
        carriers = Math.min(Math.min(settings.workers(), settings.inFlight()), cores);
        turns = new CommitTurns(carriers);
    }

    @Override
    long run(StatisticsCollector statistics) {
        for (int w = 0; w < carriers; w++) {
            BatchMerger merger = newMerger();
            boolean first = w == 0;
            threads.start("flashj-worker-" + w, () -> carry(merger, first, statistics));
        }
        threads.awaitAll();
        try {
            closeSource();
        } catch (Throwable e) {
            threads.fail(e);
        }
        return commitNanos;
    }

    @Override
    String shape() {
        return "carried through by " + carriers + " workers";
    }

    @Override
    boolean nothingLeftToMerge() {
        return readingDone;
    }

    /** One worker: reads, merges and commits batches until the input ends. */
    private void carry(BatchMerger merger, boolean first, StatisticsCollector statistics) {
        awaitTheFirstWorkersShare(first);
        PairBatch batch = new PairBatch(settings.batchSize(), settings.params().phredOffset());
        try {
            long pairsBefore = 0;
            while (!threads.failed() && readNext(batch)) {
                if (!carryOne(batch, merger, first, pairsBefore, statistics)) {
                    return;
                }
                pairsBefore += batch.size();
            }
        } catch (IOException e) {
            threads.fail(e);
        }
    }

    /**
     * Parses, merges and commits one batch read, the commit in its turn; false when the run failed
     * first.
     *
     * @param pairsBefore the pairs this worker merged before this batch (whose size is known only
     *     once it is parsed)
     */
    private boolean carryOne(PairBatch batch, BatchMerger merger, boolean first, long pairsBefore,
            StatisticsCollector statistics) throws IOException {
        work(batch, merger);
        letOthersMergeAfter(first, pairsBefore + batch.size());
        long waited = turns.await(batch.id(), threads);
        if (waited < 0) {
            return false;
        }
        // In the turn now: the statistics are only touched by one worker at a time. No batch waits
        // for a worker here; the reorder depth is the merged batches that wait.
        statistics.addCommitWait(waited);
        statistics.sampleDepths(System.nanoTime(), 0, turns.waiting());
        commitNanos += commit(batch);
        statistics.add(batch);
        checkpoints.committed(batch.id(), statistics);
        turns.pass(batch.id());
        return true;
    }

    /** Fills {@code batch} with the next pairs read, in the read turn; false at the end of the input. */
    private boolean readNext(PairBatch batch) throws IOException {
        synchronized (readTurn) {
            while (!readingDone && !threads.failed()) {
                if (!fill(batch, nextBatchId)) {
                    readingDone = true;
                    closeSource();
                }
                if (!batch.isEmpty()) {
                    nextBatchId++;
                    return true;
                }
            }
            return false;
        }
    }

    /** Closes the source once, as soon as it is read to its end (or when the run ends). */
    private void closeSource() throws IOException {
        synchronized (readTurn) {
            if (!sourceClosed) {
                sourceClosed = true;
                source.close();
            }
        }
    }
}
