package io.github.flashj.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The overlap search with the Vector API: mismatches and N positions of a whole vector of
 * positions are counted at once. The quality sum is needed only to break density ties, so it is
 * computed, one position at a time, only for starts whose density can still change the outcome
 * (at most {@link Alignment#cutoff}).
 *
 * <p>Loaded reflectively by {@link MergeKernels}; never referenced where the module is absent.
 */
final class VectorMergeKernel implements MergeKernel {
    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;
    private static final byte N = 'N';
    private static final long N_BYTES = 0x4E4E4E4E4E4E4E4EL;
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
            Alignment best, int hint) {
        int firstStart = Math.max(0, firstLen - secondLen);
        int lastStart = firstLen - minOverlap;
        // Starts are visited outward from the hint (hint, hint + 1, hint - 1, ...): the true
        // overlap is usually near it, and once it is scored the cutoff drops and the others are
        // cut after a few bases. The order does not change the result (see Alignment.offer).
        int center = hint >= firstStart && hint <= lastStart ? hint : firstStart;
        boolean longs = firstOff + lastStart + Long.BYTES <= first.length
                && secondOff + Long.BYTES <= second.length;
        // The second read's first eight bases are the same for every start.
        long y = longs ? (long) LONGS.get(second, secondOff) : 0;
        long yCounted = zeroBytes(y ^ N_BYTES);
        for (int d = 0, left = lastStart - firstStart + 1; left > 0; d++) {
            int start = (d & 1) == 0 ? center - (d >>> 1) : center + ((d + 1) >>> 1);
            if (start < firstStart || start > lastStart) {
                continue;
            }
            left--;
            int length = firstLen - start;
            int limit = best.mismatchLimit(Math.min(length, maxOverlap));
            int a = firstOff + start;
            if (longs && length >= Long.BYTES) {
                // Most starts are decided by their first bases: eight of them at once in a long.
                long x = (long) LONGS.get(first, a);
                long counted = zeroBytes(x ^ y) | zeroBytes(x ^ N_BYTES) | yCounted;
                if (Long.BYTES - Long.bitCount(counted) > limit) {
                    continue;
                }
            }
            score(first, firstQual, a, length, second, secondQual, secondOff, limit, start, minOverlap, maxOverlap,
                    orientation, best);
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
