package io.github.flashj.kernel;

import io.github.flashj.swar.Swar;

/**
 * The search both kernels share; they differ only in how they score one start ({@link #score}).
 *
 * <p>A first pass counts each start's mismatches among its first eight bases, eight at once in a
 * long (plain Java, fast from the first pair on). The start with the fewest is scored first: it
 * is usually the overlap, and once it is scored the cutoff is so low that nearly every other start
 * is cut by its first-eight count alone. Each start's score is exact whatever the order, and
 * {@link Alignment#offer} breaks ties by the earlier start, so the order does not change the result.
 */
abstract class PrefixFilteredKernel implements MergeKernel {
    static final byte N = 'N';
    static final long N_BYTES = 0x4E4E4E4E4E4E4E4EL;
    /** The first-pass count of a start shorter than eight bases: never cut by it. */
    static final int UNKNOWN = Long.BYTES + 1;
    private static final long UNKNOWNS = UNKNOWN * Swar.ONES;

    /**
     * Scores the start whose overlap begins at {@code first[a]}, {@code length} positions long,
     * cutting it as soon as it has more than {@code limit} mismatches (exact: the density can only
     * be higher), and offers it to {@code best} otherwise.
     */
    abstract void score(byte[] first, byte[] firstQual, int a, int length, byte[] second, byte[] secondQual, int b,
            int limit, int start, int minOverlap, int maxOverlap, byte orientation, Alignment best);

    @Override
    public final void search(byte[] first, byte[] firstQual, int firstOff, int firstLen, byte[] second,
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
        // First pass: the mismatches among each start's first eight bases.
        byte[] prefixMismatches = best.prefixScratch(lastStart + 1 + Long.BYTES);
        int center = countPrefixMismatches(first, firstOff, firstLen, firstStart, lastStart, second, secondOff,
                prefixMismatches);
        // The start whose first bases match best is scored first: it is usually the overlap, and
        // once it is scored the cutoff drops so that the others are cut by their first eight
        // bases alone. The order does not change the result (see Alignment.offer).
        int length = firstLen - center;
        score(first, firstQual, firstOff + center, length, second, secondQual, secondOff,
                best.mismatchLimit(Math.min(length, maxOverlap)), center, minOverlap, maxOverlap, orientation, best);
        // The most mismatches any start may have: the longest scored length is the first start's,
        // and the limit grows with the length. A start whose first eight bases alone have more is
        // cut without looking at it, eight starts at a time; the others get the exact test.
        int allowed = best.mismatchLimit(Math.min(firstLen - firstStart, maxOverlap));
        long over = allowed < Long.BYTES ? (allowed + 1) * Swar.ONES : 0;
        for (int word = firstStart; word <= lastStart; word += Long.BYTES) {
            long candidates = Swar.HIGH_BITS;
            if (over != 0) {
                long counts = (long) Swar.LONGS.get(prefixMismatches, word);
                // (count | 0x80) - (allowed + 1) keeps a byte's high bit exactly when count > allowed.
                candidates = (~((counts | Swar.HIGH_BITS) - over) | Swar.zeroBytes(counts ^ UNKNOWNS)) & Swar.HIGH_BITS;
            }
            int inWord = lastStart + 1 - word;
            if (inWord < Long.BYTES) {
                candidates &= (1L << (inWord * Byte.SIZE)) - 1;
            }
            for (; candidates != 0; candidates &= candidates - 1) {
                int start = word + (Long.numberOfTrailingZeros(candidates) >>> 3);
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
    }

    /**
     * Counts, for each start from {@code from} to {@code to}, the mismatches among its first eight
     * positions into {@code counts[start]} ({@code UNKNOWN} for a start with fewer than eight
     * positions left in {@code first}), and returns the earliest start with the fewest. Positions
     * where either base is N are not mismatches. This twin works eight bases at a time in a long;
     * the caller guarantees eight readable bytes past {@code to} and at {@code second[secondOff]}.
     */
    int countPrefixMismatches(byte[] first, int firstOff, int firstLen, int from, int to, byte[] second,
            int secondOff, byte[] counts) {
        long y = (long) Swar.LONGS.get(second, secondOff);
        long yCounted = Swar.zeroBytes(y ^ N_BYTES);
        int center = from;
        int fewest = UNKNOWN;
        for (int start = from; start <= to; start++) {
            int mismatches = UNKNOWN;
            if (firstLen - start >= Long.BYTES) {
                long x = (long) Swar.LONGS.get(first, firstOff + start);
                mismatches = Long.BYTES - Long.bitCount(Swar.zeroBytes(x ^ y) | Swar.zeroBytes(x ^ N_BYTES) | yCounted);
            }
            counts[start] = (byte) mismatches;
            if (mismatches < fewest) {
                fewest = mismatches;
                center = start;
            }
        }
        return center;
    }

    /**
     * Finishes scoring a start whose positions before {@code k} a kernel has counted in bulk
     * ({@code mismatches}, {@code nCount}): counts the rest eight at a time in a long, the last
     * few in one more long where both arrays have room for it (one at a time where not), cutting
     * the start once it has more than {@code limit} mismatches, and offers it when long enough.
     */
    static void finishScore(byte[] first, byte[] firstQual, int a, int length, byte[] second, byte[] secondQual,
            int b, int k, int mismatches, int nCount, int limit, int start, int minOverlap, int maxOverlap,
            byte orientation, Alignment best) {
        for (; k + Long.BYTES <= length; k += Long.BYTES) {
            long x = (long) Swar.LONGS.get(first, a + k);
            long y = (long) Swar.LONGS.get(second, b + k);
            long n = Swar.zeroBytes(x ^ N_BYTES) | Swar.zeroBytes(y ^ N_BYTES);
            // Positions that are neither equal nor N are the mismatches.
            mismatches += Long.BYTES - Long.bitCount(Swar.zeroBytes(x ^ y) | n);
            nCount += Long.bitCount(n);
            if (mismatches > limit) {
                return;
            }
        }
        int rest = length - k;
        if (rest > 0 && a + k + Long.BYTES <= first.length && b + k + Long.BYTES <= second.length) {
            // The bytes after the start's end are loaded too and masked off.
            long inStart = Swar.HIGH_BITS & ((1L << (rest * Byte.SIZE)) - 1);
            long x = (long) Swar.LONGS.get(first, a + k);
            long y = (long) Swar.LONGS.get(second, b + k);
            long n = (Swar.zeroBytes(x ^ N_BYTES) | Swar.zeroBytes(y ^ N_BYTES)) & inStart;
            mismatches += rest - Long.bitCount(Swar.zeroBytes(x ^ y) & inStart | n);
            nCount += Long.bitCount(n);
            if (mismatches > limit) {
                return;
            }
            k = length;
        }
        for (; k < length; k++) {
            byte x = first[a + k];
            byte y = second[b + k];
            if (x == N || y == N) {
                nCount++;
            } else if (x != y && ++mismatches > limit) {
                return;
            }
        }
        int effective = length - nCount;
        if (effective >= minOverlap) {
            best.offer(start, orientation, mismatches,
                    qualitySum(first, firstQual, a, second, secondQual, b, length, mismatches), effective, maxOverlap);
        } else {
            best.shortOfPositionsWithoutN = true;
        }
    }

    /**
     * The sum of the lower quality at each of a start's {@code mismatches} mismatches. Only starts
     * that get offered need it, so the scoring loops count first and sum here, stopping at the last
     * mismatch.
     */
    static int qualitySum(byte[] first, byte[] firstQual, int a, byte[] second, byte[] secondQual, int b,
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
