package io.github.flashj.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The search of {@link PrefixFilteredKernel} with the Vector API. The first pass counts the
 * mismatches of a whole vector of starts at once, one of their eight first positions at a time.
 * Each remaining start is scored a vector of positions at a time. The quality sum
 * is needed only to break density ties, so it is computed, one position at a time, only for starts
 * whose density can still change the outcome (at most {@link Alignment#cutoff}).
 *
 * <p>Loaded reflectively by {@link MergeKernels}; never referenced where the module is absent.
 */
final class VectorMergeKernel extends PrefixFilteredKernel {
    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;
    private static final byte ONE = 1;

    VectorMergeKernel() {
        // Fails fast (and MergeKernels falls back to scalar) where the species cannot be used.
        ByteVector.zero(SPECIES);
    }

    @Override
    public String name() {
        return "vector";
    }

    /**
     * Counts a vector of consecutive starts at once: lane {@code i} of the load at offset
     * {@code j} holds position {@code j} of start {@code block + i}, so eight loads, each checked
     * against one base of {@code second}, count eight positions for every lane. Starts that the
     * vector loads cannot cover (too few positions left, or too near the array's end) go to the
     * eight-at-a-time twin.
     */
    @Override
    int countPrefixMismatches(byte[] first, int firstOff, int firstLen, int from, int to, byte[] second,
            int secondOff, byte[] counts) {
        int lanes = SPECIES.length();
        // The last start a vector may hold: its eight positions lie inside the read and the array.
        int lastInVector = Math.min(to, Math.min(firstLen, first.length - firstOff) - Long.BYTES);
        int center = -1;
        int fewest = UNKNOWN;
        int block = from;
        for (; block + lanes - 1 <= lastInVector; block += lanes) {
            ByteVector mismatches = ByteVector.zero(SPECIES);
            for (int j = 0; j < Long.BYTES; j++) {
                byte y = second[secondOff + j];
                if (y == N) {
                    continue;
                }
                ByteVector x = ByteVector.fromArray(SPECIES, first, firstOff + block + j);
                // Bases are ASCII, so each XOR is 0 to 127 and its minimum with 1 is 1 exactly
                // where the bytes differ: a mismatch where the base differs and is not N.
                mismatches = mismatches.add(x.lanewise(VectorOperators.XOR, y).min(ONE)
                        .and(x.lanewise(VectorOperators.XOR, N).min(ONE)));
            }
            mismatches.intoArray(counts, block);
            int blockFewest = mismatches.reduceLanes(VectorOperators.MIN);
            if (blockFewest < fewest) {
                fewest = blockFewest;
                center = block;
                while (counts[center] != blockFewest) {
                    center++;
                }
            }
        }
        if (block > to) {
            return center;
        }
        int rest = super.countPrefixMismatches(first, firstOff, firstLen, block, to, second, secondOff, counts);
        // An earlier start wins a tie, as in the twin.
        return center >= 0 && counts[center] <= counts[rest] ? center : rest;
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
        finishScore(first, firstQual, a, length, second, secondQual, b, k, mismatches, nCount, limit, start,
                minOverlap, maxOverlap, orientation, best);
    }
}
