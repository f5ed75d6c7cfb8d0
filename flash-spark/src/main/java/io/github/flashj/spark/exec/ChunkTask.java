package io.github.flashj.spark.exec;

import io.github.flashj.InputFormatException;
import io.github.flashj.PairSource;
import io.github.flashj.batch.BatchMerger;
import io.github.flashj.batch.MergeTally;
import io.github.flashj.batch.PairBatch;
import io.github.flashj.gzip.GzipFormatException;
import io.github.flashj.io.SystemErrors;
import io.github.flashj.io.input.CompressedDataException;
import io.github.flashj.io.input.FastqInputs;
import io.github.flashj.io.output.BatchEncoder;
import io.github.flashj.io.plan.ChunkPlan;
import io.github.flashj.io.plan.ChunkReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.Path;

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
public final class ChunkTask {
    private ChunkTask() {
    }

    /**
     * The outcome of one chunk.
     *
     * @param cpuNanos the task thread's CPU time: reading, parsing and merging, encoding and writing
     */
    record Result(int chunk, MergeTally tally, long[] cpuNanos, IOException error)
            implements Serializable {
    }

    /**
     * Sees each batch a task has written, on the executor: the way tests make a task fail in a
     * chosen place. A run has none unless a test gives one ({@code FlashSpark.Builder.batchObserver}).
     */
    @FunctionalInterface
    public interface BatchObserver extends Serializable {
        /** Called after batch {@code batch} (0 for the first) of chunk {@code chunk} is written. */
        void batchWritten(int chunk, long batch);
    }

    /**
     * Merges {@code chunk}; {@code observer}, if not null, sees each batch once it is written. A
     * {@code resumable} run commits the chunk's counts with its parts.
     */
    static Result run(JobSpec job, ChunkPlan chunk, BatchObserver observer, boolean resumable) throws IOException {
        List<InputStream> streams = open(job, chunk);
        BatchEncoder encoder = new BatchEncoder(job.layout());
        PartFiles.Attempt parts = null;
        MergeTally tally = new MergeTally(job.parameters().maxOverlap());
        long[] cpu = new long[3];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean done = false;
        try (PairSource source = ChunkReader.open(job.format(), chunk, job.names(), streams)) {
            try {
                parts = new PartFiles.Attempt(job, chunk.id(), encoder.files(), job.layout().compression(), resumable);
            } catch (IOException | FSError e) {
                return new Result(chunk.id(), null, null, writeError(job, 0, e));
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
                for (int f = 0; f < encoder.files(); f++) {
                    try {
                        encoder.writeTo(f, parts.out(f));
                    } catch (IOException | FSError e) {
                        return new Result(chunk.id(), null, null, writeError(job, f, e));
                    }
                }
                cpu[0] += t1 - t0;
                cpu[1] += t2 - t1;
                cpu[2] += threads.getCurrentThreadCpuTime() - t2;
                if (observer != null) {
                    observer.batchWritten(chunk.id(), id);
                }
                if (!more) {
                    break;
                }
            }
            try {
                parts.commit(tally);
            } catch (IOException | FSError e) {
                return new Result(chunk.id(), null, null, writeError(job, 0, e));
            }
            done = true;
        } catch (InputFormatException | CompressedDataException | GzipFormatException e) {
            // Bad input fails the same way on every attempt: report it to the driver, which fails
            // the run with the first chunk's error, rather than have Spark retry it.
            return new Result(chunk.id(), null, null, e);
        } finally {
            if (!done && parts != null) {
                parts.discard();
            }
        }
        return new Result(chunk.id(), tally, cpu, null);
    }

    /**
     * A part that cannot be written, named as the output file it is part of. Such a failure (a
     * full disk, a directory that takes no files) repeats on every attempt: it is returned to the
     * driver as bad input is, so the run fails in one line, not after Spark's retries and their
     * stack traces.
     */
    private static IOException writeError(JobSpec job, int file, Throwable e) {
        List<String> names = job.layout().readFileNames();
        String name = names.get(Math.min(file, names.size() - 1));
        return new IOException("Failed to write \"" + name + "\": " + SystemErrors.reason(e), e);
    }

    /**
     * Each input at its slice's offset (a gzip input's decompressed data, read through its seek
     * points); in a chunk that reads its inputs whole, an input not entered at seek points is
     * decoded from its start by its magic bytes (zstd and LZ4, which cannot be split). A failure
     * closes what was opened.
     */
    public static List<InputStream> open(JobSpec job, ChunkPlan chunk) throws IOException {
        List<InputStream> streams = new ArrayList<>();
        try {
            for (int f = 0; f < job.paths().size(); f++) {
                SeekableInput seekable = job.seekable(f);
                if (seekable != null) {
                    streams.add(seekable.stream(job.paths().get(f), job.names().get(f), job.hadoop(),
                            chunk.slices().get(f).offset()));
                    continue;
                }
                Path path = new Path(job.paths().get(f));
                FSDataInputStream in = HadoopFiles.of(path, job.hadoop()).open(path);
                // Listed first, so that a failure to recognise its compression still closes it.
                streams.add(in);
                if (chunk.readsWholeInputs()) {
                    streams.set(f, FastqInputs.decoded(in, job.names().get(f)));
                } else {
                    in.seek(chunk.slices().get(f).offset());
                }
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
}
