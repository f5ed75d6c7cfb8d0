package io.github.flashj.spark;

import io.github.flashj.FlashJob;
import io.github.flashj.InvalidParameterException;
import io.github.flashj.JobStatistics;
import io.github.flashj.MergeParameters;
import io.github.flashj.batch.MergeTally;
import io.github.flashj.io.Compression;
import io.github.flashj.io.decode.BgzfBlocks;
import io.github.flashj.io.input.FastqInputs;
import io.github.flashj.io.input.InputFormat;
import io.github.flashj.io.output.FlashOutput;
import io.github.flashj.io.output.OutputCompression;
import io.github.flashj.io.output.OutputLayout;
import io.github.flashj.io.plan.ChunkPlan;
import io.github.flashj.io.plan.ChunkPlanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * parts in chunk order. BGZF inputs (bgzip, bcl2fastq, BCL Convert) are decoded by Spark tasks,
 * a range of blocks each, into the run's work directory; other compressed inputs are decoded once,
 * on the driver; either is then split like a plain input. The output directory must be on a file system that every
 * executor can write to.
 */
public final class FlashSpark {
    private static final Logger LOG = LoggerFactory.getLogger(FlashSpark.class);
    /** How long a run waits for a first executor before it plans anyway (Spark then warns). */
    private static final Duration EXECUTOR_WAIT = Duration.ofSeconds(60);

    private final SparkSession spark;
    private final InputFormat format;
    private final List<String> inputs;
    private final MergeParameters parameters;
    private final OutputLayout layout;
    private final OutputStream stdout;
    private final int batchSize;
    private final long pairsPerChunk;
    private final long rangeBytes;
    private final ChunkTask.BatchObserver batchObserver;

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
        batchObserver = b.batchObserver;
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
        long started = System.nanoTime();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<HadoopConf> conf = jsc.broadcast(new HadoopConf(hadoop));
        try (WorkDirectory work = WorkDirectory.prepare(layout, hadoop)) {
            JobSpec job = new JobSpec(format, plainInputs(jsc, conf, work.path()), inputs, parameters, layout,
                    batchSize, work.path(), conf);
            awaitFirstExecutor(spark.sparkContext());
            long planStarted = System.nanoTime();
            ChunkPlanner.Plan plan = InputPlanning.plan(jsc, job, pairsPerChunk, rangeBytes);
            LOG.info("Planned {} chunk{} in {} ms{}", plan.chunks().size(), plan.chunks().size() == 1 ? "" : "s",
                    (System.nanoTime() - planStarted) / 1_000_000,
                    plan.split() ? "" : ": one chunk reads the inputs in order, since " + plan.unsplitReason());
            MergeTally total = merge(jsc, job, plan.chunks(), batchObserver);
            long assemblyStarted = System.nanoTime();
            String how = OutputAssembly.write(job, plan.chunks().size(), total.toStatistics(Duration.ZERO), stdout);
            LOG.info("Wrote the output files from {} parts each in {} ms ({})", plan.chunks().size(),
                    (System.nanoTime() - assemblyStarted) / 1_000_000, how);
            return total.toStatistics(Duration.ofNanos(System.nanoTime() - started));
        } finally {
            conf.destroy();
        }
    }

    /**
     * Waits until a cluster master's first executor has registered, and says how long that took:
     * executors start in JVMs of their own, seconds after the session, and the plan's time should
     * be the plan's. A local master's executor is the driver.
     */
    private static void awaitFirstExecutor(SparkContext sc) {
        if (sc.isLocal()) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + EXECUTOR_WAIT.toNanos();
        // The driver is listed among the executors.
        while (sc.statusTracker().getExecutorInfos().length < 2 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        int executors = sc.statusTracker().getExecutorInfos().length - 1;
        if (executors > 0 && System.nanoTime() - started < 50_000_000L) {
            return;
        }
        LOG.info("Waited {} ms for executors to start ({} registered)", (System.nanoTime() - started) / 1_000_000,
                executors);
    }

    /** The inputs as plain files: compressed ones are decoded once into the work directory. */
    private List<String> plainInputs(JavaSparkContext jsc, Broadcast<HadoopConf> conf, String workDirectory)
            throws IOException {
        Configuration hadoop = conf.value().get();
        List<String> plain = new ArrayList<>();
        for (int f = 0; f < inputs.size(); f++) {
            String name = inputs.get(f);
            Path path = new Path(name);
            FileSystem fs = HadoopFiles.of(path, hadoop);
            byte[] head = InputPlanning.head(fs, path, name);
            int n = head.length;
            Compression compression = Compression.of(head, n);
            if (compression == Compression.NONE) {
                plain.add(fs.makeQualified(path).toString());
                continue;
            }
            Path decoded = new Path(workDirectory, "input-" + f + ".fastq");
            long t0 = System.nanoTime();
            FileSystem workFs = HadoopFiles.of(decoded, hadoop);
            if (BgzfBlocks.isBgzf(head, n)) {
                int tasks = BgzfDecoding.decode(jsc, conf, fs.makeQualified(path).toString(), name, decoded,
                        InputPlanning.rangeBytes(rangeBytes, fs.getFileStatus(path).getLen(), jsc.defaultParallelism()));
                LOG.info("{} is BGZF: decoded at block boundaries by {} Spark tasks ({} ms), then split", name, tasks,
                        (System.nanoTime() - t0) / 1_000_000);
                plain.add(workFs.makeQualified(decoded).toString());
                continue;
            }
            try (InputStream in = FastqInputs.decoded(fs.open(path), name);
                    FSDataOutputStream out = workFs.create(decoded, true)) {
                in.transferTo(out);
            }
            LOG.info("{} is {}-compressed, not BGZF: decoded once on the driver ({} ms) and split from the decoded"
                    + " copy",
                    name, compression, (System.nanoTime() - t0) / 1_000_000);
            plain.add(workFs.makeQualified(decoded).toString());
        }
        return plain;
    }

    /** Merges every chunk as a Spark task; the first chunk with bad input fails the run. */
    private static MergeTally merge(JavaSparkContext jsc, JobSpec job, List<ChunkPlan> chunks,
            ChunkTask.BatchObserver observer) throws IOException {
        long started = System.nanoTime();
        List<ChunkTask.Result> results = runJob(() -> jsc.parallelize(chunks, chunks.size())
                .map(chunk -> ChunkTask.run(job, chunk, observer)).collect());
        MergeTally total = new MergeTally(job.parameters().maxOverlap());
        long[] cpu = new long[3];
        for (ChunkTask.Result result : results) {
            if (result.error() != null) {
                throw result.error();
            }
            total.add(result.tally());
            for (int k = 0; k < cpu.length; k++) {
                cpu[k] += result.cpuNanos()[k];
            }
        }
        long pairs = Math.max(1, total.pairs());
        LOG.info("Merged {} pairs in {} tasks in {} ms; task CPU: read {} ms, parse and merge {} ms, encode and"
                + " write {} ms ({} ns per pair)", total.pairs(), results.size(),
                (System.nanoTime() - started) / 1_000_000, cpu[0] / 1_000_000, cpu[1] / 1_000_000,
                cpu[2] / 1_000_000, (cpu[0] + cpu[1] + cpu[2]) / pairs);
        return total;
    }

    /** A Spark action whose failure becomes an IOException with its root cause's message. */
    static <T> T runJob(SparkAction<T> action) throws IOException {
        try {
            return action.run();
        } catch (SparkException e) {
            throw new IOException("the Spark job failed: " + rootMessage(e), e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof SparkException) {
                throw new IOException("the Spark job failed: " + rootMessage(e), e);
            }
            throw e;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }

    @FunctionalInterface
    interface SparkAction<T> {
        T run() throws SparkException;
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
        private ChunkTask.BatchObserver batchObserver;

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

        /** Bytes per planning range, a Spark task each; 0 (the default) to choose by input size and cores. */
        public Builder rangeBytes(long v) {
            if (v < 0) {
                throw new InvalidParameterException("rangeBytes",
                        "range bytes must be 0 (automatic) or more, got " + v);
            }
            rangeBytes = v;
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
