package io.github.flashj;

import static io.github.flashj.Pairs.pair;
import static io.github.flashj.Pairs.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.MergeParameters.TieBreak;
import io.github.flashj.MergeResult.Orientation;
import org.junit.jupiter.api.Test;

/**
 * The merge rules of FLASH-BEHAVIOR.md, one rule per test, on hand-built pairs. Every expected
 * read is worked out by hand from the spec (see the comments), never by running the code.
 *
 * <p>{@code a} is read 1 and {@code b} read 2 reverse-complemented, as in the spec. Quality
 * characters (offset 33): {@code I}=40 {@code H}=39 {@code ?}=30 {@code >}=29 {@code 9}=24
 * {@code 5}=20 {@code 0}=15 {@code +}=10 {@code %}=4 {@code #}=2 {@code "}=1.
 */
class ReadMergerTest {
    /** A 12-base read none of whose shifts against itself comes near a merge. */
    static final String S = "ACGTTGCATGCA";

    /** Both reads 12 long and min overlap 12: start 0 is the only start, the whole read overlaps. */
    static final MergeParameters FULL = MergeParameters.builder().minOverlap(12).build();

    static MergeResult merge(MergeParameters p, String a, String qa, String b, String qb) {
        MergeResult scalar = ReadMerger.create(p, KernelChoice.SCALAR).merge(pair(a, qa, b, qb));
        MergeResult best = ReadMerger.create(p).merge(pair(a, qa, b, qb));
        assertEquals(scalar, best, "scalar and best kernel differ");
        return best;
    }

    static void assertMerged(MergeResult r, Orientation orientation, String seq, String qual, int overlap) {
        assertEquals(orientation, r.orientation(), "orientation");
        assertTrue(r.merged().isPresent(), "merged read");
        assertEquals(seq, r.merged().get().sequence(), "merged sequence");
        assertEquals(qual, r.merged().get().quality(), "merged quality");
        assertEquals(overlap, r.overlapLength(), "overlap length");
    }

    static void assertNotCombined(MergeResult r) {
        assertEquals(Orientation.NOT_COMBINED, r.orientation());
        assertFalse(r.isCombined());
        assertTrue(r.merged().isEmpty());
        assertEquals(0, r.overlapLength());
    }

    static MergeParameters.Builder params() {
        return MergeParameters.builder();
    }

    // ---- exact overlap, consensus of equal bases ----

    @Test
    void exactOverlap_mergesIntoOneRead() {
        // Start 4 lays a[4..15] on b[0..11] with no mismatch (density 0); every other start has
        // density above 0.6. Overhangs copy a (before) and b (after); in the overlap the quality
        // is the higher one, 30.
        MergeResult r = merge(MergeParameters.DEFAULTS, "CCCCACGTTGCATGCA", "0000" + repeat('5', 12),
                "ACGTTGCATGCAGGGG", repeat('?', 12) + "++++");
        assertMerged(r, Orientation.INNIE, "CCCCACGTTGCATGCAGGGG", "0000" + repeat('?', 12) + "++++", 12);
    }

    @Test
    void equalBases_takeTheHigherQuality() {
        MergeResult r = merge(FULL, S, repeat('5', 12), S, repeat('?', 6) + repeat('+', 6));
        assertMerged(r, Orientation.INNIE, S, repeat('?', 6) + repeat('5', 6), 12);
    }

    @Test
    void mergedTag_dropsTheMateSuffix() {
        MergeResult r = ReadMerger.create(FULL).merge(pair("r7", S, repeat('5', 12), S, repeat('5', 12)));
        assertEquals("@r7", r.merged().get().tag());
    }

    @Test
    void mergedTag_keepsBarcodeAfterMateSuffix() {
        MergeResult r = ReadMerger.create(FULL).merge(
                ReadPair.of("@r7/1#ACGT", S, repeat('5', 12), "@r7/2#ACGT", Pairs.reverseComplement(S), repeat('5', 12)));
        assertEquals("@r7#ACGT", r.merged().get().tag());
    }

    @Test
    void mergedTag_getsAnAtSignWhenTheInputHadNone() {
        MergeResult r = ReadMerger.create(FULL).merge(
                ReadPair.of("r7/1", S, repeat('5', 12), "r7/2", Pairs.reverseComplement(S), repeat('5', 12)));
        assertEquals("@r7", r.merged().get().tag());
    }

    // ---- mismatches ----

    @Test
    void mismatch_takesTheBaseOfHigherQuality_firstRead() {
        // pos 3: a T (40) vs b G (10): T, quality 40 - 10 = 30.
        MergeResult r = merge(FULL, S, "555I55555555", "ACGGTGCATGCA", "555+55555555");
        assertMerged(r, Orientation.INNIE, S, "555?55555555", 12);
    }

    @Test
    void mismatch_takesTheBaseOfHigherQuality_secondRead() {
        // pos 3: a T (10) vs b G (40): G, quality 30.
        MergeResult r = merge(FULL, S, "555+55555555", "ACGGTGCATGCA", "555I55555555");
        assertMerged(r, Orientation.INNIE, "ACGGTGCATGCA", "555?55555555", 12);
    }

    @Test
    void mismatchQuality_isAtLeastTwo() {
        // pos 3: a T (30) vs b G (29): T, quality max(1, 2) = 2.
        MergeResult r = merge(FULL, S, "555?55555555", "ACGGTGCATGCA", "555>55555555");
        assertMerged(r, Orientation.INNIE, S, "555#55555555", 12);
    }

    @Test
    void mismatchQuality_isTheAbsoluteDifference_withoutCap() {
        // pos 3: T (40) vs G (10) -> 30; pos 8: T (40) vs C (1) -> 39.
        MergeResult r = merge(FULL, S, "555I5555I555", "ACGGTGCACGCA", "555+5555\"555");
        assertMerged(r, Orientation.INNIE, S, "555?5555H555", 12);
    }

    @Test
    void capMismatchQuals_givesMinOfBothQualitiesAndTwo() {
        // pos 3: min(40, 10, 2) = 2; pos 8: min(40, 1, 2) = 1. The base is still the higher one's.
        MergeParameters p = FULL.toBuilder().capMismatchQuals(true).build();
        MergeResult r = merge(p, S, "555I5555I555", "ACGGTGCACGCA", "555+5555\"555");
        assertMerged(r, Orientation.INNIE, S, "555#5555\"555", 12);
    }

    @Test
    void equalQualityMismatch_takesTheBaseOfTheSecondRead() {
        // pos 3: a T (20) vs b G (20): b's G, quality 2.
        MergeResult r = merge(FULL, S, repeat('5', 12), "ACGGTGCATGCA", repeat('5', 12));
        assertMerged(r, Orientation.INNIE, "ACGGTGCATGCA", "555#55555555", 12);
    }

    // ---- N ----

    @Test
    void equalQualityAgainstN_inSecondRead_takesTheBaseOfTheFirst() {
        // b[5] = N: skipped when scoring (e = 11 >= 11); in the consensus G (20) vs N (20) is a
        // mismatch of equal quality, and the second read's base is N, so G, quality 2. Start 1
        // also sees the N and has e = 10 < 11.
        MergeParameters p = params().minOverlap(11).build();
        MergeResult r = merge(p, S, repeat('5', 12), "ACGTTNCATGCA", repeat('5', 12));
        assertMerged(r, Orientation.INNIE, S, "55555#555555", 12);
    }

    @Test
    void equalQualityAgainstN_inFirstRead_takesTheBaseOfTheSecond() {
        MergeParameters p = params().minOverlap(11).build();
        MergeResult r = merge(p, "ACGTTNCATGCA", repeat('5', 12), S, repeat('5', 12));
        assertMerged(r, Orientation.INNIE, S, "55555#555555", 12);
    }

    @Test
    void nOfHigherQuality_beatsABase() {
        // a[5] = N (30) vs b G (10): unequal, higher quality wins: N, quality 20.
        MergeParameters p = params().minOverlap(11).build();
        MergeResult r = merge(p, "ACGTTNCATGCA", "+++++?++++++", S, repeat('+', 12));
        assertMerged(r, Orientation.INNIE, "ACGTTNCATGCA", "+++++5++++++", 12);
    }

    @Test
    void nPositions_doNotCountTowardsMinOverlap() {
        // One N leaves an effective length of 11 at the only possible overlap.
        assertNotCombined(merge(FULL, "ACGTTNCATGCA", repeat('5', 12), S, repeat('5', 12)));
        assertTrue(merge(params().minOverlap(11).build(), "ACGTTNCATGCA", repeat('5', 12), S, repeat('5', 12))
                .isCombined());
    }

    @Test
    void nPositions_areNotMismatches() {
        // a[0..2] = NNN against ACG: skipped, so start 0 has density 0 even with maxMismatchDensity 0.
        MergeParameters p = params().minOverlap(9).maxMismatchDensity(0f).build();
        MergeResult r = merge(p, "NNNTTGCATGCA", repeat('5', 12), S, repeat('5', 12));
        assertMerged(r, Orientation.INNIE, S, "###555555555", 12);
    }

    // ---- mismatch density ----

    @Test
    void densityAboveMaxMismatchDensity_isNotCombined() {
        // 4 mismatches over 12: 0.333 > 0.25.
        assertNotCombined(merge(FULL, S, repeat('5', 12), "AAGATACCTGCA", repeat('5', 12)));
    }

    @Test
    void densityEqualToMaxMismatchDensity_isCombined() {
        // 3 mismatches over 12: 3/12f == 0.25f; the test is density > max, so it merges.
        MergeResult r = merge(FULL, S, repeat('5', 12), "AAGATACATGCA", repeat('?', 12));
        // Each mismatch: a (20) vs b A (30) -> A, quality 10; matches take 30.
        assertMerged(r, Orientation.INNIE, "AAGATACATGCA", "?+?+?+??????", 12);
    }

    @Test
    void densityAboveALowerMaxMismatchDensity_isNotCombined() {
        MergeParameters p = FULL.toBuilder().maxMismatchDensity(0.2f).build();
        assertNotCombined(merge(p, S, repeat('5', 12), "AAGATACATGCA", repeat('?', 12)));
    }

    // ---- min overlap ----

    static final String A20 = "GGATCCTAGA" + "ACGTTGCATG";
    static final String B20 = "ACGTTGCATG" + "TTCAGGCAAT";

    @Test
    void overlapOfExactlyMinOverlap_merges() {
        // Start 10: a[10..19] == b[0..9]; every other start has density above 0.5.
        MergeResult r = merge(params().minOverlap(10).build(), A20, repeat('5', 20), B20, repeat('?', 20));
        assertMerged(r, Orientation.INNIE, "GGATCCTAGA" + "ACGTTGCATG" + "TTCAGGCAAT",
                repeat('5', 10) + repeat('?', 20), 10);
    }

    @Test
    void overlapOneShorterThanMinOverlap_isNotCombined() {
        assertNotCombined(merge(params().minOverlap(11).maxOverlap(65).build(), A20, repeat('5', 20), B20,
                repeat('?', 20)));
    }

    // ---- max overlap ----

    static final String A_CCC = repeat('A', 17) + "CCC";
    static final String ALL_A = repeat('A', 20);

    @Test
    void maxOverlapAboveOverlap_scoresTheWholeOverlap() {
        // b is all A, a ends in CCC: every start i <= 17 has 3 mismatches over min(20 - i, M).
        // M = 20: start 0 has 3/20 = 0.15, the lowest.
        MergeResult r = merge(params().minOverlap(10).maxOverlap(20).build(), A_CCC, repeat('I', 20), ALL_A,
                repeat('+', 20));
        assertMerged(r, Orientation.INNIE, A_CCC, repeat('I', 17) + "???", 20);
    }

    @Test
    void maxOverlap_capsTheScoredLength() {
        // M = 10: starts 0..10 all score 3/10 = 0.3 > 0.25.
        assertNotCombined(merge(params().minOverlap(10).maxOverlap(10).build(), A_CCC, repeat('I', 20), ALL_A,
                repeat('+', 20)));
    }

    @Test
    void maxOverlap_cappedTiesKeepTheEarliestStart() {
        // M = 10, x = 0.3: starts 0..10 all tie at 0.3 and quality score 3.0; start 0 wins, so the
        // overlap (20) is longer than the max overlap.
        MergeResult r = merge(params().minOverlap(10).maxOverlap(10).maxMismatchDensity(0.3f).build(), A_CCC,
                repeat('I', 20), ALL_A, repeat('+', 20));
        assertMerged(r, Orientation.INNIE, A_CCC, repeat('I', 17) + "???", 20);
    }

    // ---- choosing between starts ----

    // b is all A; a = N C A*10; min overlap 11: only starts 0 and 1, both with one mismatch (the C)
    // over an effective length of 11 (start 0 skips the N). Their quality scores are
    // min(40, qb[1]) / 11 and min(40, qb[0]) / 11.
    static final String NC = "NC" + repeat('A', 10);
    static final String NC_QUAL = "+" + repeat('I', 11);
    static final MergeParameters M11 = MergeParameters.builder().minOverlap(11).build();

    @Test
    void densityTie_laterStartWithLowerQualityScoreWins() {
        // qb[0] = 10, qb[1] = 20: start 1 (10/11) beats start 0 (20/11). Overlap 11, length 13:
        // a[0] N (10), then C (40) vs A (10) -> C 30, A vs A -> 40, then b[11] A (15).
        MergeResult r = merge(M11, NC, NC_QUAL, repeat('A', 12), "+5" + repeat('0', 10));
        assertMerged(r, Orientation.INNIE, "NC" + repeat('A', 11), "+?" + repeat('I', 10) + "0", 11);
    }

    @Test
    void densityTie_earlierStartWithLowerQualityScoreWins() {
        // qb[0] = 20, qb[1] = 10: start 0 (10/11) wins. Overlap 12: N (10) vs A (20) -> A 10,
        // C (40) vs A (10) -> C 30, the rest 40.
        MergeResult r = merge(M11, NC, NC_QUAL, repeat('A', 12), "5+" + repeat('0', 10));
        assertMerged(r, Orientation.INNIE, "AC" + repeat('A', 10), "+?" + repeat('I', 10), 12);
    }

    @Test
    void fullTie_keepsTheEarliestStart() {
        // qb[0] = qb[1] = 10: both 10/11; start 0. N (10) vs A (10): equal qualities, b's A, 2.
        MergeResult r = merge(M11, NC, NC_QUAL, repeat('A', 12), "++" + repeat('0', 10));
        assertMerged(r, Orientation.INNIE, "AC" + repeat('A', 10), "#?" + repeat('I', 10), 12);
    }

    @Test
    void float32DensityTie_isBrokenByQualityScore_notByExactDensity() {
        // n = 4141: (float) n / (n + 1) == (float) (n - 1) / n, though as reals (and doubles) the
        // second is lower. a = G C A C^(n-1), b = A^(n+1), min overlap n: starts 1 and 2 only.
        // Start 1: n mismatches over n + 1, quality sum 10n (b is 10 except b[1] = 40, which
        // faces a's A). Start 2: n - 1 mismatches over n, quality sum 40 + 10(n - 2).
        // In float the densities tie and start 1 has the lower quality score: it wins, overlap
        // n + 1, merged length n + 2 (start 2 would give n + 3). FLASH 1.2.11 agrees.
        int n = 4141;
        assertEquals((float) n / (n + 1), (float) (n - 1) / n, "float densities tie");
        assertNotEquals((double) n / (n + 1), (double) (n - 1) / n, "double densities differ");
        String a = "GCA" + repeat('C', n - 1);
        String b = repeat('A', n + 1);
        String qb = "+I" + repeat('+', n - 1);
        MergeParameters p = params().minOverlap(n).maxOverlap(n + 1).maxMismatchDensity(1f).build();
        MergeResult r = merge(p, a, repeat('I', n + 2), b, qb);
        // Consensus: C (40) vs A (10) -> C 30; a's A vs b[1] A (40) -> A 40.
        assertMerged(r, Orientation.INNIE, a, "I?I" + repeat('?', n - 1), n + 1);
    }

    // ---- read lengths ----

    @Test
    void readTwoLongerThanReadOne_extendsPastReadOne() {
        // len(a) = 10 < len(b) = 15, min overlap 10: start 0 only, b[10..14] follows.
        MergeResult r = merge(params().minOverlap(10).build(), "ACGTTGCATG", repeat('5', 10), "ACGTTGCATGGGATC",
                repeat('?', 15));
        assertMerged(r, Orientation.INNIE, "ACGTTGCATGGGATC", repeat('?', 15), 10);
    }

    @Test
    void oneBaseReads_needMinOverlapOne() {
        MergeResult r = merge(params().minOverlap(1).maxOverlap(1).build(), "A", "5", "A", "?");
        assertMerged(r, Orientation.INNIE, "A", "?", 1);
        assertNotCombined(merge(MergeParameters.DEFAULTS, "A", "5", "A", "?"));
    }

    // ---- outies ----

    // a = (AC)^5; b = ACACA G ACACAC. Min overlap 10: the innie has start 0 only (a[k] vs b[k]),
    // the outie start 2 only (b[2 + k] vs a[k]). Each has one mismatch against b[5] = G: the innie
    // against a[5], the outie against a[3]; quality scores min(qa[5], 40) / 10 and
    // min(40, qa[3]) / 10.
    static final String AC10 = "ACACACACAC";
    static final String B_OUT = "ACACAGACACAC";
    static final String QB_OUT = "+++++I++++++";
    static final MergeParameters OUTIES = MergeParameters.builder().minOverlap(10).allowOuties(true).build();

    @Test
    void outie_winsWhenStrictlyBetter() {
        // qa[5] = 30, qa[3] = 20: outie 2.0 < innie 3.0. Outie: b[0..1], then b[2..11] over a:
        // G (40) vs C (20) -> G 20 at b[5]; elsewhere max(10, qa).
        MergeResult r = merge(OUTIES, AC10, "55555?5555", B_OUT, QB_OUT);
        assertMerged(r, Orientation.OUTIE, B_OUT, "++55555?5555", 10);
    }

    @Test
    void outie_notTriedWithoutAllowOuties() {
        // The innie: a over b[0..9], pos 5 C (30) vs G (40) -> G 10, then b[10..11].
        MergeResult r = merge(params().minOverlap(10).build(), AC10, "55555?5555", B_OUT, QB_OUT);
        assertMerged(r, Orientation.INNIE, B_OUT, "55555+5555++", 10);
    }

    @Test
    void outieWithIdenticalScore_keepsTheInnie() {
        // qa[3] = qa[5] = 30: both 1/10 and 3.0.
        MergeResult r = merge(OUTIES, AC10, "555?5?5555", B_OUT, QB_OUT);
        assertMerged(r, Orientation.INNIE, B_OUT, "555?5+5555++", 10);
    }

    @Test
    void outieWithWorseQualityScore_keepsTheInnie() {
        // qa[3] = 35 > qa[5] = 30.
        MergeResult r = merge(OUTIES, AC10, "555D5?5555", B_OUT, QB_OUT);
        assertEquals(Orientation.INNIE, r.orientation());
    }

    @Test
    void outieEqualQualityMismatch_takesTheBaseOfReadOne() {
        // b = G CACA G ACACAC: the innie has 2 mismatches (0.2), the outie 1 (0.1). In the outie
        // read 1 is the second read: G (20) vs C (20) -> C, quality 2.
        MergeResult r = merge(OUTIES, AC10, repeat('5', 10), "GCACAGACACAC", "+++++5++++++");
        assertMerged(r, Orientation.OUTIE, "GCACACACACAC", "++555#555555", 10);
    }

    @Test
    void identicalReads_withOuties_stayInnie() {
        MergeResult r = merge(OUTIES.toBuilder().minOverlap(12).build(), S, repeat('5', 12), S, repeat('5', 12));
        assertMerged(r, Orientation.INNIE, S, repeat('5', 12), 12);
    }

    // ---- the fork's -l ----

    @Test
    void lowercaseOverhang_lowersBasesOutsideTheOverlap() {
        MergeParameters p = params().lowercaseOverhang(true).build();
        MergeResult r = merge(p, "CCCCACGTTGCATGCA", "0000" + repeat('5', 12), "ACGTTGCATGCAGGGG",
                repeat('?', 12) + "++++");
        assertMerged(r, Orientation.INNIE, "ccccACGTTGCATGCAgggg", "0000" + repeat('?', 12) + "++++", 12);
    }

    @Test
    void lowercaseOverhang_inAnOutie() {
        MergeResult r = merge(OUTIES.toBuilder().lowercaseOverhang(true).build(), AC10, repeat('5', 10),
                "GCACAGACACAC", "+++++5++++++");
        assertMerged(r, Orientation.OUTIE, "gcACACACACAC", "++555#555555", 10);
    }

    @Test
    void lowercaseOverhang_withoutOverhangChangesNothing() {
        MergeResult r = merge(FULL.toBuilder().lowercaseOverhang(true).build(), S, repeat('5', 12), S,
                repeat('5', 12));
        assertMerged(r, Orientation.INNIE, S, repeat('5', 12), 12);
    }

    // ---- the fork's tie rules ----

    static MergeParameters fork(TieBreak rule, int threshold, int minOverlap) {
        return params().minOverlap(minOverlap).tieBreak(rule).qualityTieThreshold(threshold).build();
    }

    @Test
    void read1Rule_onEqualQualities_takesReadOnesBase() {
        MergeResult r = merge(fork(TieBreak.READ1, 0, 12), S, repeat('5', 12), "ACGGTGCATGCA", repeat('5', 12));
        assertMerged(r, Orientation.INNIE, S, "555#55555555", 12);
    }

    @Test
    void read1Rule_unequalQualities_takeTheHigher() {
        // T (20) vs G (24), threshold 3: 4 > 3, so G, quality 4.
        MergeResult r = merge(fork(TieBreak.READ1, 3, 12), S, repeat('5', 12), "ACGGTGCATGCA", "5559" + repeat('5', 8));
        assertMerged(r, Orientation.INNIE, "ACGGTGCATGCA", "555%55555555", 12);
    }

    @Test
    void qualityTieThreshold_countsCloseQualitiesAsEqual() {
        // T (20) vs G (24), threshold 4: a tie, read 1's T; the quality is still |20 - 24| = 4.
        MergeResult r = merge(fork(TieBreak.READ1, 4, 12), S, repeat('5', 12), "ACGGTGCATGCA", "5559" + repeat('5', 8));
        assertMerged(r, Orientation.INNIE, S, "555%55555555", 12);
    }

    @Test
    void read1Rule_whenReadOneHasN_takesTheOtherBase() {
        MergeResult r = merge(fork(TieBreak.READ1, 0, 11), "ACGNTGCATGCA", repeat('5', 12), "ACGGTGCATGCA",
                repeat('5', 12));
        assertMerged(r, Orientation.INNIE, "ACGGTGCATGCA", "555#55555555", 12);
    }

    @Test
    void read1Rule_inAnOutie_takesReadOnesBase() {
        MergeParameters p = OUTIES.toBuilder().tieBreak(TieBreak.READ1).build();
        MergeResult r = merge(p, AC10, repeat('5', 10), "GCACAGACACAC", "+++++5++++++");
        assertMerged(r, Orientation.OUTIE, "GCACACACACAC", "++555#555555", 10);
    }

    @Test
    void ambiguousRule_givesTheIupacCode() {
        // pos 3: T vs G -> K; pos 8: T vs C -> Y.
        MergeResult r = merge(fork(TieBreak.AMBIGUOUS, 0, 12), S, repeat('5', 12), "ACGGTGCACGCA", repeat('5', 12));
        assertMerged(r, Orientation.INNIE, "ACGKTGCAYGCA", "555#5555#555", 12);
    }

    @Test
    void ambiguousRule_againstN_givesTheBase() {
        MergeResult r = merge(fork(TieBreak.AMBIGUOUS, 0, 11), "ACGNTGCATGCA", repeat('5', 12), S, repeat('5', 12));
        assertMerged(r, Orientation.INNIE, S, "555#55555555", 12);
    }

    @Test
    void ambiguousRule_withinThreshold_givesTheIupacCode() {
        // A (20) vs C (23) at pos 0 with threshold 3 -> M, quality 3.
        MergeResult r = merge(fork(TieBreak.AMBIGUOUS, 3, 12), S, repeat('5', 12), "CCGTTGCATGCA",
                "8" + repeat('5', 11));
        assertMerged(r, Orientation.INNIE, "MCGTTGCATGCA", "$" + repeat('5', 11), 12);
    }

    @Test
    void earliestRule_takesTheBaseEarliestInItsOwnRead() {
        // Innie, start 0, both reads 12 long: overlap position k is position k of read 1 and
        // position 11 - k of read 2. pos 3 (3 < 8): read 1's T; pos 8 (8 > 3): read 2's C.
        MergeResult r = merge(fork(TieBreak.EARLIEST, 0, 12), S, repeat('5', 12), "ACGGTGCACGCA", repeat('5', 12));
        assertMerged(r, Orientation.INNIE, "ACGTTGCACGCA", "555#5555#555", 12);
    }

    @Test
    void earliestRule_whenTheEarliestIsN_takesTheOther() {
        // pos 8: read 2's base (position 3) is N, so read 1's T.
        MergeResult r = merge(fork(TieBreak.EARLIEST, 0, 11), S, repeat('5', 12), "ACGGTGCANGCA", repeat('5', 12));
        assertMerged(r, Orientation.INNIE, S, "555#5555#555", 12);
    }

    @Test
    void flashRule_ignoresTheForkRulesOnEqualQualities() {
        MergeResult r = merge(FULL, S, repeat('5', 12), "ACGGTGCACGCA", repeat('5', 12));
        assertMerged(r, Orientation.INNIE, "ACGGTGCACGCA", "555#5555#555", 12);
    }

    // ---- input checks ----

    @Test
    void qualityBelowOffset_isRejected() {
        ReadMerger m = ReadMerger.create(FULL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.merge(ReadPair.of("@r/1", "ACGT", "II I", "@r/2", "ACGT", "IIII")));
        assertTrue(e.getMessage().contains("position 3"), e.getMessage());
    }

    @Test
    void lowercaseInput_isMadeCanonical() {
        MergeResult r = merge(FULL, S.toLowerCase(), repeat('5', 12), S, repeat('5', 12));
        assertMerged(r, Orientation.INNIE, S, repeat('5', 12), 12);
    }

    @Test
    void mergeAll_keepsOrder() {
        ReadMerger m = ReadMerger.create(FULL);
        var results = m.mergeAll(java.util.List.of(pair(S, repeat('5', 12), S, repeat('5', 12)),
                pair(S, repeat('5', 12), "AAGATACCTGCA", repeat('5', 12)),
                pair(S, repeat('5', 12), S, repeat('?', 12))));
        assertEquals(3, results.size());
        assertTrue(results.get(0).isCombined());
        assertFalse(results.get(1).isCombined());
        assertEquals(repeat('?', 12), results.get(2).merged().get().quality());
    }
}
