package io.github.flashj.io.split;

import io.github.flashj.ParallelPairSource;
import io.github.flashj.ResumableSource;
import io.github.flashj.batch.PairBatch;
import io.github.flashj.io.Compression;
import io.github.flashj.io.decode.DecodedInput;
import io.github.flashj.io.decode.GzipInput;
import io.github.flashj.io.decode.InputThreads;
import io.github.flashj.io.fastq.LineSource;
import io.github.flashj.io.fastq.MateFilesReader;
import io.github.flashj.io.fastq.RawLines;
import io.github.flashj.io.input.InputFormat;
import io.github.flashj.io.plan.ChunkPlan;
import io.github.flashj.io.plan.ChunkPlanner;
import io.github.flashj.io.plan.PositionalInput;
import io.github.flashj.io.plan.RangeScan;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two FASTQ mate files read by several producers at once, each filling the chunk of pairs it was
 * given (see {@link ParallelPairSource}): plain files, and gzip files (BGZF or plain gzip) through
 * the seek points of their decompressed data ({@link DecodedInput}).
 *
 * <p>{@link #producers} plans the files as a split run does: both files' byte ranges are scanned in
 * parallel ({@link RangeScan}), and {@link ChunkPlanner} makes chunk {@code k} records
 * {@code [k*c, (k+1)*c)} of each file, each starting at a checkpoint. {@link #fillBatch} reads a
 * chunk's lines with positional reads into the batch's {@link RawLines}s, numbered as in the
 * whole file; the merge worker parses them as for {@link MateFilesReader}, so messages about bad
 * records are the same. When either file is irregular (no record structure, a partial record, a
 * different record count in the other file, ...), cannot be entered at any offset, or splitting
 * would not pay, the files are read in order by the {@link MateFilesReader} given, which reports
 * any error exactly as always.
 */
public final class SplitMateFilesReader implements ParallelPairSource, ResumableSource {
    private static final Logger LOG = LoggerFactory.getLogger(SplitMateFilesReader.class);
    /** Automatic choice: no split below this much input (both files). */
    static final long AUTO_MIN_BYTES = 256L << 20;
    /** Automatic choice: no split with fewer merge workers than this. */
    static final int AUTO_MIN_WORKERS = 4;
    /**
     * Automatic choice: no split on fewer processors than this. On 2 cores, splitting was slower at
     * 2 and 4 workers (docs/BENCHMARKS.md): the workers already use every core, and the index
     * pass costs more than the parallel reading saves.
     */
    static final int AUTO_MIN_PROCESSORS = 8;
    /** The most producers chosen automatically. */
    static final int AUTO_MAX_PRODUCERS = 4;
    /** Byte ranges indexed per file are at least this long. */
    private static final long MIN_RANGE = 4L << 20;
    /** Checkpoints per batch: a fill reads at most 1/CHECKPOINTS_PER_BATCH of a batch in excess, at each end. */
    private static final int CHECKPOINTS_PER_BATCH = 32;
    private static final int MIN_SPACING = 16;

    private final Path[] paths;
    private final String[] names;
    private final int requested;
    private final GzipInput gzip;
    private final MateFilesReader inOrder;
    private final PositionalInput[] inputs = new PositionalInput[2];
    private final Closeable[] opened = new Closeable[2];
    private List<ChunkPlan> chunks;
    private long minRange = MIN_RANGE;
    private int minSpacing = MIN_SPACING;

    /**
     * @param requested producers asked for; 0 chooses automatically
     * @param gzip how gzip files are entered at seek points (their index directory, threads and spacing)
     * @param inOrder the same files opened for reading in order, used when they are not split
     */
    public SplitMateFilesReader(Path path1, String name1, Path path2, String name2, int requested, GzipInput gzip,
            MateFilesReader inOrder) {
        this.paths = new Path[] {path1, path2};
        this.names = new String[] {name1, name2};
        this.requested = requested;
        this.gzip = gzip;
        this.inOrder = inOrder;
    }

    /** For tests: smaller byte ranges and checkpoint spacings than a real run would use. */
    public SplitMateFilesReader geometry(long rangeBytes, int spacing) {
        minRange = rangeBytes;
        minSpacing = spacing;
        return this;
    }

    /** Whether {@link #producers} chose to split the files (for tests). */
    public boolean isSplit() {
        return chunks != null;
    }

    /** The producers chosen automatically for this much input, these workers and processors. */
    static int automaticProducers(long bytes, int workers, int processors) {
        if (bytes < AUTO_MIN_BYTES || workers < AUTO_MIN_WORKERS || processors < AUTO_MIN_PROCESSORS) {
            return 1;
        }
        return Math.min(AUTO_MAX_PRODUCERS, Math.max(2, workers / 4));
    }

    /**
     * The same for inputs of which {@code gzip} are gzip files: never split automatically. A split
     * gzip file is decoded twice (planning, then reading) from its seek points, at about 280 MB/s
     * per thread against about 740 MB/s for ISA-L reading it in order, and holds decoded segments
     * in memory (about 1 GB at two producers); the model puts its break-even near 16 processors
     * (docs/BENCHMARKS.md), which no measurement has confirmed yet, so only an explicit
     * {@code producers} count splits gzip input.
     */
    static int automaticProducers(long bytes, int workers, int processors, boolean gzip) {
        return gzip ? 1 : automaticProducers(bytes, workers, processors);
    }

    @Override
    public int producers(int workers, int batchCapacity) throws IOException {
        long size = paths[0].toFile().length() + paths[1].toFile().length();
        int n = requested > 0 ? requested : automaticProducers(size, workers, Runtime.getRuntime().availableProcessors(),
                isGzip(paths[0]) || isGzip(paths[1]));
        if (n <= 1) {
            return 1;
        }
        int checkpointLines = 4 * Math.max(minSpacing, batchCapacity / CHECKPOINTS_PER_BATCH);
        long started = System.nanoTime();
        ExecutorService pool = InputThreads.pool(Math.max(2, n), "flashj-index-");
        ChunkPlanner.Plan plan = null;
        try {
            if (open(pool, n)) {
                plan = plan(pool, n, checkpointLines, batchCapacity);
                if (!verified()) {
                    plan = null;
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            // The planning threads may still wait for segments: they end before the inputs close.
            pool.shutdownNow();
            InputThreads.awaitTermination(pool);
            closeInputs(e);
            throw e;
        } finally {
            pool.shutdownNow();
            InputThreads.awaitTermination(pool);
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        List<ChunkPlan> planned = plan == null ? List.of() : plan.chunks();
        if (plan == null || !plan.split() || plan.pairs() == 0
                || planned.get(planned.size() - 1).pairs() == ChunkPlan.TO_THE_END) {
            LOG.debug("{} and {} are read by one producer ({} ms): {}", names[0], names[1], ms,
                    plan == null ? "they cannot be entered at any offset" : plan.split() ? "their pair counts differ"
                            : plan.unsplitReason());
            closeInputs(null);
            return 1;
        }
        LOG.debug("planned {} pairs of {} and {} in {} ms: {} producers", plan.pairs(), names[0], names[1], ms, n);
        chunks = planned;
        for (int f = 0; f < 2; f++) {
            if (inputs[f] instanceof DecodedInput) {
                DecodedInput decoded = (DecodedInput) inputs[f];
                decoded.readAhead(n);
                LOG.info("Reading {} with {} producers ({})", names[f], n, decoded.seekPoints().describe());
            } else {
                LOG.info("Reading {} with {} producers", names[f], n);
            }
        }
        return n;
    }

    private static boolean isGzip(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            byte[] head = new byte[4];
            int n = Math.max(0, channel.read(ByteBuffer.wrap(head), 0));
            return Compression.of(head, n) == Compression.GZIP;
        }
    }

    /**
     * Opens both files for positional reads, in parallel: plain files as they are, gzip files
     * through their seek points ({@link DecodedInput}). False when either cannot be (another
     * compression, or gzip that cannot be entered at seek points here).
     */
    private boolean open(ExecutorService pool, int producers) throws IOException {
        List<Future<Closeable>> opening = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            Path path = paths[f];
            String name = names[f];
            opening.add(pool.submit(() -> openInput(path, name, producers)));
        }
        boolean all = true;
        for (int f = 0; f < 2; f++) {
            opened[f] = get(opening.get(f));
            if (opened[f] instanceof DecodedInput) {
                inputs[f] = (DecodedInput) opened[f];
            } else if (opened[f] instanceof FileChannel) {
                inputs[f] = named((FileChannel) opened[f], names[f]);
            } else {
                all = false;
            }
        }
        return all;
    }

    /** A plain file's channel, a gzip file's {@link DecodedInput}, or null. */
    private Closeable openInput(Path path, String name, int producers) throws IOException {
        byte[] head = new byte[4];
        int n;
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            n = Math.max(0, channel.read(ByteBuffer.wrap(head), 0));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        Compression compression = Compression.of(head, n);
        if (compression == Compression.NONE) {
            return channel;
        }
        channel.close();
        if (compression != Compression.GZIP) {
            LOG.debug("{} is read in order: {} input cannot be entered at any offset", name, compression);
            return null;
        }
        int threads = Math.max(producers, gzip.threads() > 0 ? gzip.threads() : GzipInput.automaticThreads());
        return DecodedInput.open(path, name, gzip, threads);
    }

    /** Whether the data of gzip files read from a reused index match their trailers ({@link DecodedInput#verify}). */
    private boolean verified() throws IOException {
        for (int f = 0; f < 2; f++) {
            String mismatch = inputs[f] instanceof DecodedInput ? ((DecodedInput) inputs[f]).verify() : null;
            if (mismatch != null) {
                LOG.debug("{} is read in order: {}", names[f], mismatch);
                return false;
            }
        }
        return true;
    }

    /** Scans both files' ranges on the pool and plans chunks of {@code capacity} pairs. */
    private ChunkPlanner.Plan plan(ExecutorService pool, int producers, int checkpointLines, int capacity)
            throws IOException {
        List<List<Future<RangeScan>>> scanning = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            PositionalInput in = inputs[f];
            long size = in.size();
            long[] cuts;
            if (in instanceof DecodedInput) {
                cuts = ((DecodedInput) in).ranges(4 * producers);
            } else {
                long ranges = Math.max(1, Math.min(4L * producers, size / minRange));
                cuts = ChunkPlanner.ranges(size, Math.max(1, (size + ranges - 1) / ranges));
            }
            List<Future<RangeScan>> scans = new ArrayList<>();
            for (int i = 0; i + 1 < cuts.length; i++) {
                long from = cuts[i];
                long to = cuts[i + 1];
                scans.add(pool.submit(() -> RangeScan.scan(in, InputFormat.PAIRED_FASTQ, from, to, checkpointLines)));
            }
            scanning.add(scans);
        }
        List<List<RangeScan>> scans = new ArrayList<>();
        for (List<Future<RangeScan>> file : scanning) {
            List<RangeScan> done = new ArrayList<>();
            for (Future<RangeScan> scan : file) {
                done.add(get(scan));
            }
            scans.add(done);
        }
        return ChunkPlanner.plan(InputFormat.PAIRED_FASTQ, List.of(names), scans, checkpointLines, capacity);
    }

    /** A file read at any offset, whose early end names it, as the batches' reads do ({@link #cut}). */
    public static PositionalInput named(FileChannel channel, String name) {
        PositionalInput in = PositionalInput.of(channel);
        return new PositionalInput() {
            @Override
            public long size() throws IOException {
                return in.size();
            }

            @Override
            public int read(long position, byte[] buffer, int offset, int length) throws IOException {
                return in.read(position, buffer, offset, length);
            }

            @Override
            public void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
                try {
                    in.readFully(position, buffer, offset, length);
                } catch (EOFException e) {
                    throw new IOException(name + " changed while it was being read (it ended early)", e);
                }
            }
        };
    }

    private static <T> T get(Future<T> f) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw InputThreads.failure(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean fill(PairBatch batch) throws IOException {
        return inOrder.fill(batch);
    }

    /** Read by one producer ({@link #fill}), the mate files' reader says it. */
    @Override
    public String notResumable() {
        return inOrder.notResumable();
    }

    @Override
    public String fingerprint() throws IOException {
        return inOrder.fingerprint();
    }

    @Override
    public int position(long[] into) {
        return inOrder.position(into);
    }

    @Override
    public void resumeAt(long[] position) throws IOException {
        inOrder.resumeAt(position);
    }

    @Override
    public boolean fillBatch(long chunk, PairBatch batch) throws IOException {
        if (chunk >= chunks.size()) {
            return false;
        }
        ChunkPlan plan = chunks.get((int) chunk);
        ChunkPlan next = chunk + 1 < chunks.size() ? chunks.get((int) chunk + 1) : null;
        if (!(batch.attachment() instanceof MateFilesReader.MateLines)) {
            batch.attach(new MateFilesReader.MateLines());
        }
        MateFilesReader.MateLines c = (MateFilesReader.MateLines) batch.attachment();
        long lines = 4 * plan.pairs();
        cut(0, plan.slices().get(0), next == null ? -1 : next.slices().get(0).offset(), lines, c.lines1);
        cut(1, plan.slices().get(1), next == null ? -1 : next.slices().get(1).offset(), lines, c.lines2);
        batch.deferParsing(MateFilesReader::parse);
        return next != null;
    }

    /**
     * Reads {@code wanted} lines of file {@code f} from its slice into {@code lines}: from the
     * slice's offset to about {@code estimate} (the next chunk's slice offset, before this chunk's
     * end; -1 for the end of the file), then further as its lines call for.
     */
    private void cut(int f, ChunkPlan.Slice slice, long estimate, long wanted, RawLines lines) throws IOException {
        PositionalInput in = inputs[f];
        String name = names[f];
        long size = in.size();
        long from = slice.offset();
        long skip = slice.skipLines();
        lines.reset(name, slice.linesBefore() + skip + 1);
        long read = from;
        long target = estimate < 0 ? size : Math.min(size, Math.max(estimate, from + 1));
        int scan = 0;
        long found = 0;
        long seen = 0;
        while (true) {
            long n = target - read;
            if (lines.length() + n > Integer.MAX_VALUE - 64) {
                throw new IOException(name + ": a batch of records spans more than 2 GB; use a smaller batch size");
            }
            byte[] data = lines.room((int) n);
            in.readFully(read, data, lines.length(), (int) n);
            lines.grow((int) n);
            read += n;
            int end = lines.length();
            while (skip > 0 || found < wanted) {
                int nl = LineSource.indexOfNewline(data, scan, end);
                if (nl < 0) {
                    break;
                }
                if (skip > 0) {
                    skip--;
                } else {
                    lines.addLineAt(scan, nl);
                    found++;
                }
                seen++;
                scan = nl + 1;
            }
            if (skip == 0 && found == wanted) {
                return;
            }
            if (read >= size) {
                // Only the file's last line may lack its \n.
                if (skip == 0 && found == wanted - 1 && scan < end) {
                    lines.addLineAt(scan, end);
                    return;
                }
                throw new IOException(name + " changed while it was being read");
            }
            long perLine = Math.max(1, scan / Math.max(1, seen));
            target = Math.min(size, read + Math.max(1 << 12, perLine * (skip + wanted - found) * 5 / 4));
        }
    }

    private void closeInputs(Throwable failure) throws IOException {
        IOException first = null;
        for (int f = 0; f < 2; f++) {
            try {
                if (opened[f] != null) {
                    opened[f].close();
                }
            } catch (IOException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else if (first == null) {
                    first = e;
                }
            } finally {
                opened[f] = null;
                inputs[f] = null;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            inOrder.close();
        } finally {
            closeInputs(null);
        }
    }
}
