package io.github.flashj.gzip;

import java.io.Serializable;
import java.util.List;

/**
 * What decoding one segment of a gzip file on its own (from a seek point, or a range's first
 * block, to the next) tells about the gzip members it touches: the members it decoded whole were
 * checked by {@link DeflateStream}; a member that spans segments is checked by {@link #check},
 * which joins the pieces of all segments in order ({@link Crc32Combine}) and compares them with
 * the member's trailer. Small and serializable, so that the tasks that decode the segments of one
 * file can each return theirs, and one place check them all.
 */
public final class SegmentChecks implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long compressedBitOffset;
    private final long length;
    /** Per member end met: where its data end, in bytes since the segment's start. */
    private final long[] endAt;
    private final boolean[] checked;
    private final int[] partialCrc;
    private final int[] trailerCrc;
    private final int[] trailerSize;
    private final int runningCrc;
    private final long runningLength;

    private SegmentChecks(long compressedBitOffset, long length, long[] endAt, boolean[] checked, int[] partialCrc,
            int[] trailerCrc, int[] trailerSize, int runningCrc, long runningLength) {
        this.compressedBitOffset = compressedBitOffset;
        this.length = length;
        this.endAt = endAt;
        this.checked = checked;
        this.partialCrc = partialCrc;
        this.trailerCrc = trailerCrc;
        this.trailerSize = trailerSize;
        this.runningCrc = runningCrc;
        this.runningLength = runningLength;
    }

    /**
     * The checks of a segment decoded by {@code stream}, which started at bit
     * {@code compressedBitOffset} and stands at the segment's end.
     */
    public static SegmentChecks of(DeflateStream stream, long compressedBitOffset) {
        List<DeflateStream.MemberEnd> ends = stream.memberEnds();
        int n = ends.size();
        long[] endAt = new long[n];
        boolean[] checked = new boolean[n];
        int[] partialCrc = new int[n];
        int[] trailerCrc = new int[n];
        int[] trailerSize = new int[n];
        for (int i = 0; i < n; i++) {
            DeflateStream.MemberEnd end = ends.get(i);
            endAt[i] = end.decodedAt();
            checked[i] = end.checked();
            partialCrc[i] = end.partialCrc();
            trailerCrc[i] = end.trailerCrc();
            trailerSize[i] = end.trailerSize();
        }
        return new SegmentChecks(compressedBitOffset, stream.decoded(), endAt, checked, partialCrc, trailerCrc,
                trailerSize, stream.runningCrc(), stream.runningLength());
    }

    /** Where the segment starts in the compressed file, in bits. */
    public long compressedBitOffset() {
        return compressedBitOffset;
    }

    /** The segment's decompressed length. */
    public long length() {
        return length;
    }

    /** The number of gzip member ends the segment holds. */
    public int memberEnds() {
        return endAt.length;
    }

    /**
     * Checks the members of a whole file from the checks of all its segments, in order: each member
     * that spans segments must have the CRC32 and size its trailer gives, and the data must end with
     * a member's end.
     *
     * @param name the file's name, for the message
     * @return null when all agree, else why not, naming the file and the compressed offset of the
     *     segment where the member that fails ends
     */
    public static String check(String name, List<SegmentChecks> segments) {
        int crc = 0;
        long length = 0;
        for (SegmentChecks s : segments) {
            long since = 0;
            for (int i = 0; i < s.endAt.length; i++) {
                if (!s.checked[i]) {
                    // The member began before this segment: its bytes so far, then those here.
                    long piece = s.endAt[i] - since;
                    int memberCrc = Crc32Combine.combine(crc, s.partialCrc[i], piece);
                    long memberLength = length + piece;
                    if (memberCrc != s.trailerCrc[i] || (int) memberLength != s.trailerSize[i]) {
                        return name + ": the gzip member that ends in the segment from compressed byte "
                                + s.compressedBitOffset / 8 + " has " + memberLength + " bytes of CRC32 "
                                + hex(memberCrc) + ", its trailer says " + Integer.toUnsignedString(s.trailerSize[i])
                                + " (modulo 2^32) of CRC32 " + hex(s.trailerCrc[i]);
                    }
                }
                since = s.endAt[i];
                crc = 0;
                length = 0;
            }
            if (s.endAt.length == 0) {
                crc = Crc32Combine.combine(crc, s.runningCrc, s.runningLength);
                length += s.runningLength;
            } else {
                crc = s.runningCrc;
                length = s.runningLength;
            }
        }
        if (length != 0) {
            SegmentChecks last = segments.get(segments.size() - 1);
            return name + ": the gzip data end without a member's trailer after the segment from compressed byte "
                    + last.compressedBitOffset / 8;
        }
        return null;
    }

    private static String hex(int crc) {
        return String.format("%08x", crc);
    }

    @Override
    public String toString() {
        return "SegmentChecks[bit " + compressedBitOffset + ", " + length + " bytes, " + endAt.length
                + " member ends]";
    }
}
