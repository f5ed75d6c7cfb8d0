package io.github.flashj;

import io.github.flashj.kernel.MergeKernel;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpmcArrayQueue;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpmcArrayQueue;
import org.jctools.queues.SpscArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run. Staged: a reader thread fills batches, worker threads merge them, and the calling
 * thread commits them to the sinks strictly in id order. Carried through ({@link #runCarried},
 * when the workers fill the cores): each worker reads, merges and commits its own batches, taking
 * turns to read and to commit in id order.
 *
 * <p>A {@link ParallelPairSource} may ask for several producer threads instead of the one reader.
 * Each producer takes a free batch first and only then the next chunk number, so the chunks not yet
 * committed always fit the reorder ring; the queues the producers share are then multi-producer,
 * multi-consumer queues. The run ends with the chunk before the first one a producer found past
 * the end of the input.
 *
 * <p>The first worker merges alone until it has merged {@link #FIRST_WORKER_ALONE} pairs. Until the
 * JIT has compiled the merge, every pair costs many times what it costs later, and the JIT's
 * compiler threads need the cores: more workers then mostly burn the CPU that the compiler is
 * waiting for (on 2 cores, 100,000 pairs took 0.79 s with two workers from the start, 0.67 s this
 * way, as with one; docs/BENCHMARKS.md). Later, the others cost as little as they gain.
 *
 * <p>Every queue is a bounded JCTools array queue and at most {@code inFlight} batches ever exist,
 * so memory is bounded whatever the input size: the reader waits for a recycled batch when all
 * are in use (back-pressure). The first error of any stage stops every stage; the run then
 * rethrows it after all threads have ended.
 *
 * <p>An interrupt of the calling thread stops the run as an error would, with an
 * {@link InterruptedIOException}: the run's threads are interrupted too, so that a source or sink
 * blocked in an interruptible call returns, and the run waits for them to end.
 */
final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Pairs the first worker merges before the others start (see the class comment). */
    static final int FIRST_WORKER_ALONE = 32_768;
    /**
     * The system property that forces how a run with one reader is laid out, for comparisons:
     * {@value #STAGED} or {@value #CARRIED}; by default {@link #carries} decides.
     */
    static final String LAYOUT_PROPERTY = "flashj.pipeline";
    static final String STAGED = "staged";
    static final String CARRIED = "carried";

    private final PairSource source;
    private final List<OrderedSink> sinks;
    private final MergeKernel kernel;
    private final MergeParameters params;
    private final int workers;
    private final int batchSize;
    private final int inFlight;

    private Queue<PairBatch> free;
    private Queue<PairBatch> toMerge;
    private final Queue<PairBatch> merged;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** The run's threads; only the calling thread adds to it and reads it. */
    private final List<Thread> threads = new ArrayList<>();
    /** Whether the calling thread was interrupted during the run; only the calling thread touches it. */
    private boolean interrupted;
    private volatile boolean readingDone;
    private volatile boolean othersMayMerge;
    private volatile long batchesRead;
    private final AtomicLong parseNanos = new AtomicLong();
    private final AtomicLong mergeNanos = new AtomicLong();
    private final AtomicLong prepareNanos = new AtomicLong();
    private final AtomicLong readNanos = new AtomicLong();

    // Several producers (a ParallelPairSource asking for more than one).
    private int producers = 1;
    private final AtomicLong nextChunk = new AtomicLong();
    /** The first chunk number past the end of the input, once a producer has found it. */
    private final AtomicLong endChunk = new AtomicLong(Long.MAX_VALUE);
    private final AtomicInteger producersLeft = new AtomicInteger();
    private final AtomicInteger batchesAllocated = new AtomicInteger();

    // Workers that carry their own batches through (see runCarried).
    private final Object readTurn = new Object();
    /** The id of the next batch read; guarded by readTurn. */
    private long nextBatchId;
    /** Whether the source is closed; guarded by readTurn. */
    private boolean sourceClosed;
    /** The id of the batch whose turn it is to be committed. */
    private volatile long nextToCommit;
    /** CPU nanoseconds spent in the sinks; only written in a commit turn. */
    private long carriedCommitNanos;
    /** Merged batches whose workers wait for their commit turn. */
    private final AtomicInteger awaitingTurn = new AtomicInteger();
    /**
     * The worker waiting to commit batch {@code id}, at {@code id % length}: the batches not yet
     * committed are consecutive and one per worker at most, so their slots differ.
     */
    private AtomicReferenceArray<Thread> turnWaiters;

    Pipeline(PairSource source, List<OrderedSink> sinks, MergeKernel kernel, MergeParameters params, int workers,
            int batchSize, int inFlight) {
        this.source = source;
        this.sinks = sinks;
        this.kernel = kernel;
        this.params = params;
        this.workers = workers;
        this.batchSize = batchSize;
        this.inFlight = inFlight;
        merged = new MpscArrayQueue<>(inFlight);
    }

    JobStatistics run() throws Exception {
        long started = System.nanoTime();
        try {
            for (OrderedSink sink : sinks) {
                sink.begin(params);
            }
            if (source instanceof ParallelPairSource) {
                producers = Math.max(1, ((ParallelPairSource) source).producers(workers, batchSize));
            }
        } catch (Throwable e) {
            try {
                source.close();
            } catch (Throwable suppressed) {
                e.addSuppressed(suppressed);
            }
            abortSinks(e);
            throw asException(e);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (producers == 1 && carries(workers, cores)) {
            return runCarried(started, cores);
        }
        if (producers == 1) {
            free = new SpscArrayQueue<>(inFlight);
            toMerge = new SpmcArrayQueue<>(inFlight);
            start("flashj-reader", this::read);
        } else {
            free = new MpmcArrayQueue<>(inFlight);
            toMerge = new MpmcArrayQueue<>(inFlight);
            producersLeft.set(producers);
            ParallelPairSource parallel = (ParallelPairSource) source;
            for (int p = 0; p < producers; p++) {
                start("flashj-reader-" + p, () -> produce(parallel));
            }
        }
        for (int w = 0; w < workers; w++) {
            BatchMerger merger = new BatchMerger(kernel, params);
            boolean first = w == 0;
            start("flashj-merge-" + w, () -> mergeLoop(merger, first));
        }
        StatisticsCollector statistics = new StatisticsCollector(params.maxOverlap(), started);
        long writeNanos = 0;
        try {
            writeNanos = commit(statistics);
        } catch (Throwable e) {
            fail(e);
        }
        awaitThreads();
        return complete(statistics, started, writeNanos, "staged over " + workers + " merge workers");
    }

    /**
     * Ends a run whose threads have all ended: the sinks abort and the first error is rethrown, or
     * the sinks complete.
     *
     * @param shape how the run was laid out, for the debug line
     */
    private JobStatistics complete(StatisticsCollector statistics, long started, long writeNanos, String shape)
            throws Exception {
        // Cleared while the sinks abort or complete, set again when the run returns or throws.
        interrupted |= Thread.interrupted();
        try {
            return completeUninterrupted(statistics, started, writeNanos, shape);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private JobStatistics completeUninterrupted(StatisticsCollector statistics, long started, long writeNanos,
            String shape) throws Exception {
        Throwable error = failure.get();
        if (error != null) {
            if (interrupted && !(error instanceof InterruptedIOException)) {
                // A stage failed because of the interrupt (a sink's wait cut short, a channel closed).
                error = (Throwable) new InterruptedIOException("the run was interrupted").initCause(error);
            }
            abortSinks(error);
            throw asException(error);
        }
        JobStatistics stats = statistics.finish(Duration.ofNanos(System.nanoTime() - started),
                Duration.ofNanos(readNanos.get()), Duration.ofNanos(parseNanos.get()),
                Duration.ofNanos(mergeNanos.get()), Duration.ofNanos(prepareNanos.get()), Duration.ofNanos(writeNanos));
        long completeStarted = System.nanoTime();
        try {
            for (OrderedSink sink : sinks) {
                sink.complete(stats);
            }
        } catch (Throwable e) {
            abortSinks(e);
            throw asException(e);
        }
        LOG.debug("{}; {}; CPU: read {} ms over {} producers, parse {} ms, merge {} ms ({} kernel) and prepare output "
                + "{} ms, write {} ms, complete {} ms", stats, shape, readNanos.get() / 1_000_000, producers,
                parseNanos.get() / 1_000_000, mergeNanos.get() / 1_000_000, kernel.name(),
                prepareNanos.get() / 1_000_000, writeNanos / 1_000_000,
                (System.nanoTime() - completeStarted) / 1_000_000);
        return stats;
    }

    /**
     * Tells every sink that the run failed with {@code error}. A sink that throws although it must
     * not leaves {@code error} the run's error, with its own failure suppressed in it, and the
     * other sinks are still told.
     */
    private void abortSinks(Throwable error) {
        for (OrderedSink sink : sinks) {
            try {
                sink.abort(error);
            } catch (Throwable e) {
                if (e != error) {
                    error.addSuppressed(e);
                }
            }
        }
    }

    /**
     * Whether a run with one reader is carried through by its workers ({@link #runCarried}) rather
     * than staged: when the workers alone fill the machine's cores, a reader and a committer of
     * their own would only take turns with them on the same cores. With cores to spare (say
     * {@code -t 2} on eight), the staged run gives reading and writing cores of their own.
     */
    static boolean carries(int workers, int cores) {
        String forced = System.getProperty(LAYOUT_PROPERTY);
        if (STAGED.equals(forced) || CARRIED.equals(forced)) {
            return CARRIED.equals(forced);
        }
        return workers >= cores;
    }

    /**
     * A run in which each worker carries its own batch from reading to writing: it reads the next
     * batch (one worker at a time, in id order), parses, merges and prepares it, and commits it to
     * the sinks when its turn comes (one worker at a time, in id order). The calling thread only
     * waits.
     *
     * <p>A batch's bytes then stay in the cache of the core that read them. In the staged run,
     * every byte read is handed from the reader's core to a worker's, and every merged byte from
     * the worker's to the committer's; when the two cores share no cache (as the vCPUs of a cloud
     * VM may not, or the cores of two sockets), that costs more than the parse itself.
     *
     * <p>No more workers run than there are cores: more would only take turns on the same cores,
     * each with a batch of its own in the cache (docs/BENCHMARKS.md: {@code -t 8} on 2 cores took
     * 2.07 s, against 1.84 s for {@code -t 2}). With one batch per worker, memory is
     * {@code min(workers, inFlight, cores)} batches.
     */
    private JobStatistics runCarried(long started, int cores) throws Exception {
        StatisticsCollector statistics = new StatisticsCollector(params.maxOverlap(), started);
        int count = Math.min(Math.min(workers, inFlight), cores);
        turnWaiters = new AtomicReferenceArray<>(count);
        for (int w = 0; w < count; w++) {
            BatchMerger merger = new BatchMerger(kernel, params);
            boolean first = w == 0;
            start("flashj-worker-" + w, () -> carry(merger, first, statistics));
        }
        awaitThreads();
        try {
            closeSource();
        } catch (Throwable e) {
            fail(e);
        }
        return complete(statistics, started, carriedCommitNanos, "carried through by " + count + " workers");
    }

    /** One worker of a carried run: reads, merges and commits batches until the input ends. */
    private void carry(BatchMerger merger, boolean first, StatisticsCollector statistics) {
        while (!first && !othersMayMerge && !failed() && !readingDone) {
            LockSupport.parkNanos(1_000_000);
        }
        PairBatch batch = new PairBatch(batchSize, params.phredOffset());
        try {
            long pairsBefore = 0;
            while (!failed() && readNext(batch)) {
                if (!carryOne(batch, merger, first, pairsBefore, statistics)) {
                    return;
                }
                pairsBefore += batch.size();
            }
        } catch (IOException e) {
            fail(e);
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
        if (!awaitCommitTurn(batch.id(), statistics)) {
            return false;
        }
        // No batch waits for a worker here; the reorder depth is the merged batches that wait.
        statistics.sampleDepths(System.nanoTime(), 0, awaitingTurn.get());
        long t3 = cpuNanos();
        for (OrderedSink sink : sinks) {
            sink.accept(batch);
        }
        statistics.add(batch);
        carriedCommitNanos += cpuNanos() - t3;
        long next = batch.id() + 1;
        nextToCommit = next;
        Thread waiting = turnWaiters.get((int) (next % turnWaiters.length()));
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
        return true;
    }

    /** Fills {@code batch} with the next pairs read, in the read turn; false at the end of the input. */
    private boolean readNext(PairBatch batch) throws IOException {
        synchronized (readTurn) {
            while (!readingDone && !failed()) {
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

    /** Waits until the batch {@code id} is the next to commit; false when the run failed first. */
    private boolean awaitCommitTurn(long id, StatisticsCollector statistics) {
        if (nextToCommit == id) {
            return true;
        }
        long t0 = System.nanoTime();
        int slot = (int) (id % turnWaiters.length());
        // Registered before the check below: the worker committing the batch before either sees
        // this thread there, after setting nextToCommit, or this thread sees its nextToCommit.
        turnWaiters.set(slot, Thread.currentThread());
        awaitingTurn.incrementAndGet();
        while (nextToCommit != id) {
            if (failed()) {
                return false;
            }
            LockSupport.parkNanos(1_000_000);
        }
        awaitingTurn.decrementAndGet();
        turnWaiters.set(slot, null);
        // In the turn now: the statistics are only touched by one worker at a time.
        statistics.addCommitWait(System.nanoTime() - t0);
        return true;
    }

    /** Starts one of the run's threads; called by the calling thread only. */
    private void start(String name, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                fail(e);
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** Waits for every thread of the run to end; an interrupt meanwhile stops the run. */
    private void awaitThreads() {
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    stopOnInterrupt();
                }
            }
        }
    }

    /**
     * The calling thread was interrupted: the run fails, and its threads are interrupted so that a
     * source or sink blocked in an interruptible call returns.
     */
    private void stopOnInterrupt() {
        interrupted = true;
        fail(new InterruptedIOException("the run was interrupted"));
        for (Thread t : threads) {
            t.interrupt();
        }
    }

    private void fail(Throwable e) {
        failure.compareAndSet(null, e);
    }

    private boolean failed() {
        return failure.get() != null;
    }

    /**
     * Empties {@code batch}, gives it {@code id} and fills it from the one reader's source, timing
     * the read.
     *
     * @return whether more input follows
     */
    private boolean fill(PairBatch batch, long id) throws IOException {
        batch.clear(id);
        long t0 = cpuNanos();
        boolean more = source.fill(batch);
        readNanos.addAndGet(cpuNanos() - t0);
        checkFilled(batch, "batch", id, more, "PairSource.fill");
        return more;
    }

    /**
     * Checks that the source kept its contract in filling batch or chunk {@code id}: a source that
     * changed the id, or said that more pairs follow without giving any, would otherwise leave the
     * run waiting or reading forever.
     *
     * @param what "batch" or "chunk"
     * @param method the source's method, named in the message
     */
    private void checkFilled(PairBatch batch, String what, long id, boolean more, String method) {
        String broken = null;
        if (batch.id() != id) {
            broken = "cleared " + what + " " + id + " (its id became " + batch.id() + "): " + method
                    + " must only append pairs to the batch it is given";
        } else if (batch.hasHalfPair()) {
            broken = "left a pair half filled in " + what + " " + id + ": " + method
                    + " must append both reads of each pair";
        } else if (more && batch.isEmpty()) {
            broken = "left " + what + " " + id + " empty but said that more " + ("chunk".equals(what) ? "chunks"
                    : "pairs") + " follow: " + method + " must append at least one pair when it returns true, and "
                    + "return false once the input has ended";
        }
        if (broken != null) {
            throw new IllegalStateException("the source " + source.getClass().getName() + " " + broken);
        }
    }

    private void read() {
        long id = 0;
        try (PairSource in = source) {
            boolean more = true;
            PairBatch batch = null;
            while (more && !failed()) {
                if (batch == null) {
                    batch = takeFreeBatch();
                    if (batch == null) {
                        return;
                    }
                }
                more = fill(batch, id);
                if (batch.isEmpty()) {
                    continue;
                }
                id++;
                batchesRead = id;
                if (!offerUnlessFailed(toMerge, batch)) {
                    return;
                }
                batch = null;
            }
        } catch (Exception e) {
            fail(e);
        } finally {
            readingDone = true;
        }
    }

    /** One of several producers: fills chunks in any order until one is past the end of the input. */
    private void produce(ParallelPairSource in) {
        try {
            while (!failed()) {
                // A batch first, then the chunk number: the chunks not yet committed then never
                // outnumber the batches, so they fit the reorder ring.
                PairBatch batch = takeFreeBatch();
                if (batch == null) {
                    return;
                }
                long chunk = nextChunk.getAndIncrement();
                if (chunk >= endChunk.get()) {
                    free.offer(batch);
                    return;
                }
                batch.clear(chunk);
                long t0 = cpuNanos();
                boolean more = in.fillChunk(chunk, batch);
                readNanos.addAndGet(cpuNanos() - t0);
                checkFilled(batch, "chunk", chunk, more, "ParallelPairSource.fillChunk");
                if (batch.isEmpty()) {
                    endChunk.accumulateAndGet(chunk, Math::min);
                    free.offer(batch);
                    return;
                }
                if (!more) {
                    endChunk.accumulateAndGet(chunk + 1, Math::min);
                }
                if (!offerUnlessFailed(toMerge, batch)) {
                    return;
                }
                if (!more) {
                    return;
                }
            }
        } catch (Exception e) {
            fail(e);
        } finally {
            if (producersLeft.decrementAndGet() == 0) {
                try {
                    source.close();
                } catch (Throwable e) {
                    fail(e);
                }
                readingDone = true;
            }
        }
    }

    /** Offers a batch until the bounded queue takes it (back-pressure); false when the run failed first. */
    private boolean offerUnlessFailed(Queue<PairBatch> queue, PairBatch batch) {
        while (!queue.offer(batch)) {
            if (failed()) {
                return false;
            }
            idle();
        }
        return true;
    }

    private PairBatch takeFreeBatch() {
        while (true) {
            PairBatch batch = free.poll();
            if (batch != null) {
                return batch;
            }
            int allocated = batchesAllocated.get();
            if (allocated < inFlight && batchesAllocated.compareAndSet(allocated, allocated + 1)) {
                return new PairBatch(batchSize, params.phredOffset());
            }
            if (failed()) {
                return null;
            }
            idle();
        }
    }

    private void mergeLoop(BatchMerger merger, boolean first) {
        while (!first && !othersMayMerge && !failed() && !(readingDone && toMerge.isEmpty())) {
            LockSupport.parkNanos(1_000_000);
        }
        long pairsMerged = 0;
        while (!failed()) {
            PairBatch batch = toMerge.poll();
            if (batch == null) {
                if (readingDone && toMerge.isEmpty()) {
                    return;
                }
                idle();
                continue;
            }
            try {
                work(batch, merger);
            } catch (IOException e) {
                fail(e);
                return;
            }
            pairsMerged += batch.size();
            letOthersMergeAfter(first, pairsMerged);
            if (!offerUnlessFailed(merged, batch)) {
                return;
            }
        }
    }

    /** A worker's part of a batch, in either layout: parses it (if deferred), merges and prepares it. */
    private void work(PairBatch batch, BatchMerger merger) throws IOException {
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

    /** Lets the other workers start once the first has merged its share alone (see the class comment). */
    private void letOthersMergeAfter(boolean first, long pairsMerged) {
        if (first && !othersMayMerge && pairsMerged >= FIRST_WORKER_ALONE) {
            othersMayMerge = true;
        }
    }

    /** Commits batches in id order; returns the CPU nanoseconds spent in the sinks. */
    private long commit(StatisticsCollector statistics) throws Exception {
        PairBatch[] pending = new PairBatch[inFlight];
        int waiting = 0;
        long next = 0;
        long nanos = 0;
        while (!failed()) {
            if (Thread.interrupted()) {
                stopOnInterrupt();
                break;
            }
            PairBatch batch = merged.poll();
            if (batch != null) {
                // At most inFlight batches exist and ids are consecutive, so slots never collide.
                pending[(int) (batch.id() % inFlight)] = batch;
                waiting++;
            }
            int slot = (int) (next % inFlight);
            PairBatch ready = pending[slot];
            if (ready != null && ready.id() == next) {
                pending[slot] = null;
                waiting--;
                statistics.sampleDepths(System.nanoTime(), toMerge.size(), waiting);
                long t0 = cpuNanos();
                for (OrderedSink sink : sinks) {
                    sink.accept(ready);
                }
                nanos += cpuNanos() - t0;
                statistics.add(ready);
                free.offer(ready);
                next++;
                continue;
            }
            if (batch == null) {
                if (producers == 1 ? readingDone && next == batchesRead : next >= endChunk.get()) {
                    return nanos;
                }
                long t0 = System.nanoTime();
                idle();
                statistics.addCommitWait(System.nanoTime() - t0);
            }
        }
        return nanos;
    }

    /**
     * CPU time of the calling thread: stage times count work, not time spent descheduled while
     * more threads than cores share the machine.
     */
    private static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** Waits a little while another stage catches up: the machine may have fewer cores than threads. */
    private static void idle() {
        LockSupport.parkNanos(50_000);
    }

    private static Exception asException(Throwable e) {
        if (e instanceof Exception) {
            return (Exception) e;
        }
        if (e instanceof Error) {
            throw (Error) e;
        }
        return new RuntimeException(e);
    }
}
