package io.github.flashj;

import io.github.flashj.kernel.MergeKernel;
import io.github.flashj.pipeline.Pipeline;
import io.github.flashj.pipeline.RunSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A merge run: a source of pairs, a pool of merge workers and the sinks that receive the results
 * in input order.
 *
 * <pre>{@code
 * JobStatistics stats = FlashJob.builder()
 *         .source(FastqInputs.pairedFiles(Path.of("r1.fq"), Path.of("r2.fq")))
 *         .sink(FlashOutput.builder().prefix("out").build())
 *         .maxOverlap(150)
 *         .workers(4)
 *         .build()
 *         .run();
 * }</pre>
 *
 * <p>Output is the same at any worker count and batch size: batches carry ids that fix their
 * global order, and the sinks see them in that order.
 */
public final class FlashJob {
    /**
     * Default pairs per batch: small enough that a batch's reads, parsed by a worker, are still in
     * its CPU's cache when it merges them and when the writer formats them. Against batches of
     * 4096, it took 0.15 us less CPU per pair (docs/BENCHMARKS.md).
     */
    public static final int DEFAULT_BATCH_SIZE = 1024;
    /** The most pairs one batch holds. */
    public static final int MAX_BATCH_SIZE = 1 << 20;
    /**
     * The most pairs all batches in flight hold together ({@code batchSize × inFlight}): at a few
     * hundred bytes a pair, about as much as a default JVM heap on a laptop holds.
     */
    public static final long MAX_PAIRS_IN_FLIGHT = 1L << 22;
    /**
     * How often a run records a checkpoint when none is set: a run stopped by a crash loses about
     * this much work when it is resumed.
     */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

    /** The batches in flight when none is set: twice the workers, at least 4. */
    public static int defaultInFlight(int workers) {
        return Math.max(4, 2 * workers);
    }

    private final PairSource source;
    private final List<OrderedSink> sinks;
    private final MergeParameters params;
    private final MergeKernel kernel;
    private final int workers;
    private final int batchSize;
    private final int inFlight;
    private final PipelineLayout layout;
    private final boolean resume;
    private final Duration checkpointInterval;
    private boolean ran;

    private FlashJob(Builder b, MergeParameters params, MergeKernel kernel, int workers, int inFlight) {
        this.source = b.source;
        this.sinks = List.copyOf(b.sinks);
        this.params = params;
        this.kernel = kernel;
        this.workers = workers;
        this.batchSize = b.batchSize;
        this.inFlight = inFlight;
        this.layout = b.layout;
        this.resume = b.resume;
        this.checkpointInterval = b.checkpointInterval;
    }

    /** A builder with FLASH's default parameters and one worker per processor. */
    public static Builder builder() {
        return new Builder();
    }

    /** The merge parameters of this job. */
    public MergeParameters parameters() {
        return params;
    }

    /** The number of merge worker threads. */
    public int workers() {
        return workers;
    }

    /** Pairs per batch. */
    public int batchSize() {
        return batchSize;
    }

    /** The most batches that exist at once. */
    public int inFlight() {
        return inFlight;
    }

    /** How a run with one reader lays out its threads. */
    public PipelineLayout pipelineLayout() {
        return layout;
    }

    /** Whether the run resumes an earlier, stopped run of the same outputs ({@link Builder#resume}). */
    public boolean resumes() {
        return resume;
    }

    /**
     * Runs the job once: reads every pair, merges it, and hands the results to the sinks.
     *
     * @return what the run did
     * @throws InputFormatException when the input is malformed (naming the input and line)
     * @throws IOException when the input or an output fails
     * @throws java.io.InterruptedIOException when the calling thread is interrupted: the run stops as
     *     on an error (the sinks abort), after every thread of the run has ended, and the thread's
     *     interrupt status is set again. The run's threads are interrupted too, so a source or sink
     *     blocked in an interruptible call returns; one that ignores interrupts keeps the run waiting.
     * @throws IllegalStateException when the job has already run, or when the source breaks the
     *     contract of {@link PairSource#fill} (such as saying that more pairs follow without giving
     *     any)
     */
    public JobStatistics run() throws IOException {
        synchronized (this) {
            if (ran) {
                throw new IllegalStateException("a FlashJob runs once");
            }
            ran = true;
        }
        try {
            return new Pipeline(new RunSettings(source, sinks, kernel, params, workers, batchSize, inFlight, resume,
                    checkpointInterval), layout).run();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Collects the parts of a job; {@link #build()} checks them. */
    public static final class Builder {
        private final MergeParameters.Builder params = MergeParameters.builder();
        private MergeParameters fixedParams;
        private PairSource source;
        private final List<OrderedSink> sinks = new ArrayList<>();
        /** The default is chosen at build, and only when no kernel is given (choosing loads the Vector API). */
        private Supplier<MergeKernel> kernel = KernelChoice.AUTO::kernel;
        private int workers = Runtime.getRuntime().availableProcessors();
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int inFlight = -1;
        private PipelineLayout layout = PipelineLayout.AUTO;
        private boolean resume;
        private Duration checkpointInterval = DEFAULT_CHECKPOINT_INTERVAL;

        private Builder() {
        }

        /** Where pairs come from (required). The job closes it. */
        public Builder source(PairSource v) {
            source = v;
            return this;
        }

        /** Adds a sink; sinks receive each batch in the order they were added. */
        public Builder sink(OrderedSink v) {
            sinks.add(Objects.requireNonNull(v, "sink"));
            return this;
        }

        /** All merge parameters at once; overrides the single-parameter setters. */
        public Builder parameters(MergeParameters v) {
            fixedParams = Objects.requireNonNull(v, "parameters");
            return this;
        }

        /** {@code -m}: see {@link MergeParameters.Builder#minOverlap}. */
        public Builder minOverlap(int v) {
            params.minOverlap(v);
            return this;
        }

        /** {@code -M}: see {@link MergeParameters.Builder#maxOverlap}. */
        public Builder maxOverlap(int v) {
            params.maxOverlap(v);
            return this;
        }

        /** {@code -r}: see {@link MergeParameters.Builder#readLength}. */
        public Builder readLength(int v) {
            params.readLength(v);
            return this;
        }

        /** {@code -f}: see {@link MergeParameters.Builder#fragmentLength}. */
        public Builder fragmentLength(int v) {
            params.fragmentLength(v);
            return this;
        }

        /** {@code -s}: see {@link MergeParameters.Builder#fragmentStddev}. */
        public Builder fragmentStddev(double v) {
            params.fragmentStddev(v);
            return this;
        }

        /** {@code -x}: see {@link MergeParameters.Builder#maxMismatchDensity}. */
        public Builder maxMismatchDensity(float v) {
            params.maxMismatchDensity(v);
            return this;
        }

        /** {@code -O}: see {@link MergeParameters.Builder#allowOuties}. */
        public Builder allowOuties(boolean v) {
            params.allowOuties(v);
            return this;
        }

        /** {@code -p}: see {@link MergeParameters.Builder#phredOffset}. */
        public Builder phredOffset(int v) {
            params.phredOffset(v);
            return this;
        }

        /** {@code --cap-mismatch-quals}: see {@link MergeParameters.Builder#capMismatchQuals}. */
        public Builder capMismatchQuals(boolean v) {
            params.capMismatchQuals(v);
            return this;
        }

        /** {@code -l}: see {@link MergeParameters.Builder#lowercaseOverhang}. */
        public Builder lowercaseOverhang(boolean v) {
            params.lowercaseOverhang(v);
            return this;
        }

        /** {@code -e}/{@code -a}: see {@link MergeParameters.Builder#tieBreak}. */
        public Builder tieBreak(MergeParameters.TieBreak v) {
            params.tieBreak(v);
            return this;
        }

        /** {@code -E}: see {@link MergeParameters.Builder#qualityTieThreshold}. */
        public Builder qualityTieThreshold(int v) {
            params.qualityTieThreshold(v);
            return this;
        }

        /** Merge worker threads ({@code -t}); default one per processor. */
        public Builder workers(int v) {
            workers = v;
            return this;
        }

        /** Pairs per batch; default {@value FlashJob#DEFAULT_BATCH_SIZE}. */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** The most batches that exist at once (bounds memory); default {@link FlashJob#defaultInFlight}. */
        public Builder inFlight(int v) {
            inFlight = v;
            return this;
        }

        /**
         * An overlap search of one's own, for FlashJ's benchmarks (its package is exported to them
         * alone); everyone else chooses with {@link #kernel(KernelChoice)}.
         */
        @SuppressWarnings("exports")
        public Builder kernel(MergeKernel v) {
            kernel = () -> v;
            return this;
        }

        /** Which of FlashJ's kernels to use; default {@link KernelChoice#AUTO}. */
        public Builder kernel(KernelChoice v) {
            kernel = v == null ? () -> null : v::kernel;
            return this;
        }

        /** How a run with one reader lays out its threads; default {@link PipelineLayout#AUTO}. */
        public Builder pipelineLayout(PipelineLayout v) {
            layout = v;
            return this;
        }

        /**
         * Whether the run resumes an earlier run of the same outputs that stopped (killed, crashed,
         * out of time) where its last checkpoint left it: its sink's {@link RunJournal} finds the
         * checkpoint and puts the outputs back to it, the source continues from its position, and
         * the statistics from its counts. The result is the same as a run that never stopped. A run
         * with no checkpoint to resume from starts from the beginning. Default false: a run starts
         * afresh, and an earlier run's files are removed.
         *
         * <p>The run fails with an IOException saying why when it cannot resume: a source that is
         * not a {@link ResumableSource} (standard input, a pipe), a sink that keeps no journal, a
         * damaged journal, or an input or parameters that changed since.
         */
        public Builder resume(boolean v) {
            resume = v;
            return this;
        }

        /**
         * How often the run records a checkpoint in its sink's {@link RunJournal}, when its source
         * is a {@link ResumableSource}; default {@link FlashJob#DEFAULT_CHECKPOINT_INTERVAL}.
         * {@link Duration#ZERO} records none.
         */
        public Builder checkpointInterval(Duration v) {
            checkpointInterval = Objects.requireNonNull(v, "checkpointInterval");
            return this;
        }

        /**
         * Checks the parts and makes the job.
         *
         * @throws InvalidParameterException naming the first part that is missing or out of range
         */
        public FlashJob build() {
            MergeParameters p = fixedParams != null ? fixedParams : params.build();
            require(source != null, "source", "source is required");
            MergeKernel k = kernel.get();
            require(k != null, "kernel", "kernel must not be null");
            require(layout != null, "pipelineLayout", "pipelineLayout must not be null");
            require(!checkpointInterval.isNegative(), "checkpointInterval", "checkpointInterval must not be negative");
            require(workers >= 1, "workers", "workers must be at least 1, got " + workers);
            require(batchSize >= 1, "batchSize", "batchSize must be at least 1, got " + batchSize);
            require(batchSize <= MAX_BATCH_SIZE, "batchSize", "batchSize must be at most " + MAX_BATCH_SIZE + ", got "
                    + batchSize);
            int chunks = inFlight < 0 ? defaultInFlight(workers) : inFlight;
            require(chunks >= 2, "inFlight", "inFlight must be at least 2, got " + inFlight);
            require((long) batchSize * chunks <= MAX_PAIRS_IN_FLIGHT, inFlight < 0 ? "batchSize" : "inFlight",
                    "batchSize × inFlight (" + batchSize + " × " + chunks + ") must be at most " + MAX_PAIRS_IN_FLIGHT
                            + " pairs in memory: lower the batch size or the batches in flight");
            return new FlashJob(this, p, k, workers, chunks);
        }

        private static void require(boolean ok, String parameter, String message) {
            if (!ok) {
                throw new InvalidParameterException(parameter, message);
            }
        }
    }
}
