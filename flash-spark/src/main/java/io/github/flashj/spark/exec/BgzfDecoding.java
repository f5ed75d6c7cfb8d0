package io.github.flashj.spark.exec;

import io.github.flashj.io.decode.BgzfBlocks;
import io.github.flashj.io.input.CompressedDataException;
import io.github.flashj.io.plan.ChunkPlanner;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * A BGZF input decoded by Spark tasks: each takes a byte range, decodes the blocks that start in
 * it (found by {@link BgzfBlocks#nextBlock}) into a part committed by rename
 * ({@link HadoopStagedFiles#firstWins}), and the driver joins the parts into one plain file, which
 * the run then plans like any plain input.
 */
final class BgzfDecoding {
    private BgzfDecoding() {
    }

    /** A range's outcome: bad compressed data is returned, not thrown, so that Spark does not retry it. */
    record Result(int range, IOException error) implements Serializable {
    }

    /**
     * Decodes {@code path} into {@code target}.
     *
     * @return the number of tasks
     * @throws CompressedDataException when a block is corrupt or the file ends inside one
     */
    static int decode(JavaSparkContext jsc, Broadcast<HadoopConf> conf, String path, String name, Path target,
            long rangeBytes) throws IOException {
        FileSystem fs = HadoopFiles.of(new Path(path), conf.value().get());
        long[] cuts = ChunkPlanner.ranges(fs.getFileStatus(new Path(path)).getLen(), rangeBytes);
        String parts = target + ".parts";
        List<long[]> ranges = new ArrayList<>();
        for (int r = 0; r + 1 < cuts.length; r++) {
            ranges.add(new long[] {r, cuts[r], cuts[r + 1]});
        }
        List<Result> results = SparkJobs.runJob(() -> jsc.parallelize(ranges, ranges.size())
                .map(range -> decodeRange(conf, path, name, parts, range)).collect());
        List<Path> committed = new ArrayList<>();
        for (Result result : results) {
            if (result.error() != null) {
                throw result.error();
            }
            Path part = part(parts, result.range());
            if (fs.getFileStatus(part).getLen() > 0) {
                committed.add(part);
            }
        }
        FileSystem targetFs = HadoopFiles.of(target, conf.value().get());
        PartFiles.join(targetFs, committed, target, new byte[0]);
        targetFs.delete(new Path(parts), true);
        return ranges.size();
    }

    private static Path part(String parts, int range) {
        return new Path(String.format(Locale.ROOT, "%s/range-%09d", parts, range));
    }

    private static Result decodeRange(Broadcast<HadoopConf> conf, String path, String name, String parts,
            long[] range) throws IOException {
        int r = (int) range[0];
        FileSystem outFs = HadoopFiles.of(new Path(parts), conf.value().get());
        HadoopStagedFiles attempt = HadoopStagedFiles.firstWins(outFs);
        try (HadoopInput in = new HadoopInput(HadoopFiles.of(new Path(path), conf.value().get()), new Path(path))) {
            long start = range[1] == 0 ? 0 : BgzfBlocks.nextBlock(in, range[1]);
            long end = range[2] >= in.size() ? in.size() : BgzfBlocks.nextBlock(in, range[2]);
            Path written = attempt.stage(part(parts, r));
            try (OutputStream out = new BufferedOutputStream(outFs.create(written, true), 1 << 16)) {
                BgzfBlocks.decode(in, name, start, end, out);
            }
            attempt.publish();
            return new Result(r, null);
        } catch (CompressedDataException e) {
            return new Result(r, e);
        } finally {
            attempt.discard();
        }
    }
}
