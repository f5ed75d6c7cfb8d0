package io.github.flashj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.MergeParameters.TieBreak;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class MergeParametersTest {
    static void assertInvalid(String parameter, Executable build) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, build);
        assertEquals(parameter, e.parameter());
        assertTrue(e.getMessage().contains(parameter), e.getMessage());
    }

    static MergeParameters.Builder b() {
        return MergeParameters.builder();
    }

    // ---- defaults ----

    @Test
    void defaults_minOverlapIs10() {
        assertEquals(10, MergeParameters.DEFAULTS.minOverlap());
    }

    @Test
    void defaults_maxOverlapIs65() {
        assertEquals(65, MergeParameters.DEFAULTS.maxOverlap());
    }

    @Test
    void defaults_maxMismatchDensityIs025() {
        assertEquals(0.25f, MergeParameters.DEFAULTS.maxMismatchDensity());
    }

    @Test
    void defaults_phredOffsetIs33() {
        assertEquals(33, MergeParameters.DEFAULTS.phredOffset());
    }

    @Test
    void defaults_flagsAreOff() {
        MergeParameters p = MergeParameters.DEFAULTS;
        assertFalse(p.allowOuties());
        assertFalse(p.capMismatchQuals());
        assertFalse(p.lowercaseOverhang());
    }

    @Test
    void defaults_tieRuleIsFlash1211WithNoThreshold() {
        assertEquals(TieBreak.FLASH_1_2_11, MergeParameters.DEFAULTS.tieBreak());
        assertEquals(0, MergeParameters.DEFAULTS.qualityTieThreshold());
    }

    @Test
    void builderDefaults_equalDefaults() {
        assertEquals(MergeParameters.DEFAULTS.toString(), b().build().toString());
    }

    // ---- max overlap from -r -f -s ----

    @Test
    void maxOverlap_isComputedFromReadAndFragmentLengths() {
        // (int) (2 * 150 - 200 + 2.5 * 20) = 150
        assertEquals(150, b().readLength(150).fragmentLength(200).fragmentStddev(20).build().maxOverlap());
    }

    @Test
    void maxOverlap_computedValueIsTruncated() {
        // 200 - 180 + 2.5 * 18.3 = 65.75 -> 65; 200 - 180 + 2.5 * 17.9 = 64.75 -> 64
        assertEquals(65, b().fragmentStddev(18.3).build().maxOverlap());
        assertEquals(64, b().fragmentStddev(17.9).build().maxOverlap());
    }

    @Test
    void maxOverlap_computedWithDefaultsOfTheOthers() {
        // r = 250: 500 - 180 + 45 = 365
        assertEquals(365, b().readLength(250).build().maxOverlap());
        // f = 100: 200 - 100 + 45 = 145
        assertEquals(145, b().fragmentLength(100).build().maxOverlap());
        // s = 1: 200 - 180 + 2.5 = 22.5 -> 22
        assertEquals(22, b().fragmentStddev(1).build().maxOverlap());
    }

    @Test
    void maxOverlap_givenOverridesReadAndFragmentLengths() {
        assertEquals(77, b().readLength(250).fragmentLength(300).fragmentStddev(30).maxOverlap(77).build()
                .maxOverlap());
    }

    @Test
    void maxOverlap_computedBelowOne_isRejected() {
        // 100 - 300 + 25 < 1
        assertInvalid("maxOverlap", () -> b().readLength(50).fragmentLength(300).fragmentStddev(10).build());
    }

    @Test
    void maxOverlap_computedBelowMinOverlap_isRejected() {
        // 200 - 180 + 2.5 = 22 < 30
        assertInvalid("maxOverlap", () -> b().fragmentStddev(1).minOverlap(30).build());
    }

    // ---- each bad value ----

    @Test
    void minOverlap_zero_isRejected() {
        assertInvalid("minOverlap", () -> b().minOverlap(0).build());
    }

    @Test
    void minOverlap_negative_isRejected() {
        assertInvalid("minOverlap", () -> b().minOverlap(-1).build());
    }

    @Test
    void minOverlap_one_isAccepted() {
        assertEquals(1, b().minOverlap(1).build().minOverlap());
    }

    @Test
    void maxOverlap_zero_isRejected() {
        assertInvalid("maxOverlap", () -> b().maxOverlap(0).build());
    }

    @Test
    void maxOverlap_negative_isRejected() {
        assertInvalid("maxOverlap", () -> b().maxOverlap(-5).build());
        assertInvalid("maxOverlap", () -> b().maxOverlap(-1).build());
    }

    @Test
    void maxOverlap_belowMinOverlap_isRejected() {
        assertInvalid("maxOverlap", () -> b().minOverlap(20).maxOverlap(19).build());
    }

    @Test
    void maxOverlap_equalToMinOverlap_isAccepted() {
        MergeParameters p = b().minOverlap(20).maxOverlap(20).build();
        assertEquals(20, p.minOverlap());
        assertEquals(20, p.maxOverlap());
    }

    @Test
    void readLength_zero_isRejected() {
        assertInvalid("readLength", () -> b().readLength(0).build());
    }

    @Test
    void fragmentLength_zero_isRejected() {
        assertInvalid("fragmentLength", () -> b().fragmentLength(0).build());
    }

    @Test
    void fragmentStddev_zero_isRejected() {
        assertInvalid("fragmentStddev", () -> b().fragmentStddev(0).build());
    }

    @Test
    void fragmentStddev_negative_isRejected() {
        assertInvalid("fragmentStddev", () -> b().fragmentStddev(-1).build());
    }

    @Test
    void maxMismatchDensity_negative_isRejected() {
        assertInvalid("maxMismatchDensity", () -> b().maxMismatchDensity(-0.01f).build());
    }

    @Test
    void maxMismatchDensity_aboveOne_isRejected() {
        assertInvalid("maxMismatchDensity", () -> b().maxMismatchDensity(1.01f).build());
        assertInvalid("maxMismatchDensity", () -> b().maxMismatchDensity(Float.POSITIVE_INFINITY).build());
    }

    @Test
    void maxMismatchDensity_boundsAreAccepted() {
        assertEquals(0f, b().maxMismatchDensity(0f).build().maxMismatchDensity());
        assertEquals(1f, b().maxMismatchDensity(1f).build().maxMismatchDensity());
    }

    @Test
    void maxMismatchDensity_nan_isRejected() {
        assertInvalid("maxMismatchDensity", () -> b().maxMismatchDensity(Float.NaN).build());
        assertInvalid("maxMismatchDensity", () -> b().maxMismatchDensityNaN().maxMismatchDensity(0f / 0f).build());
    }

    @Test
    void maxMismatchDensityNaN_isAcceptedAndMergesNothing() {
        // As FLASH's -x nan: no density compares at or below NaN.
        MergeParameters p = b().maxMismatchDensityNaN().minOverlap(12).build();
        assertTrue(Float.isNaN(p.toBuilder().build().maxMismatchDensity()));
        String s = ReadMergerTest.S;
        MergeResult r = ReadMerger.create(p).merge(Pairs.pair(s, "5".repeat(12), s, "5".repeat(12)));
        assertFalse(r.isCombined());
    }

    @Test
    void phredOffset_negative_isRejected() {
        assertInvalid("phredOffset", () -> b().phredOffset(-1).build());
    }

    @Test
    void phredOffset_above127_isRejected() {
        assertInvalid("phredOffset", () -> b().phredOffset(128).build());
    }

    @Test
    void phredOffset_bounds_areAccepted() {
        assertEquals(0, b().phredOffset(0).build().phredOffset());
        assertEquals(127, b().phredOffset(127).build().phredOffset());
    }

    @Test
    void tieBreak_null_isRejected() {
        assertInvalid("tieBreak", () -> b().tieBreak(null).build());
    }

    @Test
    void qualityTieThreshold_negative_isRejected() {
        assertInvalid("qualityTieThreshold", () -> b().tieBreak(TieBreak.READ1).qualityTieThreshold(-1).build());
    }

    @Test
    void qualityTieThreshold_withFlashRule_isRejected() {
        assertInvalid("qualityTieThreshold", () -> b().qualityTieThreshold(3).build());
    }

    @Test
    void qualityTieThreshold_withForkRules_isAccepted() {
        for (TieBreak rule : new TieBreak[] {TieBreak.READ1, TieBreak.EARLIEST, TieBreak.AMBIGUOUS}) {
            MergeParameters p = b().tieBreak(rule).qualityTieThreshold(5).build();
            assertSame(rule, p.tieBreak());
            assertEquals(5, p.qualityTieThreshold());
        }
    }

    // ---- toBuilder ----

    @Test
    void toBuilder_keepsEveryValue() {
        MergeParameters p = b().minOverlap(7).maxOverlap(99).maxMismatchDensity(0.1f).allowOuties(true)
                .phredOffset(64).capMismatchQuals(true).lowercaseOverhang(true).tieBreak(TieBreak.EARLIEST)
                .qualityTieThreshold(2).build();
        MergeParameters q = p.toBuilder().build();
        assertEquals(p.toString(), q.toString());
        assertEquals(7, q.minOverlap());
        assertEquals(99, q.maxOverlap());
        assertEquals(0.1f, q.maxMismatchDensity());
        assertTrue(q.allowOuties());
        assertEquals(64, q.phredOffset());
        assertTrue(q.capMismatchQuals());
        assertTrue(q.lowercaseOverhang());
        assertEquals(TieBreak.EARLIEST, q.tieBreak());
        assertEquals(2, q.qualityTieThreshold());
    }

    @Test
    void toBuilder_keepsAComputedMaxOverlap() {
        MergeParameters p = b().readLength(150).fragmentLength(200).fragmentStddev(20).build();
        assertEquals(150, p.toBuilder().readLength(10).build().maxOverlap());
    }

    @Test
    void builder_isNotChangedByBuild() {
        MergeParameters.Builder builder = b().minOverlap(5);
        MergeParameters p1 = builder.build();
        MergeParameters p2 = builder.minOverlap(6).build();
        assertEquals(5, p1.minOverlap());
        assertEquals(6, p2.minOverlap());
    }
}
