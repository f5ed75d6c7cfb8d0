package io.github.flashj.kernel;

/** The overlap search one position at a time: the reference the vector kernel is tested against. */
final class ScalarMergeKernel implements MergeKernel {
    static final ScalarMergeKernel INSTANCE = new ScalarMergeKernel();

    private ScalarMergeKernel() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void search(byte[] first, byte[] firstQual, int firstOff, int firstLen, byte[] second,
            byte[] secondQual, int secondOff, int secondLen, int minOverlap, int maxOverlap, byte orientation,
            Alignment best) {
        int firstStart = Math.max(0, firstLen - secondLen);
        int lastStart = firstLen - minOverlap;
        starts:
        for (int start = firstStart; start <= lastStart; start++) {
            int length = firstLen - start;
            // The density is at least mm / min(length, max) (float division is monotone), so once
            // that exceeds the cutoff the start cannot change the outcome: the cut is exact.
            int limit = best.mismatchLimit(Math.min(length, maxOverlap));
            int a = firstOff + start;
            int b = secondOff;
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
                        continue starts;
                    }
                }
            }
            if (effective >= minOverlap) {
                best.offer(start, orientation, mismatches, qualitySum, effective, maxOverlap);
            }
        }
    }
}
