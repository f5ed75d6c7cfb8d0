package io.github.flashj.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The overlap search with the Vector API. A first pass counts each start's mismatches among its
 * first eight bases, eight at once in a long; the start with the fewest is scored first, which
 * usually drops the cutoff so low that the other starts are cut by that count alone. The starts
 * that remain are scored a whole vector of positions at a time. The quality sum is needed only to
 * break density ties, so it is computed, one position at a time, only for starts whose density
 * can still change the outcome (at most {@link Alignment#cutoff}).
 *
 * <p>Each start's score is exact whatever the order, and {@link Alignment#offer} breaks ties by
 * the earlier start, so this kernel gives the scalar kernel's answers (tested).
 *
 * <p>Loaded reflectively by {@link MergeKernels}; never referenced where the module is absent.
 */
final class VectorMergeKernel implements MergeKernel {
    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;
    private static final byte N = 'N';
    private static final long N_BYTES = 0x4E4E4E4E4E4E4E4EL;
    /** The first-pass count of a start shorter than eight bases: never cut by it. */
    private static final int UNKNOWN = Long.BYTES + 1;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    VectorMergeKernel() {
        // Fails fast (and MergeKernels falls back to scalar) where the species cannot be used.
        ByteVector.zero(SPECIES);
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void search(byte[] first, byte[] firstQual, int firstOff, int firstLen, byte[] second,
            byte[] secondQual, int secondOff, int secondLen, int minOverlap, int maxOverlap, byte orientation,
            Alignment best) {
        int firstStart = Math.max(0, firstLen - secondLen);
        int lastStart = firstLen - minOverlap;
        if (lastStart < firstStart) {
            return;
        }
        if (firstOff + lastStart + Long.BYTES > first.length || secondOff + Long.BYTES > second.length) {
            for (int start = firstStart; start <= lastStart; start++) {
                int length = firstLen - start;
                score(first, firstQual, firstOff + start, length, second, secondQual, secondOff,
                        best.mismatchLimit(Math.min(length, maxOverlap)), start, minOverlap, maxOverlap, orientation,
                        best);
            }
            return;
        }
        // First pass: the mismatches among each start's first eight bases, eight at once in a long.
        byte[] prefixMismatches = best.prefixScratch(lastStart + 1);
        long y = (long) LONGS.get(second, secondOff);
        long yCounted = zeroBytes(y ^ N_BYTES);
        int center = firstStart;
        int fewest = UNKNOWN;
        for (int start = firstStart; start <= lastStart; start++) {
            int mismatches = UNKNOWN;
            if (firstLen - start >= Long.BYTES) {
                long x = (long) LONGS.get(first, firstOff + start);
                mismatches = Long.BYTES - Long.bitCount(zeroBytes(x ^ y) | zeroBytes(x ^ N_BYTES) | yCounted);
            }
            prefixMismatches[start] = (byte) mismatches;
            if (mismatches < fewest) {
                fewest = mismatches;
                center = start;
            }
        }
        // The start whose first bases match best is scored first: it is usually the overlap, and
        // once it is scored the cutoff drops so that the others are cut by their first eight
        // bases alone. The order does not change the result (see Alignment.offer).
        int length = firstLen - center;
        score(first, firstQual, firstOff + center, length, second, secondQual, secondOff,
                best.mismatchLimit(Math.min(length, maxOverlap)), center, minOverlap, maxOverlap, orientation, best);
        for (int start = firstStart; start <= lastStart; start++) {
            if (start == center) {
                continue;
            }
            length = firstLen - start;
            int scored = Math.min(length, maxOverlap);
            int mismatches = prefixMismatches[start];
            if (mismatches > 0 && mismatches < UNKNOWN && scored < best.shortestLengthAllowing(mismatches)) {
                continue;
            }
            score(first, firstQual, firstOff + start, length, second, secondQual, secondOff,
                    best.mismatchLimit(scored), start, minOverlap, maxOverlap, orientation, best);
        }
    }

    /**
     * Scores one start a vector at a time, cutting it as soon as it has more than {@code limit}
     * mismatches (exact, as in the scalar kernel: the density can only be higher). Kept out of the
     * loop over starts, which stays small scalar code; only starts that pass the eight-base check
     * come here.
     */
    private static void score(byte[] first, byte[] firstQual, int a, int length, byte[] second, byte[] secondQual,
            int b, int limit, int start, int minOverlap, int maxOverlap, byte orientation, Alignment best) {
        int lanes = SPECIES.length();
        int mismatches = 0;
        int nCount = 0;
        int k = 0;
        for (int upper = SPECIES.loopBound(length); k < upper; k += lanes) {
            ByteVector x = ByteVector.fromArray(SPECIES, first, a + k);
            ByteVector y = ByteVector.fromArray(SPECIES, second, b + k);
            VectorMask<Byte> n = x.eq(N).or(y.eq(N));
            // Lanes that are neither equal nor N are the mismatches.
            mismatches += lanes - x.eq(y).or(n).trueCount();
            nCount += n.trueCount();
            if (mismatches > limit) {
                return;
            }
        }
        for (; k < length; k++) {
            byte x = first[a + k];
            byte y = second[b + k];
            if (x == N || y == N) {
                nCount++;
            } else if (x != y) {
                mismatches++;
            }
        }
        int effective = length - nCount;
        if (mismatches > limit || effective < minOverlap) {
            return;
        }
        best.offer(start, orientation, mismatches, qualitySum(first, firstQual, a, second, secondQual, b, length),
                effective, maxOverlap);
    }

    /** The high bit of each byte of {@code v} that is zero, and no other bit (exact, no borrow). */
    private static long zeroBytes(long v) {
        long t = ((v & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | v;
        return ~t & 0x8080808080808080L;
    }

    private static int qualitySum(byte[] first, byte[] firstQual, int a, byte[] second, byte[] secondQual, int b,
            int length) {
        int sum = 0;
        for (int k = 0; k < length; k++) {
            byte x = first[a + k];
            byte y = second[b + k];
            if (x != y && x != N && y != N) {
                sum += Math.min(firstQual[a + k], secondQual[b + k]);
            }
        }
        return sum;
    }
}
