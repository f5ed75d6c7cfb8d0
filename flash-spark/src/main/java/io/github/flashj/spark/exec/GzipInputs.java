package io.github.flashj.spark.exec;

import io.github.flashj.gzip.GzipDecoding;
import io.github.flashj.gzip.GzipFormatException;
import io.github.flashj.gzip.GzipIndex;
import io.github.flashj.gzip.GzipRangeIndex;
import io.github.flashj.gzip.IsalInflate;
import io.github.flashj.io.decode.DecodedInput;
import io.github.flashj.io.decode.DecodedStream;
import io.github.flashj.io.decode.SeekPoints;
import io.github.flashj.io.decode.SegmentWindows;
import io.github.flashj.io.input.InputFormat;
import io.github.flashj.io.plan.PositionalInput;
import io.github.flashj.io.plan.RangeScan;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BiFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain gzip inputs read through the seek points of an index, with no decoded copy anywhere, as
 * rapidgzip indexes a file across threads but across executors: each Spark task decodes one byte
 * range of the compressed file from the first deflate block it finds there, with the 32 KiB window
 * before it unknown ({@link GzipRangeIndex#build}), writes its seek points' windows (with markers
 * for the unknown bytes) to a side file in the work directory, and sends the driver only its points,
 * checks and last window. The driver joins the ranges in chain order ({@link GzipRangeIndex#joinPoints}),
 * checking that each starts where the one before ended (a range that does not is decoded again, as
 * a Spark job, from the true boundary), and writes the index where every task can read it, each
 * window read back from its side file and resolved from the window its range started with, one at
 * a time: the driver holds the seek points and one window, whatever the file's size. Where the
 * cores are few against the files, each file is one range instead ({@link #indexRangeBytes}),
 * decoded by ISA-L from its known start, whose task also counts the file's lines, so that planning
 * reads nothing of it ({@link SeekableInput#scanned}). Planning and merging tasks then decode only
 * the segments they read ({@link DecodedInput#gzip}), each from its seek point with its window read
 * from the index file. The driver reads the input's first bytes, nothing more of it.
 */
final class GzipInputs {
    private static final Logger LOG = LoggerFactory.getLogger(GzipInputs.class);
    /** What an index file's name ends with, as a local run's {@code --gzip-index} directory holds them. */
    static final String INDEX_SUFFIX = ".gzidx";

    private GzipInputs() {
    }

    /**
     * Where the tasks read the windows of a plain gzip file's seek points.
     *
     * @param file the index file, a Hadoop path every executor can read; null when {@code shipped}
     * @param shipped the index file's bytes, broadcast to the executors, when it has no such path
     * @param index the index's seek points (not its windows), which say where each window lies in the file
     */
    record IndexFile(String file, Broadcast<byte[]> shipped, GzipIndex index) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The index file, read with positional reads. */
        CloseableInput open(Configuration hadoop) throws IOException {
            if (shipped != null) {
                PositionalInput bytes = PositionalInput.of(shipped.value());
                return new CloseableInput() {
                    @Override
                    public long size() throws IOException {
                        return bytes.size();
                    }

                    @Override
                    public int read(long position, byte[] buffer, int offset, int length) throws IOException {
                        return bytes.read(position, buffer, offset, length);
                    }

                    @Override
                    public void close() {
                    }
                };
            }
            Path path = new Path(file);
            return new HadoopInput(HadoopFiles.of(path, hadoop), path);
        }
    }

    /** A range decoded again by a task, or why its data cannot be decoded. */
    private record Built(GzipRangeIndex range, GzipFormatException error) implements Serializable {
    }

    /**
     * The side files where index tasks write their seek points' windows, one per range, in a
     * directory of the work directory (or of the index directory, with none) that the driver removes
     * once the index is written.
     */
    record SideFiles(String directory, Broadcast<HadoopConf> conf)
            implements GzipRangeIndex.WindowStore, Serializable {
        private static final long serialVersionUID = 1L;

        private Path file(long startBit) {
            return new Path(directory, "windows-" + startBit);
        }

        /**
         * Attempts of one range (a retry, or a speculative copy running beside it) write the same
         * windows: each writes a file of its own, renamed into place once whole, so that the one
         * the index reads is whole whichever attempt wins.
         */
        @Override
        public OutputStream create(long startBit) throws IOException {
            Path file = file(startBit);
            Path partial = partialBeside(file);
            FileSystem fs = HadoopFiles.of(file, conf.value().get());
            return new FilterOutputStream(fs.create(partial, false)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    super.close();
                    if (!fs.rename(partial, file)) {
                        HadoopFiles.delete(fs, partial);
                        if (!fs.exists(file)) {
                            throw new IOException("could not rename " + partial + " to " + file);
                        }
                    }
                }
            };
        }

        @Override
        public InputStream open(long startBit) throws IOException {
            Path file = file(startBit);
            return HadoopFiles.of(file, conf.value().get()).open(file);
        }
    }

    /**
     * A range of one file to index, as a task gets it.
     *
     * @param scanFormat the format whose lines the task counts as it decodes, when the range is the
     *     whole file (planning then reads nothing of it); else null
     */
    private record RangeTask(String path, String name, long from, long to, long spacing, SideFiles sideFiles,
            InputFormat scanFormat) implements Serializable {
        private static final long serialVersionUID = 1L;

        /**
         * A range whose data fail to decode from its first start comes back with no start, which the
         * join decodes again from the end of the range before, where bad data are reported.
         */
        Indexed build(Broadcast<HadoopConf> conf, long decodedSpacing) throws IOException {
            InputStream in = openAt(conf.value().get(), path, from);
            if (scanFormat == null) {
                return new Indexed(GzipRangeIndex.build(in, from, to, spacing, decodedSpacing, name, sideFiles), null);
            }
            RangeScan.Whole lines = RangeScan.whole(scanFormat, InputPlanning.CHECKPOINT_LINES);
            GzipRangeIndex range = GzipRangeIndex.buildWhole(in, to, spacing, decodedSpacing, name, sideFiles, lines);
            return new Indexed(range, range.hasStart() ? lines.scan() : null);
        }
    }

    /** A range as its task indexed it, and the scan of the whole file when the range was all of it and decoded. */
    private record Indexed(GzipRangeIndex range, RangeScan scan) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A file whose index the tasks build. */
    private record Indexing(int input, List<RangeTask> ranges, Path kept) {
    }

    /** A plain gzip input with no index to reuse, before its ranges are chosen. */
    private record Unindexed(int input, long size, Path kept) {
    }

    /**
     * How many times the CPU of a range decoded with its window unknown (in Java, each byte that
     * depends on the window kept as a marker) exceeds that of the same bytes decoded by ISA-L with
     * the window known, as the first range of a file is: 2.3 on 685 MB of FASTQ (docs/BENCHMARKS.md).
     */
    static final double UNKNOWN_WINDOW_COST = 2.3;

    /**
     * The compressed bytes per indexing task for {@code files} plain gzip files of up to
     * {@code largest} bytes on {@code parallelism} cores: as set, else the whole file when that is
     * sooner (one task per file, which ISA-L decodes at its full rate from the known start, while the
     * other cores index the other files), else ranges of about two per core. One task per file is
     * sooner while the cores are no more than {@link #UNKNOWN_WINDOW_COST} times the files: ranges
     * would finish after {@code files * size * UNKNOWN_WINDOW_COST / parallelism} of one core's
     * time, one task per file after {@code size}.
     */
    static long indexRangeBytes(long setting, long largest, long size, int files, int parallelism,
            boolean isal) {
        if (setting <= 0 && isal && parallelism <= files * UNKNOWN_WINDOW_COST) {
            return Math.max(1, largest);
        }
        return InputPlanning.rangeBytes(setting, size, parallelism);
    }

    /**
     * The indexes of the plain gzip files among {@code inputs}: each reused from its
     * {@link SeekableInput.Source#indexDirectory} when the one there belongs to the file, else built
     * by Spark tasks over byte ranges of about {@code rangeBytes} (0 for automatic,
     * {@link #indexRangeBytes}), all files' ranges in one Spark job, and written to its index
     * directory, else to {@code workDirectory}, else broadcast to the executors. A file indexed by one
     * task has its lines counted by it as well, for {@code format} ({@link SeekableInput#scanned}).
     *
     * @param format how the inputs' records are laid out, or null when they will not be planned
     * @return for each input, how it is entered, or null when it is not gzip
     * @throws GzipFormatException when the data cannot be decoded, naming the file and the offset
     */
    static List<SeekableInput> index(JavaSparkContext jsc, Broadcast<HadoopConf> conf,
            List<SeekableInput.Source> inputs, InputFormat format, long rangeBytes, String workDirectory)
            throws IOException {
        return index(jsc, conf, inputs, format, rangeBytes, workDirectory, GzipRangeIndex.DECODED_SPACING);
    }

    /**
     * {@link #index}, with seek points at most {@code decodedSpacing} decompressed bytes apart within
     * a range ({@link GzipRangeIndex#DECODED_SPACING} but in tests).
     */
    static List<SeekableInput> index(JavaSparkContext jsc, Broadcast<HadoopConf> conf,
            List<SeekableInput.Source> inputs, InputFormat format, long rangeBytes, String workDirectory,
            long decodedSpacing) throws IOException {
        long started = System.nanoTime();
        Configuration hadoop = conf.value().get();
        List<SeekableInput> entered = new ArrayList<>(Collections.nCopies(inputs.size(), null));
        List<Unindexed> unindexed = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            SeekableInput.Source input = inputs.get(i);
            if (!GzipDecoding.isGzip(input.head(), input.head().length)) {
                continue;
            }
            Path file = new Path(input.path());
            long size = HadoopFiles.of(file, hadoop).getFileStatus(file).getLen();
            Path kept = input.indexDirectory() == null ? null
                    : new Path(input.indexDirectory(), file.getName() + INDEX_SUFFIX);
            long checking = System.nanoTime();
            IndexFile reused = kept == null ? null : reuse(jsc, conf, input.path(), input.name(), size, kept);
            if (reused != null) {
                entered.set(i, new SeekableInput(SeekPoints.of(reused.index()), reused, String.format(Locale.ROOT,
                        "gzip: its index %s belongs to it (checked by a Spark task in %d ms; %s, the driver read %d"
                        + " bytes of the input)", kept, (System.nanoTime() - checking) / 1_000_000,
                        count(reused.index().points(), "seek point"), input.head().length)));
                continue;
            }
            unindexed.add(new Unindexed(i, size, kept));
        }
        long largest = unindexed.stream().mapToLong(Unindexed::size).max().orElse(0);
        List<Indexing> indexing = new ArrayList<>();
        List<RangeTask> tasks = new ArrayList<>();
        for (Unindexed file : unindexed) {
            SeekableInput.Source input = inputs.get(file.input());
            long bytes = indexRangeBytes(rangeBytes, largest, file.size(), unindexed.size(), jsc.defaultParallelism(),
                    IsalInflate.available());
            // With neither a work nor an index directory, the windows travel to the driver with the
            // ranges, as a broadcast index does.
            Path sideDirectory = workDirectory != null ? new Path(workDirectory)
                    : file.kept() != null ? file.kept().getParent() : null;
            SideFiles sideFiles = sideDirectory == null ? null
                    : new SideFiles(new Path(sideDirectory, "gzip-windows-" + UUID.randomUUID()).toString(), conf);
            List<long[]> cuts = InputPlanning.byteRanges(file.size(), bytes);
            InputFormat scanFormat = cuts.size() == 1 ? format : null;
            List<RangeTask> ranges = new ArrayList<>();
            for (long[] range : cuts) {
                ranges.add(new RangeTask(input.path(), input.name(), range[0], range[1], spacing(bytes), sideFiles,
                        scanFormat));
            }
            indexing.add(new Indexing(file.input(), ranges, file.kept()));
            tasks.addAll(ranges);
        }
        if (tasks.isEmpty()) {
            return entered;
        }
        try {
            List<Indexed> indexed = SparkJobs.runJob(jsc, () -> jsc.parallelize(tasks, tasks.size())
                    .map(task -> task.build(conf, decodedSpacing)).collect());
            int next = 0;
            for (Indexing file : indexing) {
                List<Indexed> ranges = indexed.subList(next, next + file.ranges().size());
                next += ranges.size();
                entered.set(file.input(), join(jsc, conf, inputs.get(file.input()), file, ranges, decodedSpacing,
                        workDirectory, started, indexing.size()));
            }
        } finally {
            for (Indexing file : indexing) {
                SideFiles sideFiles = file.ranges().get(0).sideFiles();
                if (sideFiles != null) {
                    Path directory = new Path(sideFiles.directory());
                    HadoopFiles.of(directory, hadoop).delete(directory, true);
                }
            }
        }
        return entered;
    }

    /**
     * Joins the ranges of one file, built by the tasks, and writes its index; null, with no index
     * written, when a segment would be longer than a reader holds ({@link DecodedInput#MAX_SEGMENT}:
     * a deflate block that decodes to more, which no common compressor writes), so that the file
     * is read in order by one task instead.
     */
    private static SeekableInput join(JavaSparkContext jsc, Broadcast<HadoopConf> conf, SeekableInput.Source input,
            Indexing file, List<Indexed> indexed, long decodedSpacing, String workDirectory, long started, int files)
            throws IOException {
        RangeTask first = file.ranges().get(0);
        List<GzipRangeIndex> ranges = indexed.stream().map(Indexed::range).toList();
        RangeScan scanned = indexed.size() == 1 ? indexed.get(0).scan() : null;
        int[] redone = new int[1];
        GzipRangeIndex.Joined joined = GzipRangeIndex.joinPoints(ranges, (startBit, toByte) -> {
            redone[0]++;
            return rebuild(jsc, conf, input.path(), input.name(), startBit, toByte, first.spacing(), decodedSpacing,
                    first.sideFiles());
        });
        SeekPoints points = SeekPoints.of(joined.points());
        long largest = points.largestSegmentLength();
        if (largest > DecodedInput.MAX_SEGMENT) {
            LOG.info("{} cannot be entered at its seek points: they lie up to {} decompressed bytes apart (a long"
                    + " deflate block), more than the {} a reader holds", input.name(), largest,
                    DecodedInput.MAX_SEGMENT);
            return null;
        }
        IndexFile written = write(jsc, joined, first.sideFiles(), file.kept(), workDirectory, conf.value().get());
        return new SeekableInput(points, written, String.format(Locale.ROOT,
                "gzip: indexed by %s%s in %d ms (%s%s%s, the driver read %d bytes of the input%s)",
                count(ranges.size(), "Spark task"), files == 1 ? "" : " in one job with " + (files - 1) + " other "
                        + (files == 2 ? "file" : "files"), (System.nanoTime() - started) / 1_000_000,
                count(written.index().points(), "seek point"),
                scanned == null ? "" : ", its lines counted in the same pass",
                redone[0] == 0 ? "" : "; " + count(redone[0], "range") + " after a false block start decoded again",
                input.head().length, file.kept() == null ? "" : "; kept as " + file.kept()), scanned);
    }

    /** {@code n} and the noun, in the plural unless {@code n} is 1. */
    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * Compressed bytes between seek points: {@link DecodedInput#SEEK_SPACING}, or a range when
     * ranges are smaller (small test ranges give many seek points too), whatever the file's size:
     * the driver holds no window but the one it writes.
     */
    static long spacing(long rangeBytes) {
        return Math.max(1, Math.min(DecodedInput.SEEK_SPACING, rangeBytes));
    }

    /** Decodes a range again from a boundary known to be real, as a Spark job of one task. */
    private static GzipRangeIndex rebuild(JavaSparkContext jsc, Broadcast<HadoopConf> conf, String path,
            String name, long startBit, long toByte, long spacing, long decodedSpacing, SideFiles sideFiles)
            throws IOException {
        Built built = SparkJobs.runJob(jsc, () -> jsc.parallelize(List.of(startBit), 1).map(start -> {
            try {
                return new Built(GzipRangeIndex.buildFrom(openAt(conf.value().get(), path, start / 8), start, toByte,
                        spacing, decodedSpacing, name, sideFiles), null);
            } catch (GzipFormatException e) {
                // Bad data fail every attempt alike: the driver reports them, rather than Spark retrying.
                return new Built(null, e);
            }
        }).collect()).get(0);
        if (built.error() != null) {
            throw built.error();
        }
        return built.range();
    }

    /** A hidden name of its own beside {@code file}, where a writer puts it until it is whole. */
    private static Path partialBeside(Path file) {
        return new Path(file.getParent(), "." + file.getName() + "." + UUID.randomUUID() + ".partial");
    }

    /** The file's bytes from {@code offset} on, buffered. */
    private static InputStream openAt(Configuration hadoop, String path, long offset) throws IOException {
        Path file = new Path(path);
        FSDataInputStream in = HadoopFiles.of(file, hadoop).open(file);
        try {
            in.seek(offset);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return new BufferedInputStream(in, 1 << 16);
    }

    /**
     * Writes the index to {@code kept} (through a file beside it, renamed when whole), else to the
     * work directory, else broadcasts it to the executors; returns where the tasks find it.
     *
     * @param sideFiles where the ranges' windows are, or null when the ranges hold them
     */
    private static IndexFile write(JavaSparkContext jsc, GzipRangeIndex.Joined joined, SideFiles sideFiles,
            Path kept, String workDirectory, Configuration hadoop) throws IOException {
        GzipIndex index = joined.points();
        if (kept == null && workDirectory == null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            joined.write(bytes, sideFiles);
            return new IndexFile(null, jsc.broadcast(bytes.toByteArray()), index);
        }
        Path target = kept != null ? kept : new Path(workDirectory, "gzip-" + UUID.randomUUID() + INDEX_SUFFIX);
        FileSystem fs = HadoopFiles.of(target, hadoop);
        Path partial = kept == null ? target : partialBeside(kept);
        if (kept != null) {
            HadoopFiles.mkdirs(fs, kept.getParent());
        }
        try {
            try (OutputStream out = new BufferedOutputStream(fs.create(partial, true), 1 << 16)) {
                joined.write(out, sideFiles);
            }
            if (kept != null) {
                HadoopFiles.delete(fs, kept);
                if (!fs.rename(partial, kept)) {
                    throw new IOException("could not rename " + partial + " to " + kept);
                }
                LOG.info("Wrote the gzip index {}", kept);
            }
        } finally {
            if (kept != null) {
                HadoopFiles.delete(fs, partial);
            }
        }
        return new IndexFile(fs.makeQualified(target).toString(), null, index);
    }

    /** The seek points of an index file, without its windows (which tasks read when they need them). */
    private static GzipIndex read(Path index, Configuration hadoop) throws IOException {
        FileSystem fs = HadoopFiles.of(index, hadoop);
        try (InputStream in = new BufferedInputStream(fs.open(index), 1 << 16)) {
            return GzipIndex.read(in, index.toString(), fs.getFileStatus(index).getLen(), false);
        }
    }

    /**
     * The index kept at {@code kept} when it belongs to the file and serves its readers: the same
     * compressed size, no segment longer than a reader holds ({@link DecodedInput#MAX_SEGMENT}:
     * another tool may have written sparse seek points), and a Spark task that decodes the last two
     * segments from their seek points finds the window stored for the last equal to the data before
     * it, and the data ending as the trailer says. Else null, with a warning (the index is built
     * again).
     */
    private static IndexFile reuse(JavaSparkContext jsc, Broadcast<HadoopConf> conf, String path, String name,
            long size, Path kept) throws IOException {
        Configuration hadoop = conf.value().get();
        FileSystem fs = HadoopFiles.of(kept, hadoop);
        if (!fs.exists(kept)) {
            return null;
        }
        String mismatch;
        boolean sparse = false;
        IndexFile index = null;
        try {
            index = new IndexFile(fs.makeQualified(kept).toString(), null, read(kept, hadoop));
            long made = index.index().compressedSize();
            IndexFile candidate = index;
            long largest = SeekPoints.of(index.index()).largestSegmentLength();
            sparse = made == size && largest > DecodedInput.MAX_SEGMENT;
            mismatch = made != size ? "it was made for a file of " + made + " bytes, not " + size
                    : largest > DecodedInput.MAX_SEGMENT ? "its seek points lie up to " + largest
                            + " decompressed bytes apart, more than the " + DecodedInput.MAX_SEGMENT
                            + " a reader holds"
                    : SparkJobs.runJob(jsc, () -> jsc.parallelize(List.of(0), 1)
                            .map(x -> windowMismatch(conf, path, name, candidate)).collect()).get(0);
        } catch (IOException e) {
            mismatch = e.getMessage();
        }
        if (mismatch != null) {
            LOG.warn("The gzip index {} {} {} ({}): building it again", kept,
                    sparse ? "cannot serve the readers of" : "does not belong to", name, mismatch);
            return null;
        }
        LOG.info("Using the gzip index {}", kept);
        return index;
    }

    /** Runs in a task: why the index does not belong to the file, or null (see {@link #reuse}). */
    private static String windowMismatch(Broadcast<HadoopConf> conf, String path, String name, IndexFile index)
            throws IOException {
        Configuration hadoop = conf.value().get();
        SeekPoints points = SeekPoints.of(index.index());
        int last = points.segments() - 1;
        if (last < 0) {
            return null;
        }
        Path file = new Path(path);
        HadoopInput compressed = new HadoopInput(HadoopFiles.of(file, hadoop), file);
        DecodedInput opened;
        try {
            opened = open(name, compressed, points, index, hadoop);
        } catch (IOException | RuntimeException e) {
            compressed.close();
            throw e;
        }
        try (DecodedInput data = opened; CloseableInput indexFile = index.open(hadoop)) {
            if (last > 0) {
                byte[] stored = SegmentWindows.fromIndexFile(indexFile, index.index(), points).window(last);
                byte[] actual = new byte[stored.length];
                data.readFully(points.decodedStart(last) - stored.length, actual, 0, actual.length);
                for (int i = 0; i < stored.length; i++) {
                    // A window may leave the bytes no back-reference uses as zeros.
                    if (stored[i] != 0 && stored[i] != actual[i]) {
                        return "the data before its seek point at byte " + points.decodedStart(last)
                                + " differ from the file's";
                    }
                }
            }
            byte[] rest = new byte[1 << 16];
            for (long at = points.decodedStart(last); at < points.size(); ) {
                at += data.read(at, rest, 0, (int) Math.min(rest.length, points.size() - at));
            }
            return null;
        } catch (GzipFormatException e) {
            return "the file cannot be decoded from its last seek points (" + e.getMessage() + ")";
        }
    }

    /**
     * The decompressed data of a plain gzip file entered at its seek points, decoded on one thread
     * ahead of the task that reads them, each segment's window read from the index file.
     *
     * @param compressed the file, closed with the view
     */
    static DecodedInput open(String name, HadoopInput compressed, SeekPoints points, IndexFile index,
            Configuration hadoop) throws IOException {
        return withIndexFile(compressed, points, index, hadoop, (both, windows) ->
                DecodedInput.gzip(name, compressed, both, points, windows, 1));
    }

    /**
     * The decompressed data of a plain gzip file from {@code offset} on, read in order through its
     * seek points, each segment's window read from the index file.
     *
     * @param compressed the file, closed with the stream
     */
    static DecodedStream stream(String name, HadoopInput compressed, SeekPoints points, IndexFile index,
            Configuration hadoop, long offset) throws IOException {
        return withIndexFile(compressed, points, index, hadoop, (both, windows) ->
                DecodedStream.gzip(name, compressed, both, points, windows, offset));
    }

    /** A reader of the compressed file and its index file, made by {@code reader}, which closes both. */
    private static <T> T withIndexFile(HadoopInput compressed, SeekPoints points, IndexFile index, Configuration hadoop,
            BiFunction<Closeable, SegmentWindows, T> reader) throws IOException {
        CloseableInput indexFile = index.open(hadoop);
        Closeable both = () -> {
            try (indexFile) {
                compressed.close();
            }
        };
        try {
            return reader.apply(both, SegmentWindows.fromIndexFile(indexFile, index.index(), points));
        } catch (RuntimeException e) {
            indexFile.close();
            throw e;
        }
    }
}
