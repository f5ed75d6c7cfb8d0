package io.github.flashj.kernel;

/** The search of {@link PrefixFilteredKernel} scoring each remaining start one position at a time. */
final class ScalarMergeKernel extends PrefixFilteredKernel {
    static final ScalarMergeKernel INSTANCE = new ScalarMergeKernel();

    private ScalarMergeKernel() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    /** Scores one start a position at a time. */
    @Override
    void score(byte[] first, byte[] firstQual, int a, int length, byte[] second, byte[] secondQual, int b, int limit,
            int start, int minOverlap, int maxOverlap, byte orientation, Alignment best) {
        int mismatches = 0;
        int qualitySum = 0;
        int effective = length;
        for (int k = 0; k < length; k++) {
            byte x = first[a + k];
            byte y = second[b + k];
            if (x == 'N' || y == 'N') {
                effective--;
            } else if (x != y) {
                qualitySum += Math.min(firstQual[a + k], secondQual[b + k]);
                if (++mismatches > limit) {
                    return;
                }
            }
        }
        if (effective >= minOverlap) {
            best.offer(start, orientation, mismatches, qualitySum, effective, maxOverlap);
        }
    }
}
