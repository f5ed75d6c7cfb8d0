package io.github.flashj.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The search of {@link PrefixFilteredKernel} scoring each remaining start with the Vector API: the
 * mismatches and N positions of a whole vector of positions are counted at once. The quality sum
 * is needed only to break density ties, so it is computed, one position at a time, only for starts
 * whose density can still change the outcome (at most {@link Alignment#cutoff}).
 *
 * <p>Loaded reflectively by {@link MergeKernels}; never referenced where the module is absent.
 */
final class VectorMergeKernel extends PrefixFilteredKernel {
    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;
    private static final byte N = 'N';

    VectorMergeKernel() {
        // Fails fast (and MergeKernels falls back to scalar) where the species cannot be used.
        ByteVector.zero(SPECIES);
    }

    @Override
    public String name() {
        return "vector";
    }

    /** Scores one start a vector of positions at a time. */
    @Override
    void score(byte[] first, byte[] firstQual, int a, int length, byte[] second, byte[] secondQual,
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
        best.offer(start, orientation, mismatches,
                qualitySum(first, firstQual, a, second, secondQual, b, length, mismatches), effective, maxOverlap);
    }

    /** The sum of the lower quality at each of the {@code mismatches} mismatches: it stops at the last. */
    private static int qualitySum(byte[] first, byte[] firstQual, int a, byte[] second, byte[] secondQual, int b,
            int length, int mismatches) {
        int sum = 0;
        int left = mismatches;
        for (int k = 0; left > 0 && k < length; k++) {
            byte x = first[a + k];
            byte y = second[b + k];
            if (x != y && x != N && y != N) {
                sum += Math.min(firstQual[a + k], secondQual[b + k]);
                left--;
            }
        }
        return sum;
    }
}
