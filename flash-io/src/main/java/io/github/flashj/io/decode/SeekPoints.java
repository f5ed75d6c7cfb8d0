package io.github.flashj.io.decode;

import io.github.flashj.gzip.GzipIndex;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a compressed file's decompressed data can be entered: the decompressed offsets at which
 * decoding can start, and the compressed offset of each. They cut the decompressed data into
 * <em>segments</em>, each decoded on its own (by {@link DecodedInput}); a chunk's slice at
 * decompressed offset {@code x} is reached by decoding segment {@link #segmentOf segmentOf(x)} from
 * its start. Serializable, so that a plan's reader on another machine can use them.
 */
public final class SeekPoints implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How segments are decoded. */
    public enum Kind {
        /** BGZF blocks: a segment starts at a block, {@link #compressedStart} in bytes. */
        BGZF,
        /** A gzip index's seek points: {@link #compressedStart} in bits, the window in the index file. */
        GZIP_INDEX
    }

    private final Kind kind;
    private final long[] decoded;
    private final long[] compressed;
    private final int sourcePoints;
    /** For a gzip index: each segment's seek point in the index, whose window decoding it needs. */
    private final int[] indexPoints;

    /**
     * @param decoded the segments' decompressed starts, ascending, from 0, followed by the
     *     decompressed size
     * @param compressed where each segment starts in the compressed file, one per segment
     * @param sourcePoints the seek points (gzip) or blocks (BGZF) the segments were grouped from
     */
    SeekPoints(Kind kind, long[] decoded, long[] compressed, int sourcePoints) {
        this(kind, decoded, compressed, sourcePoints, null);
    }

    private SeekPoints(Kind kind, long[] decoded, long[] compressed, int sourcePoints, int[] indexPoints) {
        if (decoded.length != compressed.length + 1 || decoded[0] != 0) {
            throw new IllegalArgumentException("segments need a start each and the size after the last");
        }
        this.kind = kind;
        this.decoded = decoded.clone();
        this.compressed = compressed.clone();
        this.sourcePoints = sourcePoints;
        this.indexPoints = indexPoints;
    }

    /**
     * The segments between a gzip index's seek points: one per distinct decompressed offset below
     * the size, each entered at the first point at its offset (at offset 0, the last: past the
     * member's header).
     */
    public static SeekPoints of(GzipIndex index) {
        long size = index.decompressedSize();
        List<Long> starts = new ArrayList<>();
        List<Long> at = new ArrayList<>();
        List<Integer> points = new ArrayList<>();
        if (size > 0) {
            starts.add(0L);
            at.add(0L);
            points.add(-1);
        }
        for (int i = 0; i < index.points() && size > 0; i++) {
            long offset = index.decompressedOffset(i);
            if (offset < size && offset > starts.get(starts.size() - 1)) {
                starts.add(offset);
                at.add(index.compressedBitOffset(i));
                points.add(i);
            } else if (offset == 0) {
                at.set(0, index.compressedBitOffset(i));
                points.set(0, i);
            }
        }
        starts.add(size);
        return new SeekPoints(Kind.GZIP_INDEX, starts.stream().mapToLong(Long::longValue).toArray(),
                at.stream().mapToLong(Long::longValue).toArray(), index.points(),
                points.stream().mapToInt(Integer::intValue).toArray());
    }

    /** How the segments are decoded. */
    public Kind kind() {
        return kind;
    }

    /** The decompressed size. */
    public long size() {
        return decoded[decoded.length - 1];
    }

    /** The number of segments (0 for empty data). */
    public int segments() {
        return compressed.length;
    }

    /** The decompressed offset where segment {@code i} starts ({@code i == segments()}: the size). */
    public long decodedStart(int i) {
        return decoded[i];
    }

    /**
     * The decompressed length of segment {@code i}; readers decode only segments no longer than
     * {@code DecodedInput.MAX_SEGMENT}.
     *
     * @throws ArithmeticException for a segment of 2 GiB or more
     */
    public int segmentLength(int i) {
        return Math.toIntExact(decoded[i + 1] - decoded[i]);
    }

    /** Where segment {@code i} starts in the compressed file: bytes for BGZF, bits for a gzip index. */
    public long compressedStart(int i) {
        return compressed[i];
    }

    /**
     * The seek point of the gzip index that segment {@code i} starts at (whose window decoding it
     * needs), or -1 for a segment at the data's start that no point names.
     *
     * @throws IllegalStateException when the segments are not a gzip index's
     */
    public int indexPoint(int i) {
        if (indexPoints == null) {
            throw new IllegalStateException("segments of " + kind + " have no index points");
        }
        return indexPoints[i];
    }

    /** The longest segment (the first of those as long), or -1 when there are none. */
    public int largestSegment() {
        int largest = -1;
        for (int i = 0; i < segments(); i++) {
            if (largest < 0 || decoded[i + 1] - decoded[i] > decoded[largest + 1] - decoded[largest]) {
                largest = i;
            }
        }
        return largest;
    }

    /** The decompressed length of the longest segment, 0 when there are none. */
    public long largestSegmentLength() {
        int i = largestSegment();
        return i < 0 ? 0 : decoded[i + 1] - decoded[i];
    }

    /** The segment holding decompressed offset {@code offset} ({@code 0 <= offset < size()}). */
    public int segmentOf(long offset) {
        int i = Arrays.binarySearch(decoded, 0, compressed.length, offset);
        return i >= 0 ? i : -i - 2;
    }

    /** What the reader entering the data uses, for the log: {@code rapidgzip index, 41 seek points}. */
    public String describe() {
        return kind == Kind.BGZF ? "BGZF, " + sourcePoints + " blocks"
                : "rapidgzip index, " + sourcePoints + " seek points";
    }

    @Override
    public String toString() {
        return "SeekPoints[" + describe() + ", " + segments() + " segments, " + size() + " bytes]";
    }
}
