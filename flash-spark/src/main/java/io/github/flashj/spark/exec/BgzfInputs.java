package io.github.flashj.spark.exec;

import io.github.flashj.io.decode.BgzfBlocks;
import io.github.flashj.io.decode.DecodedInput;
import io.github.flashj.io.decode.SeekPoints;
import io.github.flashj.io.plan.ChunkPlanner;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * BGZF inputs read through their blocks, with no decoded copy anywhere: Spark tasks find the
 * blocks of byte ranges of the compressed file ({@link BgzfBlocks#rangeBlocks}), the driver joins
 * them into the file's block table (reading no compressed data unless a range's first block proves
 * false) and groups the blocks into segments ({@link SeekPoints}); planning and merging tasks then
 * read the decompressed data through them ({@link DecodedInput}), decoding only the segments they
 * need, as the local reader of many producers does.
 */
public final class BgzfInputs {
    private BgzfInputs() {
    }

    /**
     * The blocks of a BGZF input and how they were found, for the log.
     *
     * @param points the segments the data are entered at
     * @param blocks the file's blocks
     * @param tasks the Spark tasks that found them
     * @param millis how long that took
     */
    public record Table(SeekPoints points, int blocks, int tasks, long millis) {
    }

    /**
     * The block table of {@code path}, whose first bytes are {@code head}, found by Spark tasks over
     * byte ranges of about {@code rangeBytes} ({@link InputPlanning#rangeBytes}: 0 for automatic).
     *
     * @return null when the file is not BGZF throughout (such as plain gzip, or plain gzip after BGZF)
     */
    public static Table find(JavaSparkContext jsc, Broadcast<HadoopConf> conf, String path, byte[] head,
            long rangeBytes) throws IOException {
        if (!BgzfBlocks.isBgzf(head, head.length)) {
            return null;
        }
        long started = System.nanoTime();
        FileSystem fs = HadoopFiles.of(new Path(path), conf.value().get());
        try (HadoopInput file = new HadoopInput(fs, new Path(path))) {
            long bytes = InputPlanning.rangeBytes(rangeBytes, file.size(), jsc.defaultParallelism());
            long[] cuts = ChunkPlanner.ranges(file.size(), bytes);
            List<long[]> ranges = new ArrayList<>();
            for (int r = 0; r + 1 < cuts.length; r++) {
                ranges.add(new long[] {cuts[r], cuts[r + 1]});
            }
            List<BgzfBlocks.Blocks> found = SparkJobs.runJob(() -> jsc.parallelize(ranges, ranges.size())
                    .map(range -> rangeBlocks(conf, path, range)).collect());
            BgzfBlocks.Blocks blocks = BgzfBlocks.join(file, found);
            if (blocks == null) {
                return null;
            }
            // Segments no longer than a range: small test ranges give many segments too.
            SeekPoints points = blocks.seekPoints((int) Math.min(DecodedInput.SEEK_SPACING, bytes));
            return new Table(points, blocks.count(), ranges.size(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static BgzfBlocks.Blocks rangeBlocks(Broadcast<HadoopConf> conf, String path, long[] range)
            throws IOException {
        Path file = new Path(path);
        try (HadoopInput in = new HadoopInput(HadoopFiles.of(file, conf.value().get()), file)) {
            return BgzfBlocks.rangeBlocks(in, range[0], range[1]);
        }
    }

    /**
     * The decompressed data of input {@code f} of {@code job}, a BGZF file, decoded on one thread
     * ahead of the task that reads them.
     */
    static DecodedInput open(JobSpec job, int f) throws IOException {
        Path path = new Path(job.paths().get(f));
        HadoopInput file = new HadoopInput(HadoopFiles.of(path, job.hadoop()), path);
        try {
            return DecodedInput.bgzf(job.names().get(f), file, file, job.blocks(f), 1);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** The decompressed data of input {@code f}, a BGZF file, from {@code offset} on. */
    static InputStream stream(JobSpec job, int f, long offset) throws IOException {
        DecodedInput data = open(job, f);
        return new InputStream() {
            private long position = offset;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = data.read(position, b, off, len);
                if (n > 0) {
                    position += n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                data.close();
            }
        };
    }
}
