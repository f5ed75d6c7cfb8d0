package io.github.flashj.kernel;

import io.github.flashj.MergeParameters.TieBreak;
import io.github.flashj.MergeParameters;
import io.github.flashj.Refusal;
import io.github.flashj.batch.MergeOutcome;
import io.github.flashj.batch.ReadEncoding;
import io.github.flashj.swar.Swar;

/**
 * Merges one pair at a time: reverse-complements read 2, runs the kernel's overlap search in the
 * innie orientation (and the outie one with {@code -O}), decides, and builds the merged read.
 *
 * <p>One engine per thread: it keeps scratch buffers between pairs.
 */
public final class MergeEngine {
    private static final byte[] COMPLEMENT = complementTable();
    private static final byte[] IUPAC = iupacTable();
    /** Room after each scratch copy for the kernels' eight-byte loads past a start. */
    private static final int PADDING = 64;

    private final MergeKernel kernel;
    private final MergeParameters params;
    private final Alignment best = new Alignment();

    private byte[] rcBases = new byte[512];
    private byte[] rcQuals = new byte[512];
    private byte[] read1Copy = new byte[512];
    private byte[] read1QualCopy = new byte[512];
    private int read1Len;
    private int read2Len;

    /**
     * @param kernel the overlap search to use
     * @param params the merge parameters
     */
    public MergeEngine(MergeKernel kernel, MergeParameters params) {
        this.kernel = kernel;
        this.params = params;
    }

    /**
     * Finds the best overlap of a pair.
     *
     * @return {@link MergeOutcome#INNIE} or {@link MergeOutcome#OUTIE} when the pair merges, else {@link MergeOutcome#NOT_COMBINED};
     *     after a merge, {@link #mergedLength()}, {@link #overlapLength()} and {@link #build} describe it
     */
    public byte align(byte[] bases1, byte[] quals1, int off1, int len1, byte[] bases2, byte[] quals2, int off2,
            int len2) {
        if (rcBases.length < len2 + PADDING || read1Copy.length < len1 + PADDING) {
            int n = Math.max(len1, len2) + PADDING;
            rcBases = new byte[Math.max(n, rcBases.length * 2)];
            rcQuals = new byte[rcBases.length];
            read1Copy = new byte[rcBases.length];
            read1QualCopy = new byte[rcBases.length];
        }
        int end2 = off2 + len2;
        int k = 0;
        for (; k + Long.BYTES <= len2; k += Long.BYTES) {
            long bases = Long.reverseBytes((long) Swar.LONGS.get(bases2, end2 - k - Long.BYTES));
            Swar.LONGS.set(rcBases, k, bases ^ complementMask(bases));
            Swar.LONGS.set(rcQuals, k, Long.reverseBytes((long) Swar.LONGS.get(quals2, end2 - k - Long.BYTES)));
        }
        for (; k < len2; k++) {
            rcBases[k] = COMPLEMENT[bases2[end2 - 1 - k]];
            rcQuals[k] = quals2[end2 - 1 - k];
        }
        // A copy of read 1 with room after it for the kernels' eight-byte loads.
        System.arraycopy(bases1, off1, read1Copy, 0, len1);
        System.arraycopy(quals1, off1, read1QualCopy, 0, len1);
        read1Len = len1;
        read2Len = len2;

        int minOverlap = params.minOverlap();
        int maxOverlap = params.maxOverlap();
        best.reset(params.maxMismatchDensity());
        kernel.search(read1Copy, read1QualCopy, 0, len1, rcBases, rcQuals, 0, len2, minOverlap, maxOverlap,
                MergeOutcome.INNIE, best);
        if (params.allowOuties()) {
            kernel.search(rcBases, rcQuals, 0, len2, read1Copy, read1QualCopy, 0, len1, minOverlap, maxOverlap,
                    MergeOutcome.OUTIE, best);
        }
        if (best.start < 0 || best.density > params.maxMismatchDensity()) {
            return MergeOutcome.NOT_COMBINED;
        }
        return best.orientation;
    }

    /**
     * Why the last pair that {@link #align} left not combined was refused. A pair is refused
     * only while no start has been offered below the max density, so every start was tested
     * against that same bar: the answer does not depend on the kernel or the order of the starts.
     */
    public Refusal refusal() {
        if (Math.min(read1Len, read2Len) < params.minOverlap()) {
            return Refusal.READ_SHORTER_THAN_MIN_OVERLAP;
        }
        return best.shortOfPositionsWithoutN ? Refusal.TOO_MANY_N : Refusal.MISMATCH_DENSITY_ABOVE_MAX;
    }

    /** The alignment found by the last {@link #align} call. */
    public Alignment alignment() {
        return best;
    }

    /** After a merge: the mismatches in its overlap, as the search counted them (N left out). */
    public int mismatches() {
        return best.mismatches();
    }

    /** The overlap length of the last merged pair. */
    public int overlapLength() {
        return firstLength() - best.start;
    }

    /** The length of the last merged pair's merged read. */
    public int mergedLength() {
        return read1Len + read2Len - overlapLength();
    }

    private int firstLength() {
        return best.orientation == MergeOutcome.INNIE ? read1Len : read2Len;
    }

    /** Writes the merged read of the last merged pair: bases and PHRED values. */
    public void build(byte[] outBases, byte[] outQuals, int outOff) {
        boolean innie = best.orientation == MergeOutcome.INNIE;
        byte[] fb = innie ? read1Copy : rcBases;
        byte[] fq = innie ? read1QualCopy : rcQuals;
        int fl = innie ? read1Len : read2Len;
        byte[] sb = innie ? rcBases : read1Copy;
        byte[] sq = innie ? rcQuals : read1QualCopy;
        int sl = innie ? read2Len : read1Len;
        int start = best.start;
        int overlap = fl - start;

        copyOverhang(fb, fq, 0, outBases, outQuals, outOff, start);
        consensus(fb, fq, start, sb, sq, 0, outBases, outQuals, outOff + start, overlap, innie, start);
        copyOverhang(sb, sq, overlap, outBases, outQuals, outOff + fl, sl - overlap);
    }

    private void copyOverhang(byte[] bases, byte[] quals, int from, byte[] outBases, byte[] outQuals, int to,
            int length) {
        System.arraycopy(bases, from, outBases, to, length);
        System.arraycopy(quals, from, outQuals, to, length);
        if (params.lowercaseOverhang()) {
            for (int k = to, end = to + length; k < end; k++) {
                outBases[k] = (byte) (outBases[k] | 0x20);
            }
        }
    }

    /**
     * The overlap of the merged read. Equal bases keep the higher quality. Unequal ones get the
     * mismatch quality and the base of higher quality; where the qualities differ by at most the
     * threshold (0 in FLASH 1.2.11) the tie rule picks the base, never N when the other is not.
     * Eight positions whose bases all agree, nearly all of them, are written at once.
     */
    private void consensus(byte[] fb, byte[] fq, int f, byte[] sb, byte[] sq, int s, byte[] outBases,
            byte[] outQuals, int out, int length, boolean innie, int start) {
        int k = 0;
        for (; k + Long.BYTES <= length; k += Long.BYTES) {
            long x = (long) Swar.LONGS.get(fb, f + k);
            if (x == (long) Swar.LONGS.get(sb, s + k)) {
                Swar.LONGS.set(outBases, out + k, x);
                Swar.LONGS.set(outQuals, out + k,
                        signedMax((long) Swar.LONGS.get(fq, f + k), (long) Swar.LONGS.get(sq, s + k)));
            } else {
                consensus(fb, fq, f, sb, sq, s, outBases, outQuals, out, k, k + Long.BYTES, innie, start);
            }
        }
        consensus(fb, fq, f, sb, sq, s, outBases, outQuals, out, k, length, innie, start);
    }

    /** The consensus of overlap positions {@code from} to {@code to}, one at a time. */
    private void consensus(byte[] fb, byte[] fq, int f, byte[] sb, byte[] sq, int s, byte[] outBases,
            byte[] outQuals, int out, int from, int to, boolean innie, int start) {
        boolean cap = params.capMismatchQuals();
        int threshold = params.qualityTieThreshold();
        TieBreak rule = params.tieBreak();
        for (int k = from; k < to; k++) {
            byte x = fb[f + k];
            byte y = sb[s + k];
            int qx = fq[f + k];
            int qy = sq[s + k];
            if (x == y) {
                outBases[out + k] = x;
                outQuals[out + k] = (byte) Math.max(qx, qy);
                continue;
            }
            outQuals[out + k] = mismatchQuality(qx, qy, cap);
            if (Math.abs(qx - qy) > threshold) {
                outBases[out + k] = qx > qy ? x : y;
                continue;
            }
            byte chosen;
            if (rule == TieBreak.AMBIGUOUS) {
                chosen = IUPAC[(x << 8 | y) & 0xffff];
            } else {
                boolean firstWins;
                if (rule == TieBreak.FLASH_1_2_11) {
                    firstWins = false;
                } else if (rule == TieBreak.EARLIEST) {
                    // Each base's position in its own read, read 2 counted in its original direction.
                    int posFirst = innie ? start + k : read2Len - 1 - (start + k);
                    int posSecond = innie ? read2Len - 1 - k : k;
                    firstWins = posFirst < posSecond || (posFirst == posSecond && innie);
                } else {
                    firstWins = innie;
                }
                byte preferred = firstWins ? x : y;
                chosen = preferred != 'N' ? preferred : (firstWins ? y : x);
            }
            outBases[out + k] = chosen;
        }
    }

    /**
     * The greater of each pair of signed bytes in two longs. With the sign bits flipped the order
     * is unsigned; a byte's high bit then says which is greater or equal: where the high bits
     * differ, the one that has it, and where they agree, the borrow-free difference of the low
     * seven bits.
     */
    static long signedMax(long x, long y) {
        long ux = x ^ Swar.HIGH_BITS;
        long uy = y ^ Swar.HIGH_BITS;
        long xAtLeastY = ((ux & ~uy) | (~(ux ^ uy) & ((ux | Swar.HIGH_BITS) - (uy & Swar.LOW_BITS))))
                & Swar.HIGH_BITS;
        long fromX = (xAtLeastY >>> 7) * 0xFF;
        return (x & fromX) | (y & ~fromX);
    }

    private static byte mismatchQuality(int qx, int qy, boolean cap) {
        return (byte) (cap ? Math.min(Math.min(qx, qy), 2) : Math.max(Math.abs(qx - qy), 2));
    }

    /**
     * What to XOR onto eight canonical bases to complement them: A (0x41) and T (0x54), whose bit 1
     * is clear, differ by 0x15; C (0x43) and G (0x47), with bit 1 set and bit 3 clear, by 0x04; N
     * (0x4E) has both bits set and stays. Batches hold canonical bases only.
     */
    private static long complementMask(long bases) {
        long adenineOrThymine = ~(bases >>> 1) & Swar.ONES;
        long cytosineOrGuanine = (bases >>> 1) & ~(bases >>> 3) & Swar.ONES;
        return adenineOrThymine * 0x15 | cytosineOrGuanine * 0x04;
    }

    private static byte[] complementTable() {
        byte[] t = new byte[256];
        for (int b = 0; b < t.length; b++) {
            t[b] = ReadEncoding.complement((byte) b);
        }
        return t;
    }

    /** IUPAC code of two canonical bases, indexed by {@code first << 8 | second}; a base against N is the base. */
    private static byte[] iupacTable() {
        byte[] t = new byte[1 << 16];
        String bases = "ACGTN";
        String codes = "AMRWA" + "MCSYC" + "RSGKG" + "WYKTT" + "ACGTN";
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                t[bases.charAt(i) << 8 | bases.charAt(j)] = (byte) codes.charAt(i * 5 + j);
            }
        }
        return t;
    }
}
