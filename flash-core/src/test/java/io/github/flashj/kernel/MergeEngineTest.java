package io.github.flashj.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.flashj.MergeParameters;
import io.github.flashj.batch.MergeOutcome;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The scores the engine reports, worked out by hand, for each kernel. */
class MergeEngineTest {
    static List<MergeKernel> kernels() {
        return List.of(MergeKernels.scalar(), MergeKernels.vector());
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] q(int length, int value) {
        byte[] q = new byte[length];
        Arrays.fill(q, (byte) value);
        return q;
    }

    /** Reverse complement, so that tests can give read 2 as it lines up under read 1. */
    static byte[] rc(String s) {
        return KernelIdentityTest.rc(b(s));
    }

    static byte align(MergeEngine e, String r1, byte[] q1, String bAligned, byte[] qbAligned) {
        byte[] r2 = rc(bAligned);
        byte[] q2 = KernelIdentityTest.reverse(qbAligned);
        return e.align(b(r1), q1, 0, r1.length(), r2, q2, 0, r2.length);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void density_isMismatchesOverEffectiveLength(MergeKernel kernel) {
        // One mismatch (pos 3, qualities 20 and 30) and one N over 12 positions, min overlap 11:
        // only start 0 counts (start 1 also meets the N); e = 11.
        MergeParameters p = MergeParameters.builder().minOverlap(11).build();
        MergeEngine e = new MergeEngine(kernel, p);
        byte o = align(e, "ACGTTGCATGCA", q(12, 20), "ACGGTGCATNCA", q(12, 30));
        assertEquals(MergeOutcome.INNIE, o);
        assertEquals(0, e.alignment().start());
        assertEquals(1 / (float) 11, e.alignment().density());
        assertEquals(20 / (float) 11, e.alignment().qualityScore());
        assertEquals(12, e.overlapLength());
        assertEquals(12, e.mergedLength());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void density_isOverMaxOverlapWhenTheOverlapIsLonger(MergeKernel kernel) {
        // b all A, a = A^17 CCC, M = 10, x = 0.3: starts 0..10 tie at 3/10; start 0 wins.
        MergeParameters p = MergeParameters.builder().minOverlap(10).maxOverlap(10).maxMismatchDensity(0.3f).build();
        MergeEngine e = new MergeEngine(kernel, p);
        byte o = align(e, "A".repeat(17) + "CCC", q(20, 40), "A".repeat(20), q(20, 10));
        assertEquals(MergeOutcome.INNIE, o);
        assertEquals(0, e.alignment().start());
        assertEquals(3 / (float) 10, e.alignment().density());
        assertEquals(30 / (float) 10, e.alignment().qualityScore());
        assertEquals(20, e.overlapLength());
        assertEquals(20, e.mergedLength());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void overlapAndMergedLength_ofAnOffsetOverlap(MergeKernel kernel) {
        MergeEngine e = new MergeEngine(kernel, MergeParameters.DEFAULTS);
        byte o = align(e, "CCCCACGTTGCATGCA", q(16, 30), "ACGTTGCATGCAGGGGTT", q(18, 30));
        assertEquals(MergeOutcome.INNIE, o);
        assertEquals(4, e.alignment().start());
        assertEquals(0f, e.alignment().density());
        assertEquals(12, e.overlapLength());
        assertEquals(22, e.mergedLength());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void outie_reportsItsStartInReadTwo(MergeKernel kernel) {
        // b = ACAC G ACACAC... see ReadMergerTest: the outie starts at 2 in b.
        MergeParameters p = MergeParameters.builder().minOverlap(10).allowOuties(true).build();
        MergeEngine e = new MergeEngine(kernel, p);
        byte[] qa = q(10, 20);
        qa[5] = 30;
        byte[] qb = q(12, 10);
        qb[5] = 40;
        byte o = align(e, "ACACACACAC", qa, "ACACAGACACAC", qb);
        assertEquals(MergeOutcome.OUTIE, o);
        assertEquals(MergeOutcome.OUTIE, e.alignment().orientation());
        assertEquals(2, e.alignment().start());
        assertEquals(1 / (float) 10, e.alignment().density());
        assertEquals(20 / (float) 10, e.alignment().qualityScore());
        assertEquals(10, e.overlapLength());
        assertEquals(12, e.mergedLength());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void noStartLongEnough_isNotCombined(MergeKernel kernel) {
        MergeEngine e = new MergeEngine(kernel, MergeParameters.DEFAULTS);
        assertEquals(0, align(e, "ACGTACGTA", q(9, 30), "ACGTACGTA", q(9, 30)));
        assertEquals(-1, e.alignment().start());
        assertEquals(0, e.alignment().orientation());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void reset_setsTheBarAtMaxMismatchDensityPlusOne(MergeKernel kernel) {
        Alignment a = new Alignment();
        a.reset(0.25f);
        assertEquals(1.25f, a.density());
        assertEquals(0f, a.qualityScore());
        assertEquals(-1, a.start());
        assertEquals(0, a.orientation());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void search_atMaxMismatchDensityOne_takesAnAllMismatchStart(MergeKernel kernel) {
        // Every position mismatches: density 1 <= 1, quality score 5.
        Alignment a = new Alignment();
        a.reset(1f);
        byte[] x = b("AAAAAAAAAAAA");
        byte[] y = b("CCCCCCCCCCCC");
        kernel.search(x, q(12, 5), 0, 12, y, q(12, 5), 0, 12, 12, 65, MergeOutcome.INNIE, a);
        assertEquals(0, a.start());
        assertEquals(1f, a.density());
        assertEquals(5f, a.qualityScore());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void search_carriesTheBestOfAnEarlierSearch(MergeKernel kernel) {
        // A second search with an equal score keeps the first one's start and orientation.
        Alignment a = new Alignment();
        a.reset(0.25f);
        byte[] x = b("ACGTTGCATGCA");
        kernel.search(x, q(12, 5), 0, 12, x, q(12, 5), 0, 12, 12, 65, MergeOutcome.INNIE, a);
        kernel.search(x, q(12, 5), 0, 12, x, q(12, 5), 0, 12, 12, 65, MergeOutcome.OUTIE, a);
        assertEquals(MergeOutcome.INNIE, a.orientation());
        assertEquals(0f, a.density());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void search_readsOnlyItsSlices(MergeKernel kernel) {
        // The reads sit inside larger arrays; the bytes around them must not count.
        Alignment a = new Alignment();
        a.reset(1f);
        byte[] x = b("TTTTACGTTGCATGCAGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGG");
        byte[] y = b("CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCACGTTGCATGCANNNNNNNN");
        kernel.search(x, q(x.length, 5), 4, 12, y, q(y.length, 5), 36, 12, 12, 65, MergeOutcome.INNIE, a);
        assertEquals(0, a.start());
        assertEquals(0f, a.density());
    }

    /** Every pair of signed bytes, in every one of the eight lanes, beside other lanes' values. */
    @Test
    void signedMax_isTheGreaterSignedByteInEveryLane() {
        for (int x = Byte.MIN_VALUE; x <= Byte.MAX_VALUE; x++) {
            for (int y = Byte.MIN_VALUE; y <= Byte.MAX_VALUE; y++) {
                for (int lane = 0; lane < Long.BYTES; lane++) {
                    int shift = lane * Byte.SIZE;
                    // The other lanes hold values that differ from lane to lane and from x to y.
                    long otherX = 0x7F80017E02FD03FCL & ~(0xFFL << shift);
                    long otherY = 0x807F7E01FD02FC03L & ~(0xFFL << shift);
                    long max = MergeEngine.signedMax(otherX | (x & 0xFFL) << shift, otherY | (y & 0xFFL) << shift);
                    assertEquals((byte) Math.max(x, y), (byte) (max >>> shift), "lane " + lane + ": " + x + ", " + y);
                    for (int other = 0; other < Long.BYTES; other++) {
                        if (other != lane) {
                            int o = other * Byte.SIZE;
                            assertEquals((byte) Math.max((byte) (otherX >>> o), (byte) (otherY >>> o)),
                                    (byte) (max >>> o));
                        }
                    }
                }
            }
        }
    }
}
