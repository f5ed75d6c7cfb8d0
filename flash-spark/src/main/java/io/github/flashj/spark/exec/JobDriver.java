package io.github.flashj.spark.exec;

import io.github.flashj.JobStatistics;
import io.github.flashj.MergeParameters;
import io.github.flashj.batch.MergeTally;
import io.github.flashj.io.input.InputFormat;
import io.github.flashj.io.output.OutputLayout;
import io.github.flashj.io.plan.ChunkPlan;
import io.github.flashj.io.plan.ChunkPlanner;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's steps of a merge as a Spark job: find the seek points of gzip inputs, plan chunks
 * (one that reads the inputs in order where one cannot be split: zstd and LZ4), merge them as
 * tasks, and join their parts into FLASH's files.
 */
public final class JobDriver {
    private static final Logger LOG = LoggerFactory.getLogger(JobDriver.class);
    /** How long a run waits for a first executor before it plans anyway (Spark then warns). */
    private static final Duration EXECUTOR_WAIT = Duration.ofSeconds(60);

    private JobDriver() {
    }

    /**
     * Merges {@code inputs} of {@code format} into {@code layout} (merged reads to {@code stdout}
     * when it writes to standard output) and returns the statistics (times: the wall time only).
     * {@code pairsPerChunk} and {@code rangeBytes} are {@link io.github.flashj.spark.FlashSpark}'s
     * settings, 0 for automatic; {@code gzipIndex} is where gzip indexes are reused and kept (a
     * Hadoop path), or null; {@code batchObserver}, if not null, sees each batch a task writes.
     * A {@code resume} run keeps its work directory if it fails, and takes over the one a stopped
     * run left ({@link RunRecord}): it then merges only the chunks whose parts were not committed.
     */
    public static JobStatistics run(SparkSession spark, InputFormat format, List<String> inputs,
            MergeParameters parameters, OutputLayout layout, OutputStream stdout, int batchSize, long pairsPerChunk,
            long rangeBytes, String gzipIndex, ChunkTask.BatchObserver batchObserver, boolean resume)
            throws IOException {
        long started = System.nanoTime();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<HadoopConf> conf = jsc.broadcast(new HadoopConf(hadoop));
        Broadcast<List<SeekableInput>> seekable = null;
        try (WorkDirectory work = WorkDirectory.prepare(layout, hadoop, resume)) {
            awaitFirstExecutor(spark.sparkContext());
            List<String> paths = new ArrayList<>();
            List<SeekableInput> entered = new ArrayList<>();
            String unsplittable = readableInputs(jsc, conf, inputs, format, rangeBytes, gzipIndex, work, resume,
                    paths, entered);
            Resumption resumption = resume ? Resumption.of(work, inputs, RunRecord.settings(format, parameters,
                    layout, batchSize), hadoop) : null;
            seekable = jsc.broadcast(entered);
            JobSpec job = new JobSpec(format, paths, inputs, parameters, layout, batchSize, work.path(), conf,
                    seekable);
            long planStarted = System.nanoTime();
            ChunkPlanner.Plan plan;
            if (resumption != null && resumption.earlier() != null) {
                plan = resumption.earlier().plan();
            } else {
                plan = unsplittable != null ? ChunkPlanner.inOrder(format, -1, unsplittable)
                        : InputPlanning.plan(jsc, job, pairsPerChunk, rangeBytes);
                LOG.info("Planned {} chunk{} in {} ms{}", plan.chunks().size(), plan.chunks().size() == 1 ? "" : "s",
                        (System.nanoTime() - planStarted) / 1_000_000,
                        plan.split() ? "" : ": one chunk reads the inputs in order, since " + plan.unsplitReason());
                if (resumption != null) {
                    resumption.record(plan);
                }
            }
            for (int f = 0; f < entered.size(); f++) {
                SeekableInput input = entered.get(f);
                if (input != null) {
                    LOG.info("{} is {}; its {} chunk{} read it through {} segments, with no decoded copy",
                            inputs.get(f), input.found(), plan.chunks().size(), plan.chunks().size() == 1 ? "" : "s",
                            input.points().segments());
                }
            }
            MergeTally total = merge(jsc, job, plan.chunks(), batchObserver, resumption);
            if (resumption != null) {
                // Joining uses the parts up: a run stopped from here on cannot be resumed.
                resumption.forget();
            }
            long assemblyStarted = System.nanoTime();
            String how = OutputAssembly.write(job, plan.chunks().size(), total.toStatistics(Duration.ZERO), stdout);
            LOG.info("Wrote the output files from {} parts each in {} ms ({})", plan.chunks().size(),
                    (System.nanoTime() - assemblyStarted) / 1_000_000, how);
            work.finished();
            return total.toStatistics(Duration.ofNanos(System.nanoTime() - started));
        } finally {
            conf.destroy();
            if (seekable != null) {
                seekable.destroy();
            }
        }
    }

    /**
     * Waits until a cluster master's first executor has registered, and says how long that took:
     * executors start in JVMs of their own, seconds after the session. Before the inputs' seek
     * points are found, so that the rules that size their tasks by Spark's cores
     * ({@code defaultParallelism}, 2 until an executor registers) see at least one executor's, and
     * the index's and the plan's times are theirs. A local master's executor is the driver.
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

    /**
     * Fills {@code paths} with what the tasks read of each input, and {@code entered} with how each
     * is entered at its seek points, or null: a plain file or a gzip file (BGZF or plain) is read as
     * it is (gzip through its seek points). Plain gzip indexes are reused from and kept in
     * {@code gzipIndex}; without it, a {@code resume} run keeps them in its work directory, where
     * the rerun that takes it over reuses them rather than index its inputs again.
     *
     * @return why the inputs cannot be split, when a compressed one cannot be entered at any offset
     *     (zstd and LZ4): one task then reads them all in order, decoding each from its start, so
     *     that nothing is decoded on the driver nor written anywhere; else null
     */
    private static String readableInputs(JavaSparkContext jsc, Broadcast<HadoopConf> conf, List<String> inputs,
            InputFormat format, long rangeBytes, String gzipIndex, WorkDirectory work, boolean resume,
            List<String> paths, List<SeekableInput> entered) throws IOException {
        Configuration hadoop = conf.value().get();
        String workDirectory = work.path();
        List<SeekableInput.Source> sources = SeekableInput.Source.of(inputs, hadoop,
                f -> gzipIndex != null || !resume ? gzipIndex : work.gzipIndexDirectory(f));
        entered.addAll(SeekableInput.find(jsc, conf, sources, format, rangeBytes, workDirectory));
        for (SeekableInput.Source input : sources) {
            paths.add(input.path());
        }
        return SeekableInput.unsplittable(sources, entered);
    }

    /**
     * Merges every chunk as a Spark task, but those a resumed run finds committed; the first chunk
     * with bad input fails the run.
     */
    private static MergeTally merge(JavaSparkContext jsc, JobSpec job, List<ChunkPlan> chunks,
            ChunkTask.BatchObserver observer, Resumption resumption) throws IOException {
        long started = System.nanoTime();
        MergeTally total = new MergeTally(job.parameters().maxOverlap());
        List<ChunkPlan> missing = chunks;
        boolean resumable = resumption != null;
        if (resumption != null && resumption.earlier() != null) {
            missing = resumption.committed(job, chunks, total);
        }
        List<ChunkPlan> toRun = missing;
        List<ChunkTask.Result> results = toRun.isEmpty() ? List.of()
                : SparkJobs.runJob(jsc, () -> jsc.parallelize(toRun, toRun.size())
                        .map(chunk -> ChunkTask.run(job, chunk, observer, resumable)).collect());
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
}
