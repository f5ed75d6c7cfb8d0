package io.github.flashj.kernel;

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
        boolean hinted = hint >= firstStart && hint <= lastStart;
        if (hinted) {
            score(first, firstQual, firstOff, firstLen, second, secondQual, secondOff, hint, minOverlap, maxOverlap,
                    orientation, best);
        }
        for (int start = firstStart; start <= lastStart; start++) {
            if (!hinted || start != hint) {
                score(first, firstQual, firstOff, firstLen, second, secondQual, secondOff, start, minOverlap,
                        maxOverlap, orientation, best);
            }
        }
    }

    private static void score(byte[] first, byte[] firstQual, int firstOff, int firstLen, byte[] second,
            byte[] secondQual, int secondOff, int start, int minOverlap, int maxOverlap, byte orientation,
            Alignment best) {
        int lanes = SPECIES.length();
        int length = firstLen - start;
        float scoredLengthBound = Math.min(length, maxOverlap);
        int a = firstOff + start;
        int b = secondOff;
        int mismatches = 0;
        int ns = 0;
        int k = 0;
        for (int upper = SPECIES.loopBound(length); k < upper; k += lanes) {
            ByteVector x = ByteVector.fromArray(SPECIES, first, a + k);
            ByteVector y = ByteVector.fromArray(SPECIES, second, b + k);
            VectorMask<Byte> n = x.eq(N).or(y.eq(N));
            // Lanes that are neither equal nor N are the mismatches.
            mismatches += lanes - x.eq(y).or(n).trueCount();
            ns += n.trueCount();
            // Exact cut, as in the scalar kernel: the density can only be higher than this.
            if (mismatches / scoredLengthBound > best.cutoff) {
                return;
            }
        }
        if (k < length && a + k + lanes <= first.length && b + k + lanes <= second.length) {
            // The tail as one more vector, lanes past the overlap masked off: the arrays have room
            // (MergeEngine pads its copies), and this spares a scalar loop on every start.
            VectorMask<Byte> valid = SPECIES.indexInRange(k, length);
            ByteVector x = ByteVector.fromArray(SPECIES, first, a + k);
            ByteVector y = ByteVector.fromArray(SPECIES, second, b + k);
            VectorMask<Byte> n = x.eq(N).or(y.eq(N)).and(valid);
            mismatches += valid.trueCount() - x.eq(y).and(valid).or(n).trueCount();
            ns += n.trueCount();
            k = length;
        }
        for (; k < length; k++) {
            byte x = first[a + k];
            byte y = second[b + k];
            if (x == N || y == N) {
                ns++;
            } else if (x != y) {
                mismatches++;
            }
        }
        if (mismatches / scoredLengthBound > best.cutoff) {
            return;
        }
        int effective = length - ns;
        if (effective < minOverlap) {
            return;
        }
        float density = mismatches / (float) Math.min(effective, maxOverlap);
        if (density <= best.cutoff) {
            best.offer(start, orientation, mismatches, qualitySum(first, firstQual, a, second, secondQual, b, length),
                    effective, maxOverlap);
        }
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
