package io.github.flashj.spark.exec;

import io.github.flashj.io.decode.BgzfBlocks;
import io.github.flashj.io.decode.DecodedInput;
import io.github.flashj.io.decode.SeekPoints;
import io.github.flashj.io.input.CompressedDataException;
import io.github.flashj.io.input.InputFormat;
import io.github.flashj.io.plan.RangeScan;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
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
 * read the decompressed data through them ({@link DecodedInput}, {@link io.github.flashj.io.decode.DecodedStream}),
 * decoding only the segments they need, as the local reader of many producers does. Where the cores
 * are few against the files, one task a file finds its blocks and counts its lines instead.
 */
final class BgzfInputs {
    private BgzfInputs() {
    }

    /**
     * The block tables of the BGZF inputs among {@code inputs}, null for the others (such as plain
     * gzip, or plain gzip after BGZF). Where the cores are no more than the BGZF files and the range
     * size is automatic, one task a file walks its blocks and decodes it whole, counting its lines
     * as it goes ({@link SeekableInput#scanned}), so that planning reads nothing of it: splitting a
     * file into ranges could not use more cores, and would read it once more. Otherwise Spark tasks
     * find the blocks of byte ranges of about {@code rangeBytes} ({@link InputPlanning#rangeBytes}:
     * 0 for automatic), and planning decodes the ranges it scans.
     *
     * @param format how the inputs' records are laid out, for the lines a task that reads a whole
     *     file counts
     */
    static List<SeekableInput> find(JavaSparkContext jsc, Broadcast<HadoopConf> conf, List<SeekableInput.Source> inputs,
            InputFormat format, long rangeBytes) throws IOException {
        List<SeekableInput> found = new ArrayList<>(Collections.nCopies(inputs.size(), null));
        List<Integer> bgzf = new ArrayList<>();
        for (int f = 0; f < inputs.size(); f++) {
            if (BgzfBlocks.isBgzf(inputs.get(f).head(), inputs.get(f).head().length)) {
                bgzf.add(f);
            }
        }
        if (bgzf.isEmpty()) {
            return found;
        }
        if (!wholeFiles(rangeBytes, bgzf.size(), jsc.defaultParallelism())) {
            for (int f : bgzf) {
                found.set(f, byRanges(jsc, conf, inputs.get(f).path(), rangeBytes));
            }
            return found;
        }
        long started = System.nanoTime();
        List<WholeFile> tasks = bgzf.stream().map(f -> new WholeFile(inputs.get(f).path(), inputs.get(f).name(),
                format)).toList();
        List<Walked> walked = SparkJobs.runJob(jsc, () -> jsc.parallelize(tasks, tasks.size())
                .map(task -> task.walk(conf)).collect());
        long millis = (System.nanoTime() - started) / 1_000_000;
        for (int k = 0; k < bgzf.size(); k++) {
            Walked file = walked.get(k);
            if (file.blocks() == null) {
                continue;
            }
            SeekPoints points = file.blocks().seekPoints(DecodedInput.SEEK_SPACING);
            found.set(bgzf.get(k), new SeekableInput(points, null, String.format(Locale.ROOT,
                    "BGZF: %d blocks found by 1 Spark task%s in %d ms%s", file.blocks().count(),
                    bgzf.size() == 1 ? "" : " a file, in one job with " + (bgzf.size() - 1) + " other "
                            + (bgzf.size() == 2 ? "file" : "files"), millis,
                    file.scan() == null ? "" : ", its lines counted in the same pass"), file.scan()));
        }
        return found;
    }

    /**
     * Whether each of {@code files} BGZF files is read whole by one task: with the automatic range
     * size, where the {@code parallelism} cores are no more than the files.
     */
    static boolean wholeFiles(long rangeBytes, int files, int parallelism) {
        return rangeBytes <= 0 && parallelism <= files;
    }

    /** The block table of one file, found by Spark tasks over its byte ranges; null when not BGZF throughout. */
    private static SeekableInput byRanges(JavaSparkContext jsc, Broadcast<HadoopConf> conf, String path,
            long rangeBytes) throws IOException {
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

    /** A whole BGZF file, as the task that walks it gets it. */
    private record WholeFile(String path, String name, InputFormat format) implements Serializable {
        private static final long serialVersionUID = 1L;

        /**
         * The file's blocks (null when it is not BGZF throughout), and its lines counted as it is
         * decoded (null when its data fail to decode: planning then finds them unreadable, and the
         * plan's one chunk reports the error).
         */
        Walked walk(Broadcast<HadoopConf> conf) throws IOException {
            Path file = new Path(path);
            try (HadoopInput in = new HadoopInput(HadoopFiles.of(file, conf.value().get()), file)) {
                BgzfBlocks.Blocks blocks = BgzfBlocks.table(in);
                if (blocks == null) {
                    return new Walked(null, null);
                }
                RangeScan.Whole lines = RangeScan.whole(format, InputPlanning.CHECKPOINT_LINES);
                try {
                    BgzfBlocks.decode(in, name, 0, in.size(), lines);
                } catch (CompressedDataException e) {
                    return new Walked(blocks, null);
                }
                return new Walked(blocks, lines.scan());
            }
        }
    }

    /** What the task that walked a whole file found. */
    private record Walked(BgzfBlocks.Blocks blocks, RangeScan scan) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private static BgzfBlocks.Blocks rangeBlocks(Broadcast<HadoopConf> conf, String path, long[] range)
            throws IOException {
        Path file = new Path(path);
        try (HadoopInput in = new HadoopInput(HadoopFiles.of(file, conf.value().get()), file)) {
            return BgzfBlocks.rangeBlocks(in, range[0], range[1]);
        }
    }
}
