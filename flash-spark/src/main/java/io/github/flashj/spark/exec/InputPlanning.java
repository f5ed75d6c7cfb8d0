package io.github.flashj.spark.exec;

import io.github.flashj.gzip.GzipFormatException;
import io.github.flashj.gzip.SegmentChecks;
import io.github.flashj.io.SystemErrors;
import io.github.flashj.io.decode.DecodedInput;
import io.github.flashj.io.input.CompressedDataException;
import io.github.flashj.io.plan.ChunkPlanner;
import io.github.flashj.io.plan.RangeScan;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Cuts inputs into chunks of whole pairs, for the file job and the {@code flashj-fastq} table
 * alike: byte ranges of every input (of a gzip input's decompressed data, read through its seek
 * points) are scanned for record starts and lines as Spark tasks, and the driver lines the files
 * up by record index. A gzip input that one task indexed from its start comes with its lines
 * counted in that pass ({@link SeekableInput#scanned}), and is not read again.
 */
public final class InputPlanning {
    /** Lines between two checkpoints of a scan: a chunk skips fewer than this many lines. */
    static final int CHECKPOINT_LINES = 1024;
    private static final long MIN_RANGE_BYTES = 4L << 20;
    private static final long MAX_RANGE_BYTES = 128L << 20;
    private static final long MAX_PAIRS_PER_CHUNK = 1_000_000;

    private InputPlanning() {
    }

    /**
     * The chunks of the job's inputs.
     *
     * @param pairsPerChunk pairs per chunk, or 0 for about four chunks per core (at least a batch)
     * @param rangeBytes bytes per scanning task, or 0 for about two per core
     */
    public static ChunkPlanner.Plan plan(JavaSparkContext jsc, JobSpec job, long pairsPerChunk, long rangeBytes)
            throws IOException {
        int parallelism = Math.max(1, jsc.defaultParallelism());
        List<long[]> ranges = new ArrayList<>();
        Configuration hadoop = job.hadoop();
        List<List<RangeScan>> scans = new ArrayList<>();
        List<Map<Integer, SegmentChecks>> checks = new ArrayList<>();
        for (int f = 0; f < job.paths().size(); f++) {
            scans.add(new ArrayList<>());
            checks.add(new TreeMap<>());
            Path path = new Path(job.paths().get(f));
            SeekableInput seekable = job.seekable(f);
            if (seekable != null && seekable.scanned() != null) {
                // Counted as it was indexed, every member checked: nothing to read.
                scans.get(f).add(seekable.scanned());
                continue;
            }
            long size = seekable != null ? seekable.points().size()
                    : HadoopFiles.of(path, hadoop).getFileStatus(path).getLen();
            long[] cuts = ChunkPlanner.ranges(size, rangeBytes(rangeBytes, size, parallelism));
            for (int r = 0; r + 1 < cuts.length; r++) {
                ranges.add(new long[] {f, cuts[r], cuts[r + 1]});
            }
        }
        List<Scanned> scanned = ranges.isEmpty() ? List.of() : SparkJobs.runJob(jsc,
                () -> jsc.parallelize(ranges, ranges.size()).map(range -> scan(job, range)).collect());
        for (int r = 0; r < ranges.size(); r++) {
            int f = (int) ranges.get(r)[0];
            scans.get(f).add(scanned.get(r).scan());
            checks.get(f).putAll(scanned.get(r).checks());
        }
        long lines = 0;
        for (RangeScan scan : scans.get(0)) {
            lines += scan.lines();
        }
        checkMembers(job, checks);
        long perChunk = pairsPerChunk;
        if (perChunk <= 0) {
            long pairs = lines / job.format().linesPerPair();
            long quarterPerCore = (pairs + 4L * parallelism - 1) / (4L * parallelism);
            perChunk = Math.max(job.batchSize(), Math.min(MAX_PAIRS_PER_CHUNK, quarterPerCore));
        }
        return ChunkPlanner.plan(job.format(), job.names(), scans, CHECKPOINT_LINES, perChunk);
    }

    /**
     * A range's scan, and what the gzip segments it decoded tell of their members.
     *
     * @param checks by segment, for a plain gzip input read through its seek points
     */
    private record Scanned(RangeScan scan, Map<Integer, SegmentChecks> checks) implements Serializable {
    }

    /**
     * Checks every gzip member that spans segments of a plain gzip input against its trailer, from
     * what the planning tasks saw (members inside a segment were checked as it was decoded): corrupt
     * data fail the run before any merge, naming the file and the compressed offset. A scan that met
     * data it could not decode leaves the check to the plan's one chunk, which reports the error.
     */
    private static void checkMembers(JobSpec job, List<Map<Integer, SegmentChecks>> checks) throws IOException {
        for (int f = 0; f < checks.size(); f++) {
            SeekableInput seekable = job.seekable(f);
            if (seekable == null || seekable.index() == null
                    || checks.get(f).size() != seekable.points().segments()) {
                continue;
            }
            String name = job.names().get(f);
            String problem = SegmentChecks.check(name, new ArrayList<>(checks.get(f).values()));
            if (problem != null) {
                throw new GzipFormatException(name, problem.substring(name.length() + 2), null);
            }
        }
    }

    /**
     * The first bytes of an input (up to 18, enough to tell gzip, BGZF, zstd and LZ4 apart).
     *
     * @throws FileNotFoundException with the command's message when it is missing or a directory
     */
    public static byte[] head(FileSystem fs, Path path, String name) throws IOException {
        try {
            if (fs.getFileStatus(path).isDirectory()) {
                throw new FileSystemException(name, null, "Is a directory");
            }
        } catch (FileNotFoundException | FileSystemException e) {
            FileNotFoundException failure = new FileNotFoundException("Failed to open \"" + name + "\" for reading: "
                    + SystemErrors.reason(e));
            failure.initCause(e);
            throw failure;
        }
        byte[] head = new byte[18];
        int n;
        try (FSDataInputStream in = fs.open(path)) {
            n = Math.max(0, in.readNBytes(head, 0, head.length));
        }
        return Arrays.copyOf(head, n);
    }

    /**
     * Byte ranges {@code {from, to}} of about {@code bytes} each covering {@code size} bytes: what
     * the tasks that find a compressed file's seek points each read.
     */
    static List<long[]> byteRanges(long size, long bytes) {
        long[] cuts = ChunkPlanner.ranges(size, bytes);
        List<long[]> ranges = new ArrayList<>();
        for (int r = 0; r + 1 < cuts.length; r++) {
            ranges.add(new long[] {cuts[r], cuts[r + 1]});
        }
        return ranges;
    }

    /**
     * Bytes per planning task (or task indexing a compressed file): as set, else about two tasks
     * per core, within bounds.
     */
    static long rangeBytes(long setting, long size, int parallelism) {
        return setting > 0 ? setting
                : Math.min(MAX_RANGE_BYTES, Math.max(MIN_RANGE_BYTES, size / (2L * Math.max(1, parallelism)) + 1));
    }

    private static Scanned scan(JobSpec job, long[] range) throws IOException {
        int f = (int) range[0];
        SeekableInput seekable = job.seekable(f);
        if (seekable != null) {
            try (DecodedInput in = seekable.open(job.paths().get(f), job.names().get(f), job.hadoop())) {
                RangeScan scan = RangeScan.scan(in, job.format(), range[1], range[2], CHECKPOINT_LINES);
                Map<Integer, SegmentChecks> checks = new HashMap<>();
                for (int i = 0; i < seekable.points().segments(); i++) {
                    if (in.segmentChecks(i) != null) {
                        checks.put(i, in.segmentChecks(i));
                    }
                }
                return new Scanned(scan, checks);
            } catch (CompressedDataException | GzipFormatException e) {
                // Corrupt data fail every attempt alike: rather than have Spark retry it, the plan
                // reads the inputs in order, and its one task reports the error.
                return new Scanned(RangeScan.unreadable(range[1], range[2]), Map.of());
            }
        }
        Path path = new Path(job.paths().get(f));
        try (HadoopInput in = new HadoopInput(HadoopFiles.of(path, job.hadoop()), path)) {
            return new Scanned(RangeScan.scan(in, job.format(), range[1], range[2], CHECKPOINT_LINES), Map.of());
        }
    }
}
