package io.github.flashj.kernel;

/**
 * The search of {@link PrefixFilteredKernel} in plain Java, for every JVM: each remaining start is
 * scored eight positions at a time in a long.
 */
final class ScalarMergeKernel extends PrefixFilteredKernel {
    static final ScalarMergeKernel INSTANCE = new ScalarMergeKernel();

    private ScalarMergeKernel() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    /** Scores one start eight positions at a time, then the last few one at a time. */
    @Override
    void score(byte[] first, byte[] firstQual, int a, int length, byte[] second, byte[] secondQual, int b, int limit,
            int start, int minOverlap, int maxOverlap, byte orientation, Alignment best) {
        int mismatches = 0;
        int nCount = 0;
        int k = 0;
        for (; k + Long.BYTES <= length; k += Long.BYTES) {
            long x = (long) LONGS.get(first, a + k);
            long y = (long) LONGS.get(second, b + k);
            long n = zeroBytes(x ^ N_BYTES) | zeroBytes(y ^ N_BYTES);
            // Positions that are neither equal nor N are the mismatches.
            mismatches += Long.BYTES - Long.bitCount(zeroBytes(x ^ y) | n);
            nCount += Long.bitCount(n);
            if (mismatches > limit) {
                return;
            }
        }
        finishScore(first, firstQual, a, length, second, secondQual, b, k, mismatches, nCount, limit, start,
                minOverlap, maxOverlap, orientation, best);
    }
}
