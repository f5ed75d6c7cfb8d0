package io.github.flashj.io.decode;

import java.io.Serializable;
import java.util.Arrays;

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

    /**
     * @param decoded the segments' decompressed starts, ascending, from 0, followed by the
     *     decompressed size
     * @param compressed where each segment starts in the compressed file, one per segment
     * @param sourcePoints the seek points (gzip) or blocks (BGZF) the segments were grouped from
     */
    SeekPoints(Kind kind, long[] decoded, long[] compressed, int sourcePoints) {
        if (decoded.length != compressed.length + 1 || decoded[0] != 0) {
            throw new IllegalArgumentException("segments need a start each and the size after the last");
        }
        this.kind = kind;
        this.decoded = decoded.clone();
        this.compressed = compressed.clone();
        this.sourcePoints = sourcePoints;
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

    /** Where segment {@code i} starts in the compressed file: bytes for BGZF, bits for a gzip index. */
    public long compressedStart(int i) {
        return compressed[i];
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
