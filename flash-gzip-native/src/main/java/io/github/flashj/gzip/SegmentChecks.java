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
    /** Whether the CRC32 of the bytes before the segment's first member end is known (no markers). */
    private final boolean firstCrcKnown;
    private final long length;
    /** Per member end met: where its data end, in bytes since the segment's start. */
    private final long[] endAt;
    private final boolean[] checked;
    private final int[] partialCrc;
    private final int[] trailerCrc;
    private final int[] trailerSize;
    private final int runningCrc;
    private final long runningLength;

    private SegmentChecks(long compressedBitOffset, boolean firstCrcKnown, long length, long[] endAt, boolean[] checked, int[] partialCrc,
            int[] trailerCrc, int[] trailerSize, int runningCrc, long runningLength) {
        this.compressedBitOffset = compressedBitOffset;
        this.firstCrcKnown = firstCrcKnown;
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
     * The checks of a segment of {@code length} bytes decoded by {@code stream}, which started at
     * bit {@code compressedBitOffset} and has decoded the segment, through the end of its last
     * block. A stream that went on past a member's end at {@code length}, into the next member,
     * gives the checks of what lies before.
     *
     * @param windowKnown whether the stream started with a known window (or at a member's header):
     *     else the CRC32 of its first member's piece is unknown, and only its size is checked
     * @throws IllegalArgumentException when the stream decoded more than {@code length} bytes, and
     *     not up to a member's end there
     */
    public static SegmentChecks of(DeflateStream stream, long compressedBitOffset, boolean windowKnown,
            long length) {
        List<DeflateStream.MemberEnd> ends = stream.memberEnds();
        int n = 0;
        while (n < ends.size() && ends.get(n).decodedAt() <= length) {
            n++;
        }
        boolean past = stream.decoded() > length;
        if (past && (n == 0 || ends.get(n - 1).decodedAt() != length) || stream.decoded() < length) {
            throw new IllegalArgumentException("the stream decoded " + stream.decoded() + " bytes, not a segment of "
                    + length);
        }
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
        return new SegmentChecks(compressedBitOffset, windowKnown, length, endAt, checked, partialCrc, trailerCrc,
                trailerSize, past ? 0 : stream.runningCrc(), past ? 0 : stream.runningLength());
    }

    /**
     * The checks of a segment of {@code length} bytes whose CRC32 is {@code crc}, decoded from a
     * block with its window known, that lies inside one gzip member: the member goes on after it.
     */
    public static SegmentChecks insideMember(long compressedBitOffset, int crc, long length) {
        return new SegmentChecks(compressedBitOffset, true, length, new long[0], new boolean[0], new int[0],
                new int[0], new int[0], crc, length);
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
     * @return null when all agree, else why not, naming the file and the compressed offsets of the
     *     segments that hold the data of the member that fails
     */
    public static String check(String name, List<SegmentChecks> segments) {
        int crc = 0;
        boolean crcKnown = true;
        long length = 0;
        // The segment where the current member's data begin.
        SegmentChecks first = segments.isEmpty() ? null : segments.get(0);
        for (SegmentChecks s : segments) {
            if (length == 0) {
                first = s;
            }
            boolean pieceKnown = s.firstCrcKnown;
            long since = 0;
            for (int i = 0; i < s.endAt.length; i++) {
                if (!s.checked[i]) {
                    // The member began before this segment: its bytes so far, then those here.
                    long piece = s.endAt[i] - since;
                    boolean known = crcKnown && pieceKnown;
                    int memberCrc = known ? Crc32Combine.combine(crc, s.partialCrc[i], piece) : 0;
                    long memberLength = length + piece;
                    if (known && memberCrc != s.trailerCrc[i] || (int) memberLength != s.trailerSize[i]) {
                        return name + ": the gzip member whose data lie in the segments from compressed byte "
                                + first.compressedBitOffset / 8 + " to " + s.compressedBitOffset / 8 + " has "
                                + memberLength + " bytes"
                                + (known ? " of CRC32 " + hex(memberCrc) : "") + ", its trailer says "
                                + Integer.toUnsignedString(s.trailerSize[i]) + " (modulo 2^32)"
                                + (known ? " of CRC32 " + hex(s.trailerCrc[i]) : "");
                    }
                }
                since = s.endAt[i];
                first = s;
                crc = 0;
                crcKnown = true;
                pieceKnown = true;
                length = 0;
            }
            if (s.endAt.length == 0) {
                crcKnown &= pieceKnown;
                crc = crcKnown ? Crc32Combine.combine(crc, s.runningCrc, s.runningLength) : 0;
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
