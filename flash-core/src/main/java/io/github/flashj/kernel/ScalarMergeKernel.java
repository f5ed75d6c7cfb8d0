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

    /** Scores one start eight positions at a time. */
    @Override
    void score(byte[] first, byte[] firstQual, int a, int length, byte[] second, byte[] secondQual, int b, int limit,
            int start, int minOverlap, int maxOverlap, byte orientation, Alignment best) {
        finishScore(first, firstQual, a, length, second, secondQual, b, 0, 0, 0, limit, start, minOverlap, maxOverlap,
                orientation, best);
    }
}
