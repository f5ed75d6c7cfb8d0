package io.github.flashj.gzip;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What decoding one range of a plain gzip file tells its index, so that ranges indexed apart (by
 * threads, or by Spark tasks) join into the index one pass over the file would give
 * ({@link #join}).
 *
 * <p>A range {@code [fromByte, toByte)} of the compressed file is decoded from its first start (a
 * member header, or a deflate block found by {@link DeflateStream#openAtFirstStart}, with an
 * unknown window) through the first block boundary at or after its end. It records the
 * boundaries it chose as seek points, with their windows as {@link DeflateStream} gives them
 * (markers where the window before the range is unknown), its last window, and the
 * {@link SegmentChecks} of the members it met.
 *
 * <p>Seek points are chosen by one rule that depends on the file alone, so that any cut of the file
 * into ranges gives the same ones: a block boundary {@code b} that can be a seek point is one when a
 * multiple of {@code spacing} compressed bytes lies in {@code (p, b]}, {@code p} being the last
 * boundary before it that can be one; the data's start is one too. Every boundary can be one but
 * those that decoding may have settled past the true end of the block before (rapidgzip stops a
 * block at its true end, and would not agree). A range keeps the points in {@code (start, end]},
 * its start being the range before's end, and its first boundary that can be one in case the
 * ranges before leave a multiple pending. A point at a member's header lies at the member's first
 * block instead, as rapidgzip and indexed_gzip read points as deflate blocks.
 *
 * <p>A second rule bounds the decoded segments, which a reader holds whole: a boundary that can be a
 * seek point is one too when {@code decodedSpacing} decompressed bytes ({@link #DECODED_SPACING})
 * or more lie between it and the range's last point, or its start. A segment is then at most twice
 * that plus a block (the tail of one range and the head of the next), whatever the compression
 * ratio. Points of this rule depend on how the file was cut, so ranges cut otherwise may give
 * another index (equally valid); at compression ratios below {@code decodedSpacing / spacing}
 * (16 for the defaults, above any FASTQ's) it never applies, and any cut gives the same index.
 *
 * <p>A range keeps its points' windows in memory, or writes them, as it decodes, to a
 * {@link WindowStore} (a task's side file): what it then holds, and a task sends, is small (its
 * points, checks and last window). {@link #joinPoints} joins such ranges into the seek points alone,
 * and {@link Joined#write} writes the index with each window read back and resolved one at a time.
 *
 * <pre>{@code
 * // each task, for its range [from, to) of the file, its windows to a side file:
 * GzipRangeIndex range = GzipRangeIndex.build(streamAt(from), from, to, spacing, decodedSpacing, name, store);
 * // the driver, with the ranges in order:
 * GzipRangeIndex.Joined joined = GzipRangeIndex.joinPoints(ranges, (startBit, toByte) -> GzipRangeIndex.buildFrom(
 *         streamAt(startBit / 8), startBit, toByte, spacing, decodedSpacing, name, store));
 * joined.write(out, store);  // indexed_gzip's format, which rapidgzip reads too
 * }</pre>
 */
public final class GzipRangeIndex implements Serializable {
    private static final long serialVersionUID = 2L;
    private static final int WINDOW = DeflateStream.WINDOW;
    /**
     * The decompressed bytes after which a boundary is a seek point whatever the compressed spacing
     * (see the class comment): segments stay far below what a reader holds in memory.
     */
    public static final long DECODED_SPACING = 16L << 20;

    private final String name;
    private final long fromByte;
    private final long toByte;
    private final long spacing;
    private final long decodedSpacing;
    private final long startBit;
    /** Where the range's first seek point would be: its start, past a member's header there. */
    private final long startPoint;
    private final long endBit;
    private final boolean endsData;
    private final long decodedLength;
    private final long[] pointBits;
    private final long[] pointOffsets;
    /** The points' windows, or null when they went to a {@link WindowStore}. */
    private final Window[] pointWindows;
    /**
     * Whether the first point is the range's first boundary that can be a seek point, kept in case
     * the range before leaves a multiple of the spacing pending (see {@link #join}), and not one by
     * the range's own count.
     */
    private final boolean spareFirst;
    /** The range's last boundary that can be a seek point, -1 when none. */
    private final long lastEligible;
    private final Window lastWindow;
    private final SegmentChecks checks;

    private GzipRangeIndex(String name, long fromByte, long toByte, long spacing, long decodedSpacing, long startBit,
            long startPoint, long endBit, boolean endsData, long decodedLength, long[] pointBits, long[] pointOffsets,
            Window[] pointWindows, boolean spareFirst, long lastEligible, Window lastWindow, SegmentChecks checks) {
        this.name = name;
        this.fromByte = fromByte;
        this.toByte = toByte;
        this.spacing = spacing;
        this.decodedSpacing = decodedSpacing;
        this.startBit = startBit;
        this.startPoint = startPoint;
        this.endBit = endBit;
        this.endsData = endsData;
        this.decodedLength = decodedLength;
        this.pointBits = pointBits;
        this.pointOffsets = pointOffsets;
        this.pointWindows = pointWindows;
        this.spareFirst = spareFirst;
        this.lastEligible = lastEligible;
        this.lastWindow = lastWindow;
        this.checks = checks;
    }

    /** Builds a range again from a known boundary: what {@link #join} asks for a range that did not chain. */
    @FunctionalInterface
    public interface Rebuild {
        /**
         * {@link #buildFrom} of the file's bytes from {@code startBit / 8} on.
         *
         * @param startBit a block boundary or member header, known to be one
         * @param toByte the range's end
         */
        GzipRangeIndex rebuild(long startBit, long toByte) throws IOException;
    }

    /**
     * Where ranges keep their points' windows instead of in memory, one stream per range (a side
     * file): written in order while the range is decoded, read back in order when the index is
     * written. A range decoded from bit {@code startBit} is named by it, which no other range of the
     * file shares.
     */
    public interface WindowStore {
        /** A new stream for the windows of the range decoded from {@code startBit}; closed by the caller. */
        OutputStream create(long startBit) throws IOException;

        /** The windows written for the range decoded from {@code startBit}; closed by the caller. */
        InputStream open(long startBit) throws IOException;
    }

    /**
     * Indexes the range {@code [fromByte, toByte)} of a gzip file, with the default
     * {@link #DECODED_SPACING} and its windows in memory.
     *
     * @see #build(InputStream, long, long, long, long, String, WindowStore)
     */
    public static GzipRangeIndex build(InputStream atFromByte, long fromByte, long toByte, long spacing, String name)
            throws IOException {
        return build(atFromByte, fromByte, toByte, spacing, DECODED_SPACING, name, null);
    }

    /**
     * Indexes the range {@code [fromByte, toByte)} of a gzip file.
     *
     * @param atFromByte the file's bytes from {@code fromByte} on (read past {@code toByte}, to the
     *     first boundary there); closed here
     * @param spacing the compressed bytes between seek points
     * @param decodedSpacing the decompressed bytes after which a boundary is a seek point anyway
     * @param name the file's name, for messages
     * @param windows where the points' windows go, or null to keep them in the result
     * @return what the range holds; a range whose data cannot be decoded from its first start (a
     *     false start, or bad data) is given as one with no start, which {@link #join} decodes again
     *     from the end of the range before, where bad data are reported
     */
    public static GzipRangeIndex build(InputStream atFromByte, long fromByte, long toByte, long spacing,
            long decodedSpacing, String name, WindowStore windows) throws IOException {
        return build(atFromByte, fromByte, toByte, spacing, decodedSpacing, name, windows, null);
    }

    /**
     * Indexes a whole gzip file of {@code size} bytes as one range, {@link #build} of {@code [0,
     * size)}, writing its decompressed data to {@code data} as they are decoded: one pass that also
     * serves what reads the data whole (a planner counting lines). A file whose data cannot be
     * decoded gives a range with no start ({@link #hasStart}), and what {@code data} got is then
     * not the file's.
     */
    public static GzipRangeIndex buildWhole(InputStream atStart, long size, long spacing, long decodedSpacing,
            String name, WindowStore windows, OutputStream data) throws IOException {
        return build(atStart, 0, size, spacing, decodedSpacing, name, windows, Objects.requireNonNull(data, "data"));
    }

    private static GzipRangeIndex build(InputStream atFromByte, long fromByte, long toByte, long spacing,
            long decodedSpacing, String name, WindowStore windows, OutputStream data) throws IOException {
        checkArguments(fromByte, toByte, spacing, decodedSpacing);
        Lookahead in = new Lookahead(atFromByte, fromByte);
        DeflateStream stream = DeflateStream.openAtFirstStart(in, fromByte, toByte * 8, name);
        if (stream == null) {
            return noStart(name, fromByte, toByte, spacing, decodedSpacing);
        }
        try (stream) {
            return decode(stream, in, name, fromByte, toByte, spacing, decodedSpacing, windows, data);
        } catch (GzipFormatException e) {
            // A false start, or bad data: decoding again from the true boundary (join) tells which,
            // and reports bad data there.
            return noStart(name, fromByte, toByte, spacing, decodedSpacing);
        }
    }

    private static GzipRangeIndex noStart(String name, long fromByte, long toByte, long spacing,
            long decodedSpacing) {
        return new GzipRangeIndex(name, fromByte, toByte, spacing, decodedSpacing, -1, -1, -1, false, 0, new long[0],
                new long[0], new Window[0], false, -1, null, null);
    }

    /**
     * {@link #buildFrom(InputStream, long, long, long, long, String, WindowStore)} with the default
     * {@link #DECODED_SPACING} and the windows in memory.
     */
    public static GzipRangeIndex buildFrom(InputStream atStartByte, long startBit, long toByte, long spacing,
            String name) throws IOException {
        return buildFrom(atStartByte, startBit, toByte, spacing, DECODED_SPACING, name, null);
    }

    /**
     * Indexes a range from a boundary known to be real: the end of the range before, where the
     * range's own first start was false or missed. The boundary is a member's header when the
     * bytes there say so, else a deflate block.
     *
     * @param atStartByte the file's bytes from byte {@code startBit / 8} on; closed here
     * @param windows where the points' windows go, or null to keep them in the result
     */
    public static GzipRangeIndex buildFrom(InputStream atStartByte, long startBit, long toByte, long spacing,
            long decodedSpacing, String name, WindowStore windows) throws IOException {
        checkArguments(startBit / 8, Math.max(toByte, startBit / 8), spacing, decodedSpacing);
        Lookahead in = new Lookahead(atStartByte, startBit / 8);
        try (DeflateStream stream = headerLength(in, startBit) > 0 ? DeflateStream.atMember(in, startBit / 8, name)
                : DeflateStream.atBlock(in, startBit, null, name)) {
            return decode(stream, in, name, startBit / 8, toByte, spacing, decodedSpacing, windows, null);
        }
    }

    private static void checkArguments(long fromByte, long toByte, long spacing, long decodedSpacing) {
        if (fromByte < 0 || toByte < fromByte || spacing <= 0 || decodedSpacing <= 0) {
            throw new IllegalArgumentException("a range [" + fromByte + ", " + toByte + ") with seek points "
                    + spacing + " compressed or " + decodedSpacing + " decompressed bytes apart");
        }
    }

    /**
     * The length in bytes of the gzip member header at bit {@code bit}, or 0 when the bit is a
     * deflate block's start (which cannot begin with the gzip magic: 0x1f would be a block of the
     * reserved type 3).
     */
    private static int headerLength(Lookahead in, long bit) throws IOException {
        return bit % 8 != 0 ? 0 : Math.max(0, in.headerLength(bit / 8));
    }

    /**
     * Whether boundary {@code at} may have been settled by {@link DeflateStream#nextBlock} past
     * where the block before ends: past empty fixed-Huffman blocks (their 10 bits lie right before
     * it), or onto the latest bit of a stored block's header (3 zero bits that end 5 bits into a
     * byte, before a length and its complement). Such a boundary is no seek point: other tools stop
     * the block before at its true end and would not agree. The bits tell it alone, so every cut of
     * the file into ranges decides alike.
     *
     * @param before the boundary before it
     */
    private static boolean settled(Lookahead in, long before, long at) throws IOException {
        if (at - before >= 10 && in.bits(at - 10, 10) == 0b0000000010) {
            return true;
        }
        if (at % 8 != 5) {
            return false;
        }
        long header = in.bits(at, 3);
        long length = in.bits(at + 3, 32);
        return header == 0 && length >= 0 && (length & 0xffff) == (~length >>> 16 & 0xffff);
    }

    private static GzipRangeIndex decode(DeflateStream stream, Lookahead in, String name, long fromByte, long toByte,
            long spacing, long decodedSpacing, WindowStore store, OutputStream data) throws IOException {
        long start = stream.bitPosition();
        // Seek points lie at deflate blocks, as other tools read them: one at a member's header
        // moves past it, to the member's first block.
        long startPoint = start + 8L * headerLength(in, start);
        long toBit = toByte * 8;
        long spacingBits = spacing * 8;
        List<Long> bits = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        List<Window> windows = store == null ? new ArrayList<>() : null;
        DataOutputStream stored = null;
        // The last boundary that could be a point: the range's start, until the range before tells.
        long before = start;
        long lastEligible = -1;
        long lastPoint = 0;
        boolean spareFirst = false;
        long boundary = start;
        boolean endsData = false;
        try {
            while (stream.bitPosition() < toBit) {
                if (!stream.nextBlock(data)) {
                    endsData = true;
                    break;
                }
                long at = stream.bitPosition();
                if (!settled(in, boundary, at)) {
                    boolean point = ceilDiv(at, spacingBits) > ceilDiv(before, spacingBits)
                            || stream.decoded() - lastPoint >= decodedSpacing;
                    if (lastEligible < 0) {
                        spareFirst = !point;
                    }
                    if (point || lastEligible < 0) {
                        bits.add(at + 8L * headerLength(in, at));
                        offsets.add(stream.decoded());
                        if (store == null) {
                            windows.add(Window.of(stream));
                        } else {
                            if (stored == null) {
                                stored = new DataOutputStream(new BufferedOutputStream(store.create(start), 1 << 16));
                            }
                            Window.of(stream).write(stored);
                        }
                    }
                    if (point) {
                        lastPoint = stream.decoded();
                    }
                    before = at;
                    lastEligible = at;
                }
                boundary = at;
            }
        } finally {
            if (stored != null) {
                stored.close();
            }
        }
        return new GzipRangeIndex(name, fromByte, toByte, spacing, decodedSpacing, start, startPoint,
                stream.bitPosition(), endsData, stream.decoded(), bits.stream().mapToLong(Long::longValue).toArray(),
                offsets.stream().mapToLong(Long::longValue).toArray(),
                windows == null ? null : windows.toArray(new Window[0]), spareFirst, lastEligible, Window.of(stream),
                SegmentChecks.of(stream, start, startPoint != start, stream.decoded()));
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /**
     * Joins the ranges of a whole file, in order, into its index with every window in memory: the
     * ranges must hold their windows. See {@link #joinPoints}.
     *
     * @throws IllegalStateException when a range wrote its windows to a {@link WindowStore}
     */
    public static GzipIndex join(List<GzipRangeIndex> ranges, Rebuild rebuild) throws IOException {
        return joinPoints(ranges, rebuild).withWindows();
    }

    /**
     * Joins the ranges of a whole file, in order, into its seek points: each range must start where
     * the one before ended (a range with no start must lie within the decoding of the one before);
     * one that does not is built again from the true boundary by {@code rebuild}, never trusted.
     * Every member that spans ranges is checked against its trailer (its size, and its CRC32 where no
     * byte of it depended on a window unknown to its range: a reader through the index checks the
     * CRC32 of all). The windows are resolved in chain order as the index is written
     * ({@link Joined#write}); the index equals that of one range over the whole file with the same
     * spacing (and, where the decoded spacing made points, the same cut).
     *
     * @param ranges ranges cutting {@code [0, compressed size)}, in order, built with one spacing (each
     *     ends where the next begins; the last one's end is the file's size)
     * @throws GzipFormatException when the data do not decode to the end, or a member fails its check
     */
    public static Joined joinPoints(List<GzipRangeIndex> ranges, Rebuild rebuild) throws IOException {
        if (ranges.isEmpty() || ranges.get(0).fromByte != 0) {
            throw new IllegalArgumentException("the ranges must cover the file from its start");
        }
        String name = ranges.get(0).name;
        long spacing = ranges.get(0).spacing;
        long decodedSpacing = ranges.get(0).decodedSpacing;
        for (int i = 1; i < ranges.size(); i++) {
            GzipRangeIndex range = ranges.get(i);
            if (range.toByte < ranges.get(i - 1).toByte || range.spacing != spacing
                    || range.decodedSpacing != decodedSpacing) {
                throw new IllegalArgumentException("range " + i + " of " + name + " does not follow the one before");
            }
        }
        long compressedSize = ranges.get(ranges.size() - 1).toByte;
        List<Long> bits = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        List<GzipRangeIndex> chain = new ArrayList<>();
        List<Integer> skipped = new ArrayList<>();
        List<SegmentChecks> checks = new ArrayList<>();
        long spacingBits = spacing * 8;
        long at = 0;
        long lastEligible = 0;
        long decoded = 0;
        GzipRangeIndex last = null;
        for (GzipRangeIndex range : ranges) {
            long toBit = range.toByte * 8;
            if (at >= toBit || last != null && last.endsData) {
                continue;
            }
            GzipRangeIndex r = range.startBit == at ? range : rebuild.rebuild(at, range.toByte);
            if (r.startBit != at) {
                throw new GzipFormatException(name, "the range rebuilt from compressed bit " + at + " starts at bit "
                        + r.startBit, null);
            }
            if (last == null) {
                // The data's start, at the first member's first block.
                bits.add(r.startPoint);
                offsets.add(0L);
            }
            // A multiple of the spacing passed since the last boundary that could be a point makes
            // the range's first such boundary one, as one pass over the file would.
            boolean pending = ceilDiv(r.startBit, spacingBits) > ceilDiv(lastEligible, spacingBits);
            int skip = r.spareFirst && !pending ? 1 : 0;
            for (int p = skip; p < r.pointBits.length; p++) {
                bits.add(r.pointBits[p]);
                offsets.add(decoded + r.pointOffsets[p]);
            }
            chain.add(r);
            skipped.add(skip);
            lastEligible = r.lastEligible >= 0 ? r.lastEligible : lastEligible;
            decoded += r.decodedLength;
            at = r.endBit;
            checks.add(r.checks);
            last = r;
        }
        if (last == null || !last.endsData && at < compressedSize * 8) {
            throw new GzipFormatException(name, "gzip data is truncated: decoding ended at compressed bit " + at
                    + " of " + compressedSize * 8, null);
        }
        String problem = SegmentChecks.check(name, checks);
        if (problem != null) {
            throw new GzipFormatException(name, problem.substring(name.length() + 2), null);
        }
        // A point at the end of the data decodes nothing: the data's start is the one point of empty data.
        int n = bits.size();
        while (n > 1 && offsets.get(n - 1) >= decoded) {
            n--;
        }
        GzipIndex points = GzipIndex.ofPoints(compressedSize, decoded, (int) Math.min(Integer.MAX_VALUE,
                spacing), bits.subList(0, n).stream().mapToLong(Long::longValue).toArray(),
                offsets.subList(0, n).stream().mapToLong(Long::longValue).toArray());
        return new Joined(points, chain, skipped.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * A file's ranges joined ({@link #joinPoints}): its seek points, and the chain of ranges whose
     * windows, resolved in order, are the points' windows.
     */
    public static final class Joined {
        private final GzipIndex points;
        private final List<GzipRangeIndex> chain;
        /** For each range of the chain, how many of its first points the join left out (its spare one). */
        private final int[] skipped;

        private Joined(GzipIndex points, List<GzipRangeIndex> chain, int[] skipped) {
            this.points = points;
            this.chain = chain;
            this.skipped = skipped;
        }

        /** The seek points, without their windows. */
        public GzipIndex points() {
            return points;
        }

        /**
         * Writes the index in indexed_gzip's format ({@link GzipIndex#write}): the seek points, then
         * each window, read from its range (or from {@code store}, where the range wrote them) and
         * resolved from the window the range started with, one at a time.
         *
         * @param store where ranges built with one wrote their windows; null when none did
         */
        public void write(OutputStream out, WindowStore store) throws IOException {
            points.writeTable(out);
            forEachWindow(store, (point, window) -> {
                if ((window.length == 0) != (points.windowPosition(point) < 0)) {
                    throw new IllegalStateException("the window of seek point " + point + " of " + points
                            + " holds " + window.length + " bytes");
                }
                if (window.length > 0) {
                    GzipIndex.writeWindow(out, window);
                }
            });
        }

        GzipIndex withWindows() throws IOException {
            byte[][] windows = new byte[points.points()][];
            forEachWindow(null, (point, window) -> windows[point] = window);
            long[] bits = new long[windows.length];
            long[] offsets = new long[windows.length];
            for (int i = 0; i < windows.length; i++) {
                bits[i] = points.compressedBitOffset(i);
                offsets[i] = points.decompressedOffset(i);
            }
            return GzipIndex.of(points.compressedSize(), points.decompressedSize(), points.spacing(), bits, offsets,
                    windows);
        }

        private interface WindowConsumer {
            void accept(int point, byte[] window) throws IOException;
        }

        /** Resolves the points' windows in order, from the window each range of the chain started with. */
        private void forEachWindow(WindowStore store, WindowConsumer consumer) throws IOException {
            int n = points.points();
            int point = 0;
            consumer.accept(point++, new byte[0]);
            byte[] window = new byte[0];
            long decoded = 0;
            for (int c = 0; c < chain.size() && point < n; c++) {
                GzipRangeIndex r = chain.get(c);
                int count = r.pointBits.length;
                try (DataInputStream stored = r.pointWindows != null || count == 0 ? null
                        : openStored(store, r)) {
                    for (int p = 0; p < count && point < n; p++) {
                        Window w = stored == null ? r.pointWindows[p] : Window.read(stored);
                        if (p >= skipped[c]) {
                            consumer.accept(point++, w.resolve(window, decoded + r.pointOffsets[p]));
                        }
                    }
                }
                window = r.lastWindow.resolve(window, decoded + r.decodedLength);
                decoded += r.decodedLength;
            }
        }

        private static DataInputStream openStored(WindowStore store, GzipRangeIndex r) throws IOException {
            if (store == null) {
                throw new IllegalStateException(r + " wrote its windows to a store, and none is given");
            }
            return new DataInputStream(new BufferedInputStream(store.open(r.startBit), 1 << 16));
        }
    }

    /**
     * The index of a local file, its ranges built on {@code threads} threads and joined: the pure
     * Java way to the index that {@link SeekableGzipInputStream#buildIndex} makes natively.
     *
     * @param ranges how many ranges to cut the file into (at least one)
     */
    public static GzipIndex index(Path file, long spacing, int ranges, int threads) throws IOException {
        return index(file, spacing, DECODED_SPACING, ranges, threads);
    }

    static GzipIndex index(Path file, long spacing, long decodedSpacing, int ranges, int threads)
            throws IOException {
        String name = file.toString();
        long size = Files.size(file);
        int n = (int) Math.max(1, Math.min(ranges, size / 2));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, n)), r -> {
            Thread t = new Thread(r, "flashj-gzip-index");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<GzipRangeIndex>> built = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long from = size * i / n;
                long to = size * (i + 1) / n;
                built.add(pool.submit(() -> build(open(file, from), from, to, spacing, decodedSpacing, name, null)));
            }
            List<GzipRangeIndex> indexed = new ArrayList<>();
            for (Future<GzipRangeIndex> f : built) {
                indexed.add(f.get());
            }
            return join(indexed, (startBit, toByte) -> buildFrom(open(file, startBit / 8), startBit, toByte, spacing,
                    decodedSpacing, name, null));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IOException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(name + ": interrupted while indexing", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static InputStream open(Path file, long from) throws IOException {
        FileChannel channel = FileChannel.open(file);
        channel.position(from);
        return new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
    }

    /** The range's start in the compressed file. */
    public long fromByte() {
        return fromByte;
    }

    /** The range's end in the compressed file. */
    public long toByte() {
        return toByte;
    }

    /** Whether a start (member header or block) was found in the range. */
    public boolean hasStart() {
        return startBit >= 0;
    }

    /** Where decoding started, in bits; -1 when the range holds no start. */
    public long startBit() {
        return startBit;
    }

    /** Whether decoding started at a member's header. */
    public boolean startsAtMember() {
        return startPoint != startBit;
    }

    /** Where decoding ended, in bits: the first boundary at or after the range's end, or the data's end. */
    public long endBit() {
        return endBit;
    }

    /** Whether decoding reached the end of the data. */
    public boolean endsData() {
        return endsData;
    }

    /** The decompressed bytes from the start to the end. */
    public long decodedLength() {
        return decodedLength;
    }

    /** The seek points found in {@code (start, end]} (and the first boundary that could be one, kept in case). */
    public int points() {
        return pointBits.length;
    }

    /** What the members met tell, for {@link SegmentChecks#check}. */
    public SegmentChecks checks() {
        return checks;
    }

    @Override
    public String toString() {
        return "GzipRangeIndex[" + name + " [" + fromByte + ", " + toByte + ")" + (hasStart()
                ? ", bits " + startBit + " to " + endBit + ", " + decodedLength + " bytes, " + points() + " points"
                : ", no start") + "]";
    }

    /**
     * A window as decoding gave it: its bytes, and where it depends on the unknown window before the
     * range, its markers apart (few: a range's last window travels to the driver, and every window
     * to a {@link WindowStore} in this form).
     */
    private static final class Window implements Serializable {
        private static final long serialVersionUID = 1L;
        /** The window's bytes, 0 where a marker lies. */
        private final byte[] bytes;
        /** Where the markers lie in the window, or null when it has none. */
        private final short[] markerAt;
        /** Which byte of the unknown window each marker names ({@code symbol - MARKER}). */
        private final short[] marker;

        private Window(byte[] bytes, short[] markerAt, short[] marker) {
            this.bytes = bytes;
            this.markerAt = markerAt;
            this.marker = marker;
        }

        static Window of(DeflateStream stream) {
            if (stream.windowKnown()) {
                return new Window(stream.window(), null, null);
            }
            short[] symbols = stream.windowSymbols();
            byte[] bytes = new byte[symbols.length];
            int markers = 0;
            for (int i = 0; i < symbols.length; i++) {
                int symbol = symbols[i] & 0xffff;
                if (symbol >= DeflateStream.MARKER) {
                    markers++;
                } else {
                    bytes[i] = (byte) symbol;
                }
            }
            short[] markerAt = new short[markers];
            short[] marker = new short[markers];
            for (int i = 0, m = 0; i < symbols.length; i++) {
                int symbol = symbols[i] & 0xffff;
                if (symbol >= DeflateStream.MARKER) {
                    markerAt[m] = (short) i;
                    marker[m++] = (short) (symbol - DeflateStream.MARKER);
                }
            }
            return new Window(bytes, markerAt, marker);
        }

        void write(DataOutputStream out) throws IOException {
            out.writeInt(bytes.length);
            out.write(bytes);
            out.writeInt(markerAt == null ? -1 : markerAt.length);
            for (int m = 0; markerAt != null && m < markerAt.length; m++) {
                out.writeShort(markerAt[m]);
                out.writeShort(marker[m]);
            }
        }

        static Window read(DataInputStream in) throws IOException {
            int length = in.readInt();
            if (length < 0 || length > WINDOW) {
                throw new IOException("a stored window of " + length + " bytes");
            }
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            int markers = in.readInt();
            if (markers < -1 || markers > length) {
                throw new IOException("a stored window with " + markers + " markers");
            }
            short[] markerAt = markers < 0 ? null : new short[markers];
            short[] marker = markers < 0 ? null : new short[markers];
            for (int m = 0; m < markers; m++) {
                markerAt[m] = in.readShort();
                marker[m] = in.readShort();
            }
            return new Window(bytes, markerAt, marker);
        }

        /**
         * The window's bytes, given the window the range started with, cut to what can precede
         * decompressed offset {@code offset}. A range that started at a member's header started with
         * none; what came before it still belongs to the window, as in one pass over the file.
         */
        byte[] resolve(byte[] first, long offset) {
            byte[] w;
            if (markerAt != null) {
                short[] symbols = new short[bytes.length];
                for (int i = 0; i < bytes.length; i++) {
                    symbols[i] = (short) (bytes[i] & 0xff);
                }
                for (int m = 0; m < markerAt.length; m++) {
                    symbols[markerAt[m] & 0xffff] = (short) (DeflateStream.MARKER + (marker[m] & 0xffff));
                }
                // Markers may name bytes before the data's start, where the window is shorter: those cannot be used.
                int keep = (int) Math.min(symbols.length, offset);
                w = DeflateStream.resolve(Arrays.copyOfRange(symbols, symbols.length - keep, symbols.length), first);
            } else if (bytes.length < WINDOW && first.length > 0) {
                int keep = Math.min(first.length, WINDOW - bytes.length);
                w = new byte[keep + bytes.length];
                System.arraycopy(first, first.length - keep, w, 0, keep);
                System.arraycopy(bytes, 0, w, keep, bytes.length);
            } else {
                w = bytes;
            }
            int length = (int) Math.min(w.length, Math.min(WINDOW, offset));
            return length == w.length ? w : Arrays.copyOfRange(w, w.length - length, w.length);
        }
    }
}
