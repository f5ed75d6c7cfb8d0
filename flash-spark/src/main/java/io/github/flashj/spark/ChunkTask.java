package io.github.flashj.spark;

import io.github.flashj.BatchMerger;
import io.github.flashj.InputFormatException;
import io.github.flashj.MergeTally;
import io.github.flashj.PairBatch;
import io.github.flashj.PairSource;
import io.github.flashj.io.input.ChunkPlan;
import io.github.flashj.io.input.ChunkReader;
import io.github.flashj.io.input.CompressedDataException;
import io.github.flashj.io.output.BatchEncoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;

/**
 * Merges one chunk on an executor: reads its pairs, merges them with the same kernel as a local
 * run, and writes its part of each output file.
 *
 * <p>Every attempt writes under a name of its own and renames each file into its committed name
 * only once the file is complete. Chunks are deterministic, so any committed part is the whole and
 * exact part; a second attempt (a retry after a lost executor, or a speculative copy) that finds
 * the part already committed drops its own. Only the successful attempt's result reaches the
 * driver, so its counts are added once.
 */
final class ChunkTask {
    private ChunkTask() {
    }

    /**
     * The outcome of one chunk.
     *
     * @param cpuNanos the task thread's CPU time: reading, parsing and merging, encoding and writing
     */
    record Result(int chunk, MergeTally tally, long[] cpuNanos, IOException inputError)
            implements Serializable {
    }

    static Result run(JobSpec job, ChunkPlan chunk) throws IOException {
        List<InputStream> streams = open(job, chunk);
        BatchEncoder encoder = new BatchEncoder(job.layout());
        Path[] attempt = new Path[encoder.files()];
        OutputStream[] outs = new OutputStream[encoder.files()];
        FileSystem outFs = HadoopFiles.of(new Path(job.workDirectory()), job.hadoop());
        TaskContext task = TaskContext.get();
        String attemptId = task == null ? "driver" : Long.toString(task.taskAttemptId());
        MergeTally tally = new MergeTally(job.parameters().maxOverlap());
        long[] cpu = new long[3];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean done = false;
        try (PairSource source = ChunkReader.open(job.format(), chunk, job.names(), streams)) {
            for (int f = 0; f < outs.length; f++) {
                attempt[f] = new Path(job.part(chunk.id(), f) + ".attempt-" + attemptId);
                outs[f] = new BufferedOutputStream(outFs.create(attempt[f], true), 1 << 16);
            }
            BatchMerger merger = new BatchMerger(job.parameters());
            PairBatch batch = new PairBatch(job.batchSize(), job.parameters().phredOffset());
            for (long id = 0; ; id++) {
                long t0 = threads.getCurrentThreadCpuTime();
                batch.clear(id);
                boolean more = source.fill(batch);
                long t1 = threads.getCurrentThreadCpuTime();
                merger.parseAndMerge(batch);
                long t2 = threads.getCurrentThreadCpuTime();
                tally.add(batch);
                encoder.encode(batch);
                for (int f = 0; f < outs.length; f++) {
                    encoder.writeTo(f, outs[f]);
                }
                cpu[0] += t1 - t0;
                cpu[1] += t2 - t1;
                cpu[2] += threads.getCurrentThreadCpuTime() - t2;
                FaultInjection.afterBatch(chunk.id(), id);
                if (!more) {
                    break;
                }
            }
            for (int f = 0; f < outs.length; f++) {
                outs[f].close();
                outs[f] = null;
            }
            commit(outFs, job, chunk.id(), attempt);
            done = true;
        } catch (InputFormatException | CompressedDataException e) {
            // Bad input fails the same way on every attempt: report it to the driver, which fails
            // the run with the first chunk's error, rather than have Spark retry it.
            return new Result(chunk.id(), null, null, e);
        } finally {
            if (!done) {
                discard(outFs, attempt, outs);
            }
        }
        return new Result(chunk.id(), tally, cpu, null);
    }

    /** Each input at its slice's offset; a failure closes what was opened. */
    static List<InputStream> open(JobSpec job, ChunkPlan chunk) throws IOException {
        List<InputStream> streams = new ArrayList<>();
        try {
            for (int f = 0; f < job.paths().size(); f++) {
                Path path = new Path(job.paths().get(f));
                FSDataInputStream in = HadoopFiles.of(path, job.hadoop()).open(path);
                streams.add(in);
                in.seek(chunk.slices().get(f).offset());
            }
            return streams;
        } catch (IOException | RuntimeException e) {
            for (InputStream in : streams) {
                try {
                    in.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static void commit(FileSystem fs, JobSpec job, int chunk, Path[] attempt) throws IOException {
        for (int f = 0; f < attempt.length; f++) {
            PartFiles.commit(fs, attempt[f], new Path(job.part(chunk, f)));
        }
    }

    private static void discard(FileSystem fs, Path[] attempt, OutputStream[] outs) {
        for (int f = 0; f < attempt.length; f++) {
            try {
                if (outs[f] != null) {
                    outs[f].close();
                }
            } catch (IOException ignored) {
                // The attempt has failed already; its file is removed below.
            }
            try {
                if (attempt[f] != null) {
                    fs.delete(attempt[f], false);
                }
            } catch (IOException ignored) {
                // Best effort: the driver removes the whole work directory at the end.
            }
        }
    }
}
