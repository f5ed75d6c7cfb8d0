package io.github.flashj.spark.exec;

import io.github.flashj.io.decode.BgzfBlocks;
import io.github.flashj.io.decode.DecodedInput;
import io.github.flashj.io.decode.SeekPoints;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
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
final class BgzfInputs {
    private BgzfInputs() {
    }

    /**
     * The block table of {@code path}, whose first bytes are {@code head}, found by Spark tasks over
     * byte ranges of about {@code rangeBytes} ({@link InputPlanning#rangeBytes}: 0 for automatic).
     *
     * @return null when the file is not BGZF throughout (such as plain gzip, or plain gzip after BGZF)
     */
    static SeekableInput find(JavaSparkContext jsc, Broadcast<HadoopConf> conf, String path, byte[] head,
            long rangeBytes) throws IOException {
        if (!BgzfBlocks.isBgzf(head, head.length)) {
            return null;
        }
        long started = System.nanoTime();
        FileSystem fs = HadoopFiles.of(new Path(path), conf.value().get());
        try (HadoopInput file = new HadoopInput(fs, new Path(path))) {
            long bytes = InputPlanning.rangeBytes(rangeBytes, file.size(), jsc.defaultParallelism());
            List<long[]> ranges = InputPlanning.byteRanges(file.size(), bytes);
            List<BgzfBlocks.Blocks> found = SparkJobs.runJob(jsc, () -> jsc.parallelize(ranges, ranges.size())
                    .map(range -> rangeBlocks(conf, path, range)).collect());
            BgzfBlocks.Blocks blocks = BgzfBlocks.join(file, found);
            if (blocks == null) {
                return null;
            }
            // Segments no longer than a range: small test ranges give many segments too.
            SeekPoints points = blocks.seekPoints((int) Math.min(DecodedInput.SEEK_SPACING, bytes));
            return new SeekableInput(points, null, String.format(Locale.ROOT,
                    "BGZF: %d blocks found by %d Spark tasks in %d ms", blocks.count(), ranges.size(),
                    (System.nanoTime() - started) / 1_000_000));
        }
    }

    private static BgzfBlocks.Blocks rangeBlocks(Broadcast<HadoopConf> conf, String path, long[] range)
            throws IOException {
        Path file = new Path(path);
        try (HadoopInput in = new HadoopInput(HadoopFiles.of(file, conf.value().get()), file)) {
            return BgzfBlocks.rangeBlocks(in, range[0], range[1]);
        }
    }
}
