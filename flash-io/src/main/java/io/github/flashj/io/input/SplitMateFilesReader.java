package io.github.flashj.io.input;

import io.github.flashj.PairBatch;
import io.github.flashj.ParallelPairSource;
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
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two plain FASTQ mate files read by several producers at once, each filling the chunk of pairs
 * it was given (see {@link ParallelPairSource}).
 *
 * <p>{@link #producers} first indexes both files in parallel ({@link FastqFileIndex}). Chunk
 * {@code k} is then records {@code [k*c, (k+1)*c)} of each file, read with positional reads from
 * the nearest checkpoint and cut into the lines of the batch's {@link LineChunk}s, numbered as in
 * the whole file; the merge worker parses them as for {@link MateFilesReader}, so messages about
 * bad records are the same. When either file is irregular (no record structure, a partial record,
 * a different record count in the other file, ...) or indexing would not pay, the files are read
 * in order by the {@link MateFilesReader} given, which reports any error exactly as always.
 */
final class SplitMateFilesReader implements ParallelPairSource {
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

    private final Path path1;
    private final Path path2;
    private final String name1;
    private final String name2;
    private final int requested;
    private final MateFilesReader inOrder;
    private FileChannel channel1;
    private FileChannel channel2;
    private FastqFileIndex index1;
    private FastqFileIndex index2;
    private long minRange = MIN_RANGE;
    private int minSpacing = MIN_SPACING;

    /**
     * @param requested producers asked for; 0 chooses automatically
     * @param inOrder the same files opened for reading in order, used when they are not split
     */
    SplitMateFilesReader(Path path1, String name1, Path path2, String name2, int requested,
            MateFilesReader inOrder) {
        this.path1 = path1;
        this.path2 = path2;
        this.name1 = name1;
        this.name2 = name2;
        this.requested = requested;
        this.inOrder = inOrder;
    }

    /** For tests: smaller byte ranges and checkpoint spacings than a real run would use. */
    SplitMateFilesReader geometry(long rangeBytes, int spacing) {
        minRange = rangeBytes;
        minSpacing = spacing;
        return this;
    }

    /** Whether {@link #producers} chose to split the files (for tests). */
    boolean isSplit() {
        return index1 != null;
    }

    /** The producers chosen automatically for this much input, these workers and processors. */
    static int automaticProducers(long bytes, int workers, int processors) {
        if (bytes < AUTO_MIN_BYTES || workers < AUTO_MIN_WORKERS || processors < AUTO_MIN_PROCESSORS) {
            return 1;
        }
        return Math.min(AUTO_MAX_PRODUCERS, Math.max(2, workers / 4));
    }

    @Override
    public int producers(int workers, int batchCapacity) throws IOException {
        long size = path1.toFile().length() + path2.toFile().length();
        int n = requested > 0 ? requested : automaticProducers(size, workers, Runtime.getRuntime().availableProcessors());
        if (n <= 1) {
            return 1;
        }
        channel1 = FileChannel.open(path1, StandardOpenOption.READ);
        channel2 = FileChannel.open(path2, StandardOpenOption.READ);
        int spacing = Math.max(minSpacing, batchCapacity / CHECKPOINTS_PER_BATCH);
        long started = System.nanoTime();
        FastqFileIndex[] indexes = index(n, spacing);
        long ms = (System.nanoTime() - started) / 1_000_000;
        if (indexes == null || indexes[0].records() != indexes[1].records()) {
            LOG.debug("{} and {} are not regular FASTQ with the same record counts ({} ms): one producer", name1,
                    name2, ms);
            closeChannels();
            return 1;
        }
        LOG.debug("indexed {} records of {} and {} in {} ms: {} producers", indexes[0].records(), name1, name2, ms, n);
        index1 = indexes[0];
        index2 = indexes[1];
        return n;
    }

    /** Indexes both files on {@code threads} short-lived threads; null when either is irregular. */
    private FastqFileIndex[] index(int threads, int spacing) throws IOException {
        long size1 = channel1.size();
        long size2 = channel2.size();
        PositionalInput[] inputs = {named(channel1, name1), named(channel2, name2)};
        if (!FastqFileIndex.startsWithRecord(inputs[0], size1) || !FastqFileIndex.startsWithRecord(inputs[1], size2)) {
            return null;
        }
        AtomicInteger made = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "flashj-index-" + made.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        try {
            long[] sizes = {size1, size2};
            // Phase 1a: the first record start in each byte range.
            List<List<Future<Long>>> found = new ArrayList<>();
            for (int f = 0; f < 2; f++) {
                PositionalInput ch = inputs[f];
                long size = sizes[f];
                int ranges = (int) Math.max(1, Math.min(4L * threads, size / minRange));
                List<Future<Long>> starts = new ArrayList<>();
                for (int i = 1; i < ranges; i++) {
                    long from = size * i / ranges;
                    long limit = size * (i + 1) / ranges;
                    starts.add(pool.submit(() -> FastqFileIndex.findBoundary(ch, size, from, limit)));
                }
                found.add(starts);
            }
            long[][] boundaries = new long[2][];
            for (int f = 0; f < 2; f++) {
                List<Long> b = new ArrayList<>();
                b.add(0L);
                for (Future<Long> start : found.get(f)) {
                    long p = get(start);
                    if (p >= 0) {
                        b.add(p);
                    }
                }
                b.add(sizes[f]);
                boundaries[f] = b.stream().mapToLong(Long::longValue).toArray();
            }
            // Phase 1b: the lines and checkpoints of each stretch between two record starts.
            List<List<Future<FastqFileIndex.Segment>>> counted = new ArrayList<>();
            for (int f = 0; f < 2; f++) {
                PositionalInput ch = inputs[f];
                long size = sizes[f];
                long[] b = boundaries[f];
                List<Future<FastqFileIndex.Segment>> segments = new ArrayList<>();
                for (int s = 0; s + 1 < b.length; s++) {
                    long from = b[s];
                    long to = b[s + 1];
                    segments.add(pool.submit(() -> FastqFileIndex.count(ch, size, from, to, spacing)));
                }
                counted.add(segments);
            }
            FastqFileIndex[] indexes = new FastqFileIndex[2];
            for (int f = 0; f < 2; f++) {
                FastqFileIndex.Segment[] segments = new FastqFileIndex.Segment[counted.get(f).size()];
                for (int s = 0; s < segments.length; s++) {
                    segments[s] = get(counted.get(f).get(s));
                }
                indexes[f] = FastqFileIndex.of(boundaries[f], segments, spacing);
                if (indexes[f] == null) {
                    return null;
                }
            }
            return indexes;
        } catch (FastqFileIndex.IrregularInputException e) {
            return null;
        } finally {
            pool.shutdownNow();
            awaitTermination(pool);
        }
    }

    /** A file read at any offset, whose early end names it, as the batches' reads do ({@link #cut}). */
    static PositionalInput named(FileChannel channel, String name) {
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
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException) {
                        throw (IOException) cause;
                    }
                    if (cause instanceof RuntimeException) {
                        throw (RuntimeException) cause;
                    }
                    if (cause instanceof Error) {
                        throw (Error) cause;
                    }
                    throw new IOException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void awaitTermination(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean fill(PairBatch batch) throws IOException {
        return inOrder.fill(batch);
    }

    @Override
    public boolean fillChunk(long chunk, PairBatch batch) throws IOException {
        long records = index1.records();
        long first = chunk * batch.capacity();
        if (first >= records) {
            return false;
        }
        long last = Math.min(records, first + batch.capacity());
        if (!(batch.attachment() instanceof MateFilesReader.Chunks)) {
            batch.attach(new MateFilesReader.Chunks());
        }
        MateFilesReader.Chunks c = (MateFilesReader.Chunks) batch.attachment();
        cut(channel1, index1, name1, c.lines1, first, last);
        cut(channel2, index2, name2, c.lines2, first, last);
        batch.deferParsing(MateFilesReader::parse);
        return last < records;
    }

    /** Reads records {@code [first, last)} of one file into {@code lines}, as whole lines. */
    private static void cut(FileChannel channel, FastqFileIndex index, String name, LineChunk lines,
            long first, long last) throws IOException {
        long from = index.floorOffset(first);
        long skip = 4 * (first - index.floorRecord(first));
        long to = index.ceilOffset(last);
        long fileSize = index.ceilOffset(index.records());
        long n = to - from;
        if (n > Integer.MAX_VALUE - 64) {
            throw new IOException(name + ": a batch of records spans more than 2 GB; use a smaller batch size");
        }
        lines.reset(name, 4 * first + 1);
        byte[] data = lines.room((int) n);
        int at = lines.length();
        if (!FastqFileIndex.fill(channel, ByteBuffer.wrap(data, at, (int) n), from)) {
            throw new IOException(name + " changed while it was being read");
        }
        lines.grow((int) n);
        int end = at + (int) n;
        int scan = at;
        for (long k = 0; k < skip; k++) {
            int nl = LineSource.indexOfNewline(data, scan, end);
            if (nl < 0) {
                throw new IOException(name + " changed while it was being read");
            }
            scan = nl + 1;
        }
        long wanted = 4 * (last - first);
        for (long k = 0; k < wanted; k++) {
            int nl = LineSource.indexOfNewline(data, scan, end);
            if (nl < 0) {
                // Only the file's last line may lack its \n.
                if (to != fileSize || scan >= end || k != wanted - 1) {
                    throw new IOException(name + " changed while it was being read");
                }
                nl = end;
            }
            lines.addLineAt(scan, nl);
            scan = nl + 1;
        }
    }

    private void closeChannels() throws IOException {
        try {
            if (channel1 != null) {
                channel1.close();
            }
        } finally {
            channel1 = null;
            if (channel2 != null) {
                channel2.close();
            }
            channel2 = null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            inOrder.close();
        } finally {
            closeChannels();
        }
    }
}
