package io.github.flashj.pipeline;

import io.github.flashj.OrderedSink;
import io.github.flashj.PairSource;
import io.github.flashj.batch.BatchMerger;
import io.github.flashj.batch.PairBatch;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One layout of a run ({@link StagedRun}, {@link CarriedRun}) and what every layout shares: the
 * run's threads and first error, a worker's part of a batch, the check of the source's contract,
 * the stage times, and the first worker's head start.
 *
 * <p>The first worker merges alone until it has merged {@link Pipeline#FIRST_WORKER_ALONE} pairs. Until the
 * JIT has compiled the merge, every pair costs many times what it costs later, and the JIT's
 * compiler threads need the cores: more workers then mostly burn the CPU that the compiler is
 * waiting for (on 2 cores, 100,000 pairs took 0.79 s with two workers from the start, 0.67 s this
 * way, as with one; docs/HISTORY.md). Later, the others cost as little as they gain.
 */
abstract class PipelineRun {
    /** Measures each stage's CPU time. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    final PairSource source;
    final List<OrderedSink> sinks;
    final RunSettings settings;
    final RunThreads threads = new RunThreads();
    /** CPU nanoseconds in each stage, over all threads. */
    final AtomicLong readNanos = new AtomicLong();
    final AtomicLong parseNanos = new AtomicLong();
    final AtomicLong mergeNanos = new AtomicLong();
    final AtomicLong prepareNanos = new AtomicLong();
    private volatile boolean othersMayMerge;
    /** The run's checkpoints: set before {@link #run}. */
    Checkpoints checkpoints = Checkpoints.NONE;

    PipelineRun(RunSettings settings) {
        this.settings = settings;
        this.source = settings.source();
        this.sinks = settings.sinks();
    }

    /**
     * Runs the layout's threads until every one has ended. Errors are recorded in
     * {@link #threads}, not thrown; the source is closed.
     *
     * @return the CPU nanoseconds spent committing batches to the sinks
     */
    abstract long run(StatisticsCollector statistics);

    /** How the run is laid out, for the debug line. */
    abstract String shape();

    /** The threads that read the source. */
    int producers() {
        return 1;
    }

    /** Whether no batch is left for a worker, nor will be. */
    abstract boolean nothingLeftToMerge();

    /** A merger for one worker. */
    BatchMerger newMerger() {
        return new BatchMerger(settings.kernel(), settings.params());
    }

    /** Holds back each worker but the first until the first has merged its share alone (see the class comment). */
    void awaitTheFirstWorkersShare(boolean first) {
        while (!first && !othersMayMerge && !threads.failed() && !nothingLeftToMerge()) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Lets the other workers start once the first has merged its share alone. */
    void letOthersMergeAfter(boolean first, long pairsMerged) {
        if (first && !othersMayMerge && pairsMerged >= Pipeline.FIRST_WORKER_ALONE) {
            othersMayMerge = true;
        }
    }

    /** A worker's part of a batch, in every layout: parses it (if deferred), merges and prepares it. */
    void work(PairBatch batch, BatchMerger merger) throws IOException {
        long t0 = cpuNanos();
        batch.parseDeferred();
        long t1 = cpuNanos();
        parseNanos.addAndGet(t1 - t0);
        merger.merge(batch);
        long t2 = cpuNanos();
        mergeNanos.addAndGet(t2 - t1);
        for (OrderedSink sink : sinks) {
            sink.prepare(batch);
        }
        prepareNanos.addAndGet(cpuNanos() - t2);
    }

    /** Hands a batch to every sink, in order; returns the CPU nanoseconds it took. */
    long commit(PairBatch batch) throws IOException {
        long t0 = cpuNanos();
        for (OrderedSink sink : sinks) {
            sink.accept(batch);
        }
        return cpuNanos() - t0;
    }

    /**
     * Empties {@code batch}, gives it {@code id} and fills it from the source, read by one thread,
     * timing the read.
     *
     * @return whether more input follows
     */
    boolean fill(PairBatch batch, long id) throws IOException {
        batch.clear(id);
        long t0 = cpuNanos();
        boolean more = source.fill(batch);
        checkpoints.filled(id);
        readNanos.addAndGet(cpuNanos() - t0);
        checkFilled(batch, id, more, "PairSource.fill", "pairs");
        return more;
    }

    /**
     * Checks that the source kept its contract in filling batch {@code id}: a source that changed
     * the id, or said that more follows without giving any pair, would otherwise leave the run
     * waiting or reading forever.
     *
     * @param method the source's method, named in the message
     * @param follows what its true return promises: "pairs" or "batches"
     */
    void checkFilled(PairBatch batch, long id, boolean more, String method, String follows) {
        String broken = null;
        if (batch.id() != id) {
            broken = "cleared batch " + id + " (its id became " + batch.id() + "): " + method
                    + " must only append pairs to the batch it is given";
        } else if (batch.hasHalfPair()) {
            broken = "left a pair half filled in batch " + id + ": " + method
                    + " must append both reads of each pair";
        } else if (more && batch.isEmpty()) {
            broken = "left batch " + id + " empty but said that more " + follows + " follow: " + method + " must append at least one pair when it returns true, and "
                    + "return false once the input has ended";
        }
        if (broken != null) {
            throw new IllegalStateException("the source " + source.getClass().getName() + " " + broken);
        }
    }

    /**
     * CPU time of the calling thread: stage times count work, not time spent descheduled while
     * more threads than cores share the machine.
     */
    static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** Waits a little while another stage catches up: the machine may have fewer cores than threads. */
    static void idle() {
        LockSupport.parkNanos(50_000);
    }
}
