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
     * against one base of {@code second}, count eight positions for every lane. The last block
     * ends at the last start and overlaps the one before it, which counts some starts twice, alike.
     * Where the starts do not fill a vector (or lie too near the array's end) the eight-at-a-time
     * twin counts them.
     */
    @Override
    int countPrefixMismatches(byte[] first, int firstOff, int firstLen, int from, int to, byte[] second,
            int secondOff, byte[] counts) {
        int lanes = SPECIES.length();
        // The last start a vector may hold: its eight positions lie inside the read and the array.
        int lastInVector = Math.min(to, Math.min(firstLen, first.length - firstOff) - Long.BYTES);
        int lastBlock = lastInVector - lanes + 1;
        if (lastBlock < from) {
            return super.countPrefixMismatches(first, firstOff, firstLen, from, to, second, secondOff, counts);
        }
        int fewest = UNKNOWN;
        for (int block = from; block < lastBlock; block += lanes) {
            fewest = Math.min(fewest, countBlock(first, firstOff + block, second, secondOff, counts, block));
        }
        fewest = Math.min(fewest, countBlock(first, firstOff + lastBlock, second, secondOff, counts, lastBlock));
        int last = lastInVector;
        if (lastInVector < to) {
            last = super.countPrefixMismatches(first, firstOff, firstLen, lastInVector + 1, to, second, secondOff,
                    counts);
        }
        // The earliest start with the fewest, as in the twin.
        fewest = Math.min(fewest, counts[last]);
        int center = from;
        while (counts[center] != fewest) {
            center++;
        }
        return center;
    }

    /** Counts the starts of one vector into {@code counts[block...]} and returns the fewest of them. */
    private static int countBlock(byte[] first, int at, byte[] second, int secondOff, byte[] counts, int block) {
        ByteVector mismatches = ByteVector.zero(SPECIES);
        for (int j = 0; j < Long.BYTES; j++) {
            byte y = second[secondOff + j];
            if (y == N) {
                continue;
            }
            ByteVector x = ByteVector.fromArray(SPECIES, first, at + j);
            // Bases are ASCII, so each XOR is 0 to 127 and its minimum with 1 is 1 exactly
            // where the bytes differ: a mismatch where the base differs and is not N.
            mismatches = mismatches.add(x.lanewise(VectorOperators.XOR, y).min(ONE)
                    .and(x.lanewise(VectorOperators.XOR, N).min(ONE)));
        }
        mismatches.intoArray(counts, block);
        return mismatches.reduceLanes(VectorOperators.MIN);
    }

    /** Scores one start a vector of positions at a time, the rest as the twin does ({@link #finishScore}). */
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
