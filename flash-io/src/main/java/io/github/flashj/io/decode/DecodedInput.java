package io.github.flashj.io.decode;

import io.github.flashj.gzip.DeflateStream;
import io.github.flashj.gzip.GzipDecoding;
import io.github.flashj.gzip.GzipFormatException;
import io.github.flashj.gzip.GzipIndex;
import io.github.flashj.gzip.GzipRangeIndex;
import io.github.flashj.gzip.IsalInflate;
import io.github.flashj.gzip.SeekableGzipInputStream;
import io.github.flashj.gzip.SegmentChecks;
import io.github.flashj.io.input.CompressedDataException;
import io.github.flashj.io.plan.ChunkPlanner;
import io.github.flashj.io.plan.PositionalInput;
import io.github.flashj.io.plan.RangeScan;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decompressed data of a gzip file as a {@link PositionalInput}, so that {@link RangeScan},
 * {@link ChunkPlanner} and readers of chunks treat it as a plain file. Its {@link SeekPoints} cut
 * the data into segments: for BGZF, runs of blocks found from the blocks' headers alone; for other
 * gzip, the seek points of a rapidgzip index, reused from the index directory or built on several
 * threads. Each segment is decoded once, from its own seek point, by one of a few decoder threads,
 * while readers that need it wait; the segments after the last one asked for are decoded ahead,
 * and the recently used ones are kept. Reads are safe from several threads at once.
 */
public final class DecodedInput implements PositionalInput, Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(DecodedInput.class);
    /**
     * Compressed bytes between seek points: BGZF blocks are grouped into segments this long, and a
     * gzip index is built with seek points this far apart. Segments are then three to four times
     * that in FASTQ text: a chunk's reader decodes about 2 MiB before its first record on average,
     * and the decoder threads keep a few segments each.
     */
    public static final int SEEK_SPACING = 1 << 20;
    /**
     * The most bits a segment's end and its next seek point may lie apart: a boundary settled by
     * {@link DeflateStream#nextBlock} skips empty fixed-Huffman blocks (10 bits each) and a stored
     * block's zero padding, where other tools' seek points lie at the block's true end.
     */
    private static final int EQUIVALENT_STARTS = 64;
    /** Compressed bytes read past a segment's next seek point, for the byte ISA-L decodes beyond it. */
    private static final int ISAL_LOOKAHEAD = 1 << 16;
    /**
     * The largest segment a reader holds in memory: a file whose seek points lie further apart is read
     * in order, and {@link #gzip} refuses it.
     */
    public static final long MAX_SEGMENT = 64L << 20;

    private final String name;
    private final SeekPoints points;
    private final SegmentDecoder decoder;
    private final Closeable resources;
    private final ExecutorService pool;
    private final int capacity;
    private final Map<Integer, CompletableFuture<byte[]>> cache = new LinkedHashMap<>(16, 0.75f, true);
    /** Segments scheduled and not yet decoded, evicted from the cache or not: closing fails them. */
    private final Set<CompletableFuture<byte[]>> pending = ConcurrentHashMap.newKeySet();
    private volatile int ahead = 1;
    /** What each segment decoded by {@link #gzip} tells of the members it touches (null before), else null. */
    private final AtomicReferenceArray<SegmentChecks> checks;

    /** Decodes the segments of one file; safe to call from several threads at once. */
    @FunctionalInterface
    interface SegmentDecoder {
        /** Decodes segment {@code i} into {@code into} from its start: exactly the segment's length, which it holds. */
        void decode(int i, byte[] into) throws IOException;
    }

    private DecodedInput(String name, SeekPoints points, SegmentDecoder decoder, Closeable resources, int threads,
            AtomicReferenceArray<SegmentChecks> checks) {
        this.name = name;
        this.checks = checks;
        this.points = points;
        this.decoder = decoder;
        this.resources = resources;
        this.capacity = 4 * threads + 4;
        pool = InputThreads.pool(threads, "flashj-decode-");
    }

    /**
     * A decompressed view of a gzip file, or null when the file is not gzip or cannot be entered at
     * seek points here (plain gzip when the native decoders are not to be used, segments too large,
     * or data that cannot be decoded: reading it in order then reports the error as always). Plain
     * gzip is indexed by rapidgzip where the native library loads, else in pure Java; either way its
     * segments are then decoded by {@link #gzip}.
     *
     * @param gzip how gzip is decoded, and the spacing of the seek points ({@link #SEEK_SPACING})
     * @param threads the decoder threads, and rapidgzip's threads when it builds an index
     */
    public static DecodedInput open(Path file, String name, GzipInput gzip, int threads) throws IOException {
        int spacing = gzip.seekPointSpacing();
        FileChannel channel = FileChannel.open(file);
        try {
            PositionalInput compressed = PositionalInput.of(channel);
            byte[] head = new byte[18];
            int n = compressed.read(0, head, 0, head.length);
            if (n < 2 || !GzipDecoding.isGzip(head, n)) {
                channel.close();
                return null;
            }
            BgzfBlocks.Blocks blocks = BgzfBlocks.isBgzf(head, n) ? BgzfBlocks.table(compressed) : null;
            SeekPoints points = blocks == null ? null : blocks.seekPoints(spacing);
            DecodedInput view = blocks == null ? gzipIndexed(file, name, gzip, threads, spacing, channel)
                    : points.largestSegmentLength() > MAX_SEGMENT ? null
                    : bgzf(name, compressed, channel, points, threads);
            if (view == null) {
                channel.close();
            }
            return view;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * The decompressed data of a BGZF file entered at {@code points} ({@link BgzfBlocks.Blocks#seekPoints}),
     * each block's CRC32 checked as it is decoded.
     *
     * @param compressed the file
     * @param resources closed with the view (the file's channel or stream)
     * @param threads the decoder threads
     */
    public static DecodedInput bgzf(String name, PositionalInput compressed, Closeable resources, SeekPoints points,
            int threads) throws IOException {
        return new DecodedInput(name, points, bgzfSegments(name, compressed, points), resources, threads, null);
    }

    /** Decodes the segments of a BGZF file, each block's CRC32 checked. */
    static SegmentDecoder bgzfSegments(String name, PositionalInput compressed, SeekPoints points) throws IOException {
        long fileSize = compressed.size();
        return (i, into) -> {
            long to = i + 1 < points.segments() ? points.compressedStart(i + 1) : fileSize;
            int length = points.segmentLength(i);
            ArrayFill out = new ArrayFill(into, length);
            BgzfBlocks.decode(compressed, name, points.compressedStart(i), to, out);
            if (out.filled != length) {
                throw new CompressedDataException(name, "bgzf", new IOException("the blocks from byte "
                        + points.compressedStart(i) + " hold " + out.filled + " bytes, their size fields say "
                        + length + ": the file changed while it was being read"));
            }
        };
    }

    /**
     * The decompressed data of a plain gzip file entered at the seek points of its index
     * ({@link SeekPoints#of}), decoded in pure Java ({@link DeflateStream}) from positional reads of
     * the file, so from a Hadoop stream too. Members decoded whole inside a segment are checked as
     * they are decoded; those that span segments, by {@link #verify} once every segment was read (or
     * by {@link SegmentChecks#check} of the segments' {@link #segmentChecks}, gathered from
     * several readers).
     *
     * @param compressed the file
     * @param resources closed with the view (the file's channel or stream)
     * @param windows the window each segment needs
     * @param threads the decoder threads
     * @throws IllegalArgumentException when the seek points are not a gzip index's, or a segment is
     *     longer than {@link #MAX_SEGMENT}
     */
    public static DecodedInput gzip(String name, PositionalInput compressed, Closeable resources, SeekPoints points,
            SegmentWindows windows, int threads) {
        AtomicReferenceArray<SegmentChecks> checks = new AtomicReferenceArray<>(points.segments());
        return new DecodedInput(name, points, gzipSegments(name, compressed, points, windows, checks), resources,
                threads, checks);
    }

    /**
     * Decodes the segments of a plain gzip file from the seek points of its index, each with its
     * window. What a segment tells of the members it touches goes into {@code checks}; with none,
     * segments decoded by ISA-L are not checked at all (the reader of {@link DecodedStream}, whose
     * data were checked when they were indexed or planned).
     *
     * @throws IllegalArgumentException when the seek points are not a gzip index's, or a segment is
     *     longer than {@link #MAX_SEGMENT}
     */
    static SegmentDecoder gzipSegments(String name, PositionalInput compressed, SeekPoints points,
            SegmentWindows windows, AtomicReferenceArray<SegmentChecks> checks) {
        if (points.kind() != SeekPoints.Kind.GZIP_INDEX) {
            throw new IllegalArgumentException(name + ": the seek points are not a gzip index's");
        }
        if (points.largestSegmentLength() > MAX_SEGMENT) {
            int i = points.largestSegment();
            throw new IllegalArgumentException(name + ": its gzip index has seek points "
                    + points.largestSegmentLength() + " decompressed bytes apart (from byte "
                    + points.decodedStart(i) + "), more than the " + MAX_SEGMENT
                    + " a segment may hold; build the index with seek points closer together");
        }
        return (i, into) -> {
            long bit = points.compressedStart(i);
            try {
                SegmentChecks told = decodeSegment(compressed, name, points, i, windows.window(i), into, checks != null);
                if (checks != null) {
                    checks.set(i, told);
                }
            } catch (IOException e) {
                throw new GzipFormatException(name, "gzip data is corrupt or truncated after the seek point at "
                        + "compressed byte " + bit / 8 + " (decompressed bytes " + points.decodedStart(i) + " to "
                        + points.decodedStart(i + 1) + "): " + problem(name, e), e);
            }
        };
    }

    /**
     * Decodes segment {@code i} into {@code into}, from its seek point (a block with its window, or
     * a member's header) through the boundary where the next segment starts, or the data's end.
     *
     * @param check whether what the segment tells of its members is wanted (a segment inside a
     *     member is then decoded by ISA-L with its CRC32 computed); else null may be returned
     */
    private static SegmentChecks decodeSegment(PositionalInput compressed, String name, SeekPoints points, int i,
            byte[] window, byte[] into, boolean check) throws IOException {
        long bit = points.compressedStart(i);
        int length = points.segmentLength(i);
        if (IsalInflate.available() && i > 0 && i + 1 < points.segments() && window != null
                && !memberHeader(compressed, bit)) {
            if (inflateInsideMember(compressed, points, i, window, into)) {
                if (!check) {
                    return null;
                }
                CRC32 crc = new CRC32();
                crc.update(into, 0, length);
                return SegmentChecks.insideMember(bit, (int) crc.getValue(), length);
            }
        }
        try (DeflateStream stream = DeflateStream.atBlock(new PositionalStream(compressed, bit / 8), bit, window,
                name)) {
            int filled = 0;
            while (filled < length) {
                int n = stream.read(into, filled, length - filled);
                if (n < 0) {
                    throw new EOFException("the data end after " + filled + " of the segment's " + length
                            + " bytes");
                }
                filled += n;
            }
            if (i + 1 == points.segments()) {
                // Through the last trailer, which checks the last member (or its piece).
                if (stream.read(new byte[1], 0, 1) >= 0) {
                    throw new IOException("the data go on past their size in the index");
                }
            } else {
                if (!stream.atBoundary()) {
                    stream.nextBlock();
                }
                long next = points.compressedStart(i + 1);
                long at = stream.bitPosition();
                // Past a member's end, the stream goes on into the next member: then its trailer was
                // met. A seek point may lie past a member's header, or past what a boundary's
                // equivalent starts (empty fixed-Huffman blocks, a stored block's zero padding) skip,
                // or before members that hold no data (bgzip's last member), which the stream read
                // through.
                if (stream.decoded() == length && Math.abs(next - at) > EQUIVALENT_STARTS
                        && !(at < next && memberHeader(compressed, at))
                        && !(at > next && holdsNoData(compressed, next, at, name))) {
                    throw new IOException("the segment ends at compressed bit " + stream.bitPosition()
                            + ", not at the next seek point (bit " + next + ")");
                }
            }
            try {
                return SegmentChecks.of(stream, bit, true, length);
            } catch (IllegalArgumentException e) {
                throw new IOException("the segment does not end at a block boundary: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Decodes segment {@code i} by ISA-L, several times faster than {@link DeflateStream}, when it
     * lies inside one gzip member with more data after it (the common case: a file of one member);
     * false, with nothing known, when it does not: the caller then decodes it in Java, which also
     * checks where it ends. Its bytes are checked as every segment's are, by the CRC32 of the member
     * ({@link SegmentChecks#check}).
     */
    private static boolean inflateInsideMember(PositionalInput compressed, SeekPoints points, int i,
            byte[] window, byte[] into) throws IOException {
        long bit = points.compressedStart(i);
        long from = bit / 8;
        long to = Math.min(compressed.size(), (points.compressedStart(i + 1) + 7) / 8 + ISAL_LOOKAHEAD);
        if (to - from > Integer.MAX_VALUE - 8) {
            return false;
        }
        byte[] in = new byte[(int) (to - from)];
        compressed.readFully(from, in, 0, in.length);
        return IsalInflate.inflateFrom(in, 0, in.length, (int) (bit % 8), window, into, points.segmentLength(i));
    }

    /** Whether the deflate data from bit {@code from} reach bit {@code to} at a boundary, decoding no byte. */
    private static boolean holdsNoData(PositionalInput compressed, long from, long to, String name) {
        try (DeflateStream empty = DeflateStream.atBlock(new PositionalStream(compressed, from / 8), from, null,
                name)) {
            while (empty.bitPosition() < to && empty.decoded() == 0 && empty.nextBlock()) {
                // Through the blocks, trailers and headers between the two points.
            }
            return empty.decoded() == 0 && empty.bitPosition() == to;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether a gzip member's header starts at bit {@code bit} of the file. */
    private static boolean memberHeader(PositionalInput compressed, long bit) throws IOException {
        if (bit % 8 != 0) {
            return false;
        }
        byte[] magic = new byte[2];
        int n = compressed.read(bit / 8, magic, 0, 2);
        if (n == 1) {
            n += Math.max(0, compressed.read(bit / 8 + 1, magic, 1, 1));
        }
        return n == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
    }

    private static DecodedInput gzipIndexed(Path file, String name, GzipInput gzip, int threads, int spacing,
            FileChannel channel) throws IOException {
        if (!gzip.nativeDecoding()) {
            LOG.debug("{} is read in order: the native decoders are not to be used", name);
            return null;
        }
        if (!gzip.nativeDecoders()) {
            return gzipPureJava(file, name, gzip, threads, spacing, channel);
        }
        Path index;
        boolean temporary = gzip.indexDirectory() == null;
        boolean reused = false;
        GzipIndex seekPoints;
        long started = System.nanoTime();
        try {
            if (temporary) {
                index = Files.createTempFile("flashj-", InputFiles.INDEX_SUFFIX);
                SeekableGzipInputStream.buildIndex(file, threads, spacing, index);
            } else {
                index = gzip.indexDirectory().resolve(file.getFileName() + InputFiles.INDEX_SUFFIX);
                // The same file opened to be read in order has already said whether its index is
                // used or built again (InputFiles.reusableIndex): once in the log is enough.
                reused = InputFiles.indexMismatch(file, index) == null;
                if (!reused) {
                    Files.createDirectories(gzip.indexDirectory());
                    Path partial = Files.createTempFile(gzip.indexDirectory(), "." + file.getFileName(), ".partial");
                    try {
                        SeekableGzipInputStream.buildIndex(file, threads, spacing, partial);
                        Files.move(partial, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } finally {
                        Files.deleteIfExists(partial);
                    }
                    LOG.info("Wrote the gzip index {}", index);
                }
            }
            seekPoints = GzipIndex.read(index);
        } catch (GzipFormatException e) {
            LOG.debug("{} is read in order: {}", name, e.getMessage());
            return null;
        }
        LOG.debug("{}: {} in {} ms", name, seekPoints, (System.nanoTime() - started) / 1_000_000);
        SeekPoints points = SeekPoints.of(seekPoints);
        if (points.largestSegmentLength() > MAX_SEGMENT) {
            LOG.debug("{} is read in order: its seek points are more than {} bytes apart", name, MAX_SEGMENT);
            if (temporary) {
                Files.deleteIfExists(index);
            }
            return null;
        }
        // Segments are inflated as on Spark: by ISA-L from their seek points with the windows read
        // from the index file, several times less CPU than seeking rapidgzip's reader to each.
        FileChannel indexChannel = FileChannel.open(index);
        Path indexFile = index;
        Closeable resources = () -> {
            try (indexChannel) {
                channel.close();
            } finally {
                if (temporary) {
                    Files.deleteIfExists(indexFile);
                }
            }
        };
        return gzip(name, PositionalInput.of(channel), resources, points,
                SegmentWindows.fromIndexFile(PositionalInput.of(indexChannel), seekPoints, points), threads);
    }

    /**
     * A plain gzip file entered at seek points where the native library does not load: its index
     * reused from the index directory, or built in pure Java on {@code threads} threads
     * ({@link GzipRangeIndex#index}) and written there, then read by {@link #gzip}.
     */
    static DecodedInput gzipPureJava(Path file, String name, GzipInput gzip, int threads, int spacing,
            FileChannel channel) throws IOException {
        long started = System.nanoTime();
        Path index = gzip.indexDirectory() == null ? null
                : gzip.indexDirectory().resolve(file.getFileName() + InputFiles.INDEX_SUFFIX);
        GzipIndex seekPoints;
        try {
            if (index != null && InputFiles.indexMismatch(file, index) == null) {
                try (InputStream in = Files.newInputStream(index)) {
                    seekPoints = GzipIndex.read(in, index.toString(), Files.size(index), true);
                }
            } else {
                long size = channel.size();
                int ranges = (int) Math.max(1, Math.min(4L * threads, size / spacing));
                seekPoints = GzipRangeIndex.index(file, spacing, ranges, threads);
                if (index != null) {
                    write(seekPoints, gzip.indexDirectory(), file, index);
                }
            }
        } catch (GzipFormatException e) {
            LOG.debug("{} is read in order: {}", name, e.getMessage());
            return null;
        }
        LOG.debug("{}: {} in pure Java in {} ms", name, seekPoints, (System.nanoTime() - started) / 1_000_000);
        SeekPoints points = SeekPoints.of(seekPoints);
        if (points.largestSegmentLength() > MAX_SEGMENT) {
            LOG.debug("{} is read in order: its seek points are more than {} bytes apart", name, MAX_SEGMENT);
            return null;
        }
        return gzip(name, PositionalInput.of(channel), channel, points, SegmentWindows.of(seekPoints, points), threads);
    }

    /** Writes an index into the index directory under a temporary name, then moves it in place. */
    private static void write(GzipIndex seekPoints, Path directory, Path file, Path index) throws IOException {
        Files.createDirectories(directory);
        Path partial = Files.createTempFile(directory, "." + file.getFileName(), ".partial");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                seekPoints.write(out);
            }
            Files.move(partial, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        LOG.info("Wrote the gzip index {}", index);
    }

    /** A decoder's message without the file's name, which the new message gives first. */
    private static String problem(String name, IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.startsWith(name + ": ") ? message.substring(name.length() + 2) : message;
    }

    /**
     * Checks the data decoded so far against the file's gzip trailers: every member that spans
     * segments, by {@link SegmentChecks#check} (members decoded whole inside a segment were checked
     * as they were decoded). Called once every segment has been read (after planning).
     *
     * @return null when the data are as the trailers say, or the view is not of plain gzip (BGZF
     *     blocks are checked as they are decoded), else why not
     */
    public String verify() {
        if (checks == null) {
            return null;
        }
        List<SegmentChecks> all = new ArrayList<>();
        for (int i = 0; i < points.segments(); i++) {
            if (checks.get(i) == null) {
                return "segment " + i + " was not read";
            }
            all.add(checks.get(i));
        }
        String problem = SegmentChecks.check(name, all);
        return problem == null ? null : problem.substring(name.length() + 2);
    }

    /**
     * What segment {@code i} told of the gzip members it touches, once decoded by a view of
     * {@link #gzip}; null before, and for other views.
     */
    public SegmentChecks segmentChecks(int i) {
        return checks == null ? null : checks.get(i);
    }

    /** The seek points this view enters the data at. */
    public SeekPoints seekPoints() {
        return points;
    }

    /**
     * Segments decoded ahead of the last one asked for: 1 suits several readers of their own
     * ranges (planning), the number of producers suits producers that read chunks in turn.
     */
    public void readAhead(int segments) {
        ahead = Math.max(0, segments);
    }

    /**
     * Byte offsets cutting the data into about {@code ranges} ranges at segment starts, so that no
     * segment is decoded for two ranges: {@code [0, ..., size)} as {@link ChunkPlanner#ranges}.
     */
    public long[] ranges(int ranges) {
        int segments = points.segments();
        int n = Math.max(1, Math.min(ranges, segments));
        long[] cuts = new long[n + 1];
        for (int i = 0; i <= n; i++) {
            cuts[i] = points.decodedStart((int) ((long) segments * i / n));
        }
        return cuts;
    }

    @Override
    public long size() {
        return points.size();
    }

    @Override
    public int read(long position, byte[] buffer, int offset, int length) throws IOException {
        if (position >= points.size()) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int i = points.segmentOf(position);
        byte[] segment = segment(i);
        int at = (int) (position - points.decodedStart(i));
        int n = Math.min(length, segment.length - at);
        System.arraycopy(segment, at, buffer, offset, n);
        return n;
    }

    private byte[] segment(int i) throws IOException {
        CompletableFuture<byte[]> wanted;
        synchronized (cache) {
            wanted = schedule(i);
            int last = (int) Math.min(points.segments() - 1L, (long) i + ahead);
            for (int j = i + 1; j <= last; j++) {
                schedule(j);
            }
            while (cache.size() > capacity) {
                cache.remove(cache.keySet().iterator().next());
            }
        }
        try {
            return wanted.join();
        } catch (CompletionException e) {
            throw InputThreads.failure(e.getCause());
        }
    }

    /** The future of segment {@code i}, started when not yet there; the caller holds the cache's lock. */
    private CompletableFuture<byte[]> schedule(int i) {
        CompletableFuture<byte[]> f = cache.get(i);
        if (f == null) {
            f = new CompletableFuture<>();
            CompletableFuture<byte[]> future = f;
            pending.add(future);
            pool.execute(() -> {
                try {
                    future.complete(decode(i));
                } catch (Throwable e) {
                    future.completeExceptionally(e);
                } finally {
                    pending.remove(future);
                }
            });
            cache.put(i, f);
        }
        return f;
    }

    /** Runs on a decoder thread. */
    private byte[] decode(int i) {
        try {
            byte[] into = new byte[points.segmentLength(i)];
            decoder.decode(i, into);
            return into;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        pool.shutdownNow();
        for (CompletableFuture<byte[]> f : pending) {
            f.completeExceptionally(new IOException(name + ": closed while being read"));
        }
        InputThreads.awaitTermination(pool);
        synchronized (cache) {
            cache.clear();
        }
        resources.close();
    }

    /** Bytes written into an array up to the expected length; more is counted, not written. */
    private static final class ArrayFill extends OutputStream {
        private final byte[] into;
        private final int length;
        long filled;

        ArrayFill(byte[] into, int length) {
            this.into = into;
            this.length = length;
        }

        @Override
        public void write(int b) {
            if (filled < length) {
                into[(int) filled] = (byte) b;
            }
            filled++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (filled + len <= length) {
                System.arraycopy(b, off, into, (int) filled, len);
            }
            filled += len;
        }
    }
}
