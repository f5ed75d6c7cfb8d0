package io.github.flashj.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.flashj.batch.MergeOutcome;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The integer mismatch limit that replaces the kernels' float division is exact. */
class AlignmentTest {
    /** For every length and count: {@code (float) m / len > cutoff} exactly when {@code m > limit}. */
    private static void assertLimitExact(Alignment a, float cutoff, int maxLength) {
        for (int len = 1; len <= maxLength; len++) {
            int limit = a.mismatchLimit(len);
            for (int m = 0; m <= len; m++) {
                boolean cut = (float) m / len > cutoff;
                assertEquals(cut, m > limit, "cutoff " + cutoff + ", length " + len + ", mismatches " + m);
            }
        }
    }

    @Test
    void mismatchLimit_matchesFloatDivision_atTheBar() {
        Alignment a = new Alignment();
        for (float max : new float[] {0f, 0.25f, 0.1f, 0.05f, 1f, 0.3333333f, 1e-7f}) {
            a.reset(max);
            assertLimitExact(a, max, 600);
        }
    }

    @Test
    void mismatchLimit_matchesFloatDivision_afterOffers() {
        Random rnd = new Random(5);
        Alignment a = new Alignment();
        for (int t = 0; t < 120; t++) {
            a.reset(1f);
            int len = 1 + rnd.nextInt(500);
            int mm = rnd.nextInt(len + 1);
            // The cutoff becomes exactly a float quotient m / len: the ties the midpoint rule handles.
            a.offer(0, MergeOutcome.INNIE, mm, 0, len, 1000);
            assertLimitExact(a, (float) mm / len, 520);
        }
    }

    @Test
    void mismatchLimit_nanCutoffNeverCuts() {
        Alignment a = new Alignment();
        a.reset(Float.NaN);
        assertEquals(Integer.MAX_VALUE, a.mismatchLimit(150));
    }
}
