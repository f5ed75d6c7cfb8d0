package io.github.flashj.spark;

import io.github.flashj.FlashJob;
import io.github.flashj.InvalidParameterException;
import io.github.flashj.JobStatistics;
import io.github.flashj.MergeParameters;
import io.github.flashj.io.input.InputFormat;
import io.github.flashj.io.output.FlashOutput;
import io.github.flashj.io.output.OutputCompression;
import io.github.flashj.io.output.OutputLayout;
import io.github.flashj.spark.exec.ChunkTask;
import io.github.flashj.spark.exec.JobDriver;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.SparkSession;

/**
 * FLASH's merge as a Spark job: the same output files, byte for byte, as {@code flash -t 1} and
 * {@code bin/flashj}, from inputs on any Hadoop file system ({@code file:}, {@code hdfs:},
 * {@code s3a:}, ...).
 *
 * <pre>{@code
 * JobStatistics stats = FlashSpark.builder(spark)
 *         .inputs("hdfs:///runs/42/R1.fastq", "hdfs:///runs/42/R2.fastq")
 *         .parameters(MergeParameters.builder().maxOverlap(150).build())
 *         .output("hdfs:///runs/42/merged", "sample42")
 *         .compression(OutputCompression.gzip())
 *         .build()
 *         .run();
 * }</pre>
 *
 * <p>How it runs: Spark tasks scan byte ranges of every input for record starts and count their
 * lines; the driver lines the files up by record index (no shuffle, no pairing by name) and cuts
 * chunks of whole pairs; a task per chunk merges it with the same kernel as a local run and writes
 * its part of each output file, committed by rename so that a retried or speculative attempt
 * never duplicates or drops a record; the driver then writes FLASH's layout by concatenating the
 * parts in chunk order. Gzip inputs are read with no decoded copy: BGZF (bgzip, bcl2fastq, BCL
 * Convert) through its blocks, which Spark tasks find in byte ranges of each file; plain gzip
 * through the seek points of an index that Spark tasks build over byte ranges of the file (or
 * reused from {@link Builder#gzipIndex}); the planning and merging tasks decode only the segments
 * they read. zstd and LZ4 inputs, which cannot be entered at an offset, are read in order by one
 * task, from their starts, with no decoded copy either. The output directory
 * must be on a file system that every executor can write to.
 */
public final class FlashSpark {
    /**
     * The Spark setting of {@link Builder#pairsPerChunk} for {@code bin/flashj-spark}, and of the
     * {@code flashj-fastq} table's {@code pairsPerChunk} where a query does not give it.
     */
    public static final String PAIRS_PER_CHUNK_SETTING = "spark.flashj.pairsPerChunk";
    /**
     * The Spark setting of {@link Builder#rangeBytes} for {@code bin/flashj-spark}, and of the
     * {@code flashj-fastq} table's {@code rangeBytes} where a query does not give it.
     */
    public static final String RANGE_BYTES_SETTING = "spark.flashj.rangeBytes";
    /**
     * The Spark setting of {@link Builder#gzipIndex} for {@code bin/flashj-spark} (its
     * {@code --gzip-index=DIR} sets it too), and of the {@code flashj-fastq} table's
     * {@code gzipIndex} where a query does not give it: set once (in {@code spark-defaults.conf}),
     * it keeps every plain gzip index on a shared file system.
     */
    public static final String GZIP_INDEX_SETTING = "spark.flashj.gzipIndex";
    /** The Spark setting of {@link Builder#resume} for {@code bin/flashj-spark} (its {@code --resume} sets it too). */
    public static final String RESUME_SETTING = "spark.flashj.resume";

    private final SparkSession spark;
    private final InputFormat format;
    private final List<String> inputs;
    private final MergeParameters parameters;
    private final OutputLayout layout;
    private final OutputStream stdout;
    private final int batchSize;
    private final long pairsPerChunk;
    private final long rangeBytes;
    private final String gzipIndex;
    private final ChunkTask.BatchObserver batchObserver;
    private final boolean resume;

    private FlashSpark(Builder b) {
        spark = b.spark;
        format = b.format;
        inputs = List.copyOf(b.inputs);
        parameters = b.parameters;
        OutputLayout given = b.layout != null ? b.layout : b.output.layout();
        // As a local run: outies allowed means the innie and outie histograms too, as flash -O.
        layout = parameters.allowOuties() && !given.toStdout() ? given.withOrientationHistograms() : given;
        stdout = b.stdout;
        batchSize = b.batchSize;
        pairsPerChunk = b.pairsPerChunk;
        rangeBytes = b.rangeBytes;
        gzipIndex = b.gzipIndex;
        batchObserver = b.batchObserver;
        resume = b.resume;
    }

    /** A builder for a job on this session; inputs and output are required. */
    public static Builder builder(SparkSession spark) {
        return new Builder(spark);
    }

    /**
     * Runs the job and returns its statistics (counts and histograms equal to a local run's; times:
     * the wall time only).
     *
     * @throws io.github.flashj.InputFormatException when an input is malformed, naming the file
     *     and the line in the whole file; no output is left
     * @throws IOException when an input cannot be read or the output written; no output is left
     */
    public JobStatistics run() throws IOException {
        return JobDriver.run(spark, format, inputs, parameters, layout, stdout, batchSize, pairsPerChunk, rangeBytes,
                gzipIndex, batchObserver, resume);
    }

    /** Collects the job; {@link #build()} checks it. */
    public static final class Builder {
        private final SparkSession spark;
        private InputFormat format;
        private List<String> inputs = List.of();
        private MergeParameters parameters = MergeParameters.DEFAULTS;
        private final FlashOutput.Builder output = FlashOutput.builder().prefix("out").directory(".");
        private OutputLayout layout;
        private OutputStream stdout;
        private int batchSize = FlashJob.DEFAULT_BATCH_SIZE;
        private long pairsPerChunk;
        private long rangeBytes;
        private String gzipIndex;
        private ChunkTask.BatchObserver batchObserver;
        private boolean resume;

        private Builder(SparkSession spark) {
            this.spark = Objects.requireNonNull(spark, "spark");
        }

        /** Two FASTQ mate files, as Hadoop paths. */
        public Builder inputs(String mate1, String mate2) {
            format = InputFormat.PAIRED_FASTQ;
            inputs = List.of(mate1, mate2);
            return this;
        }

        /** One interleaved FASTQ file, as a Hadoop path. */
        public Builder interleavedInput(String path) {
            format = InputFormat.INTERLEAVED_FASTQ;
            inputs = List.of(path);
            return this;
        }

        /** One tab-delimited file, as a Hadoop path. */
        public Builder tabDelimitedInput(String path) {
            format = InputFormat.TAB_DELIMITED;
            inputs = List.of(path);
            return this;
        }

        /** Inputs of any format: {@code paths} as {@link InputFormat#files()} asks. */
        public Builder inputs(InputFormat inputFormat, List<String> paths) {
            format = Objects.requireNonNull(inputFormat, "inputFormat");
            inputs = List.copyOf(paths);
            return this;
        }

        /** The merge parameters; FLASH's defaults otherwise. */
        public Builder parameters(MergeParameters v) {
            parameters = Objects.requireNonNull(v, "parameters");
            return this;
        }

        /**
         * The output directory (a Hadoop path every executor can write to; a relative one is
         * resolved against the driver's working directory) and file name prefix.
         */
        public Builder output(String directory, String prefix) {
            output.directory(directory).prefix(prefix);
            return this;
        }

        /** The output's compression: gzip, zstd or LZ4 (not a program). */
        public Builder compression(OutputCompression v) {
            output.compression(v);
            return this;
        }

        /** The mates of pairs not merged in one interleaved file. */
        public Builder interleavedOutput(boolean v) {
            output.interleaved(v);
            return this;
        }

        /**
         * A whole layout made with {@link FlashOutput.Builder#layout()}, in place of
         * {@link #output}, {@link #compression} and {@link #interleavedOutput}.
         */
        public Builder layout(OutputLayout v) {
            layout = Objects.requireNonNull(v, "layout");
            return this;
        }

        /** Where merged reads go when the layout writes to standard output ({@code -c}). */
        public Builder standardOutput(OutputStream v) {
            stdout = v;
            return this;
        }

        /** Pairs per batch inside a task ({@value FlashJob#DEFAULT_BATCH_SIZE}). */
        public Builder batchSize(int v) {
            if (v < 1) {
                throw new InvalidParameterException("batchSize", "batch size must be at least 1, got " + v);
            }
            batchSize = v;
            return this;
        }

        /**
         * Pairs per chunk, a Spark task each; 0 (the default) for about four chunks per core, at most a
         * million pairs.
         */
        public Builder pairsPerChunk(long v) {
            if (v < 0) {
                throw new InvalidParameterException("pairsPerChunk",
                        "pairs per chunk must be 0 (automatic) or more, got " + v);
            }
            pairsPerChunk = v;
            return this;
        }

        /**
         * Bytes per planning range, and per compressed range of a plain gzip input being indexed, a
         * Spark task each; 0 (the default) to choose by input size and cores (a plain gzip file is
         * then indexed whole by one task where the cores are few against the files).
         */
        public Builder rangeBytes(long v) {
            if (v < 0) {
                throw new InvalidParameterException("rangeBytes",
                        "range bytes must be 0 (automatic) or more, got " + v);
            }
            rangeBytes = v;
            return this;
        }

        /**
         * Where indexes of plain gzip inputs are kept (a Hadoop path every executor can read):
         * {@code DIR/NAME.gzidx} is used when it belongs to input {@code NAME} (else a warning, and
         * it is built again), and written there for the next run; null (the default) to build each
         * index in the run's work directory.
         */
        public Builder gzipIndex(String directory) {
            gzipIndex = directory;
            return this;
        }

        /**
         * Whether the job can be resumed (false by default). A resumable job keeps its work
         * directory beside the output when it fails or is killed, with its plan, its inputs'
         * fingerprints and every part its tasks committed; run again with {@code resume(true)}
         * and the same inputs and settings, it merges only the chunks that are missing. A rerun
         * whose inputs or settings changed starts over and says why.
         */
        public Builder resume(boolean v) {
            resume = v;
            return this;
        }

        /** Sees each batch every task writes: for tests, which make tasks fail through it; none by default. */
        Builder batchObserver(ChunkTask.BatchObserver v) {
            batchObserver = v;
            return this;
        }

        /**
         * Checks and makes the job.
         *
         * @throws InvalidParameterException when inputs are missing or standard input, or the layout
         *     asks for what a split run cannot write: tab-delimited output (its record order spans
         *     the whole input) or a compression program
         */
        public FlashSpark build() {
            if (format == null) {
                throw new InvalidParameterException("inputs",
                        "no input: give inputs(mate1, mate2), interleavedInput or tabDelimitedInput");
            }
            for (String in : inputs) {
                if (in == null || in.isEmpty() || "-".equals(in)) {
                    throw new InvalidParameterException("inputs", "FlashJ on Spark reads files, not standard input");
                }
            }
            OutputLayout l = layout != null ? layout : output.layout();
            if (l.format() != FlashOutput.Format.FASTQ) {
                throw new InvalidParameterException("layout", "FlashJ on Spark writes FASTQ output; tab-delimited"
                        + " output (-To) keeps FLASH's record order across the whole input and needs bin/flashj");
            }
            if (l.compression().usesProgram()) {
                throw new InvalidParameterException("compression", "FlashJ on Spark compresses with gzip, zstd or lz4;"
                        + " a compression program (--compress-prog) needs bin/flashj");
            }
            if (l.toStdout() && stdout == null) {
                throw new InvalidParameterException("standardOutput",
                        "the layout writes merged reads to standard output:"
                        + " give the stream");
            }
            return new FlashSpark(this);
        }
    }
}
