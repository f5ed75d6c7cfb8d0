package io.github.flashj.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.MergeParameters.TieBreak;
import io.github.flashj.MergeParameters;
import io.github.flashj.Refusal;
import io.github.flashj.batch.MergeOutcome;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property tests: the scalar and the vector kernel give the same alignment (start, orientation,
 * density, quality score) and the same merged read, and both agree with an exhaustive search
 * written here straight from FLASH-BEHAVIOR.md, without the kernels' early exit.
 */
class KernelIdentityTest {
    static final MergeKernel SCALAR = MergeKernels.scalar();
    static final MergeKernel VECTOR = MergeKernels.vector();

    @Test
    void vectorKernel_isAvailableUnderSurefire() {
        assertNotNull(VECTOR, "run with --add-modules jdk.incubator.vector");
        assertEquals("vector", VECTOR.name());
    }

    @Test
    void scalarKernel_isNamedScalar() {
        assertEquals("scalar", SCALAR.name());
        assertSame(SCALAR, MergeKernels.scalar());
    }

    @Test
    void bestKernel_isTheVectorKernelHere() {
        assertEquals("vector", MergeKernels.best().name());
    }

    @Test
    void aSingleRunChoosesTheVectorKernelOnlyWhereItsWarmUpPays() {
        assertSame(SCALAR, MergeKernels.forOneRun(0));
        assertSame(SCALAR, MergeKernels.forOneRun(MergeKernels.VECTOR_PAYS_FROM_BYTES - 1));
        assertSame(MergeKernels.best(), MergeKernels.forOneRun(MergeKernels.VECTOR_PAYS_FROM_BYTES));
        assertSame(MergeKernels.best(), MergeKernels.forOneRun(-1), "an input of unknown size may be any size");
    }

    // ---- the reference: an exhaustive search from the spec ----

    /** The result of the reference search. */
    record Ref(int start, byte orientation, float density, float qualityScore, boolean combined) {
    }

    static final class RefSearch {
        float density;
        float qscore;
        int start = -1;
        byte orientation;

        /** Every start from max(0, la - lb) to la - m, all positions, no early exit. */
        void search(byte[] a, byte[] qa, byte[] b, byte[] qb, int m, int maxOverlap, byte orient) {
            int la = a.length;
            int lb = b.length;
            for (int i = Math.max(0, la - lb); i <= la - m; i++) {
                int n = la - i;
                int mm = 0;
                int qsum = 0;
                int e = n;
                for (int k = 0; k < n; k++) {
                    byte x = a[i + k];
                    byte y = b[k];
                    if (x == 'N' || y == 'N') {
                        e--;
                    } else if (x != y) {
                        mm++;
                        qsum += Math.min(qa[i + k], qb[k]);
                    }
                }
                if (e < m) {
                    continue;
                }
                float len = (float) Math.min(e, maxOverlap);
                float d = mm / len;
                float q = qsum / len;
                if (d < density || (d == density && q < qscore)) {
                    density = d;
                    qscore = q;
                    start = i;
                    orientation = orient;
                }
            }
        }
    }

    static byte[] rc(byte[] s) {
        byte[] r = new byte[s.length];
        for (int k = 0; k < s.length; k++) {
            byte c = s[s.length - 1 - k];
            r[k] = (byte) (c == 'A' ? 'T' : c == 'T' ? 'A' : c == 'C' ? 'G' : c == 'G' ? 'C' : 'N');
        }
        return r;
    }

    static byte[] reverse(byte[] s) {
        byte[] r = new byte[s.length];
        for (int k = 0; k < s.length; k++) {
            r[k] = s[s.length - 1 - k];
        }
        return r;
    }

    static Ref reference(byte[] r1, byte[] q1, byte[] r2, byte[] q2, MergeParameters p) {
        byte[] b = rc(r2);
        byte[] qb = reverse(q2);
        RefSearch s = new RefSearch();
        s.density = p.maxMismatchDensity() + 1.0f;
        s.qscore = 0f;
        s.search(r1, q1, b, qb, p.minOverlap(), p.maxOverlap(), MergeOutcome.INNIE);
        if (p.allowOuties()) {
            s.search(b, qb, r1, q1, p.minOverlap(), p.maxOverlap(), MergeOutcome.OUTIE);
        }
        boolean combined = s.start >= 0 && !(s.density > p.maxMismatchDensity());
        return new Ref(s.start, s.orientation, s.density, s.qscore, combined);
    }

    /** The merged read of the reference alignment, FLASH 1.2.11 rule: bases then qualities. */
    static byte[][] referenceMerge(byte[] r1, byte[] q1, byte[] r2, byte[] q2, Ref ref, MergeParameters p) {
        byte[] b = rc(r2);
        byte[] qb = reverse(q2);
        boolean innie = ref.orientation() == MergeOutcome.INNIE;
        byte[] f = innie ? r1 : b;
        byte[] fq = innie ? q1 : qb;
        byte[] s = innie ? b : r1;
        byte[] sq = innie ? qb : q1;
        int i = ref.start();
        int n = f.length - i;
        int len = f.length + s.length - n;
        byte[] out = new byte[len];
        byte[] oq = new byte[len];
        for (int k = 0; k < len; k++) {
            if (k < i) {
                out[k] = f[k];
                oq[k] = fq[k];
            } else if (k < f.length) {
                byte x = f[k];
                byte y = s[k - i];
                int qx = fq[k];
                int qy = sq[k - i];
                if (x == y) {
                    out[k] = x;
                    oq[k] = (byte) Math.max(qx, qy);
                } else {
                    oq[k] = (byte) (p.capMismatchQuals() ? Math.min(Math.min(qx, qy), 2)
                            : Math.max(Math.abs(qx - qy), 2));
                    out[k] = qx > qy ? x : qy > qx ? y : y != 'N' ? y : x;
                }
            } else {
                out[k] = s[k - i];
                oq[k] = sq[k - i];
            }
            if ((k < i || k >= f.length) && p.lowercaseOverhang()) {
                out[k] = (byte) Character.toLowerCase(out[k]);
            }
        }
        return new byte[][] {out, oq};
    }

    // ---- random pairs ----

    /** A read placed at a random offset in a larger array of unrelated bytes. */
    record Placed(byte[] bases, byte[] quals, int off, int len) {
        byte[] seq() {
            return Arrays.copyOfRange(bases, off, off + len);
        }

        byte[] qual() {
            return Arrays.copyOfRange(quals, off, off + len);
        }
    }

    static Placed place(Random rnd, byte[] seq, byte[] qual) {
        int before = rnd.nextInt(70);
        int after = rnd.nextInt(70);
        byte[] b = new byte[before + seq.length + after];
        byte[] q = new byte[b.length];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) "ACGTN".charAt(rnd.nextInt(5));
            q[k] = (byte) rnd.nextInt(42);
        }
        System.arraycopy(seq, 0, b, before, seq.length);
        System.arraycopy(qual, 0, q, before, seq.length);
        return new Placed(b, q, before, seq.length);
    }

    static byte[] randomBases(Random rnd, int n, String alphabet) {
        byte[] s = new byte[n];
        for (int k = 0; k < n; k++) {
            s[k] = (byte) alphabet.charAt(rnd.nextInt(alphabet.length()));
        }
        return s;
    }

    static void mutate(Random rnd, byte[] s, int percent) {
        for (int k = 0; k < s.length; k++) {
            if (rnd.nextInt(100) < percent) {
                s[k] = (byte) "ACGTN".charAt(rnd.nextInt(5));
            }
        }
        int runs = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(3) : 0;
        for (int r = 0; r < runs && s.length > 0; r++) {
            int at = rnd.nextInt(s.length);
            int end = Math.min(s.length, at + 1 + rnd.nextInt(rnd.nextBoolean() ? 5 : 60));
            Arrays.fill(s, at, end, (byte) 'N');
        }
    }

    static byte[] randomQuals(Random rnd, int n) {
        byte[] q = new byte[n];
        switch (rnd.nextInt(5)) {
            case 0 -> Arrays.fill(q, (byte) rnd.nextInt(42));
            case 4 -> {
                // -p 0 takes every byte as a quality, and those of 128 and above are negative.
                for (int k = 0; k < n; k++) {
                    q[k] = (byte) rnd.nextInt(256);
                }
            }
            case 1 -> {
                byte lo = (byte) rnd.nextInt(42);
                byte hi = (byte) rnd.nextInt(42);
                for (int k = 0; k < n; k++) {
                    q[k] = rnd.nextBoolean() ? lo : hi;
                }
            }
            default -> {
                for (int k = 0; k < n; k++) {
                    q[k] = (byte) rnd.nextInt(42);
                }
            }
        }
        return q;
    }

    static int randomLength(Random rnd, int max) {
        return switch (rnd.nextInt(4)) {
            case 0 -> 1 + rnd.nextInt(Math.min(max, 20));
            case 1 -> 1 + rnd.nextInt(Math.min(max, 80));
            default -> 1 + rnd.nextInt(max);
        };
    }

    /** Read 1 and read 2 (as sequenced) of a random pair. */
    static byte[][] randomPair(Random rnd, int maxLength) {
        int l1 = randomLength(rnd, maxLength);
        int l2 = rnd.nextInt(3) == 0 ? l1 : randomLength(rnd, maxLength);
        String alphabet = switch (rnd.nextInt(6)) {
            case 0 -> "A";
            case 1 -> "AC";
            case 2 -> "ACN";
            default -> "ACGT";
        };
        byte[] r1;
        byte[] r2;
        if (rnd.nextInt(5) == 0) {
            r1 = randomBases(rnd, l1, alphabet);
            r2 = randomBases(rnd, l2, alphabet);
        } else {
            int fragment = Math.max(l1, l2) + rnd.nextInt(Math.max(l1, l2));
            byte[] f = randomBases(rnd, fragment, alphabet);
            r1 = Arrays.copyOfRange(f, 0, l1);
            r2 = rc(Arrays.copyOfRange(f, fragment - l2, fragment));
            int errors = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(25);
            mutate(rnd, r1, errors);
            mutate(rnd, r2, errors);
            if (rnd.nextInt(4) == 0) {
                byte[] t = r1;
                r1 = r2;
                r2 = t;
            }
        }
        return new byte[][] {r1, r2, randomQuals(rnd, r1.length), randomQuals(rnd, r2.length)};
    }

    static MergeParameters randomParams(Random rnd, int maxLength) {
        int m = 1 + rnd.nextInt(rnd.nextBoolean() ? 10 : 50);
        int maxOverlap = switch (rnd.nextInt(4)) {
            case 0 -> m;
            case 1 -> m + rnd.nextInt(20);
            default -> m + rnd.nextInt(Math.max(1, maxLength + 1 - m));
        };
        float x = switch (rnd.nextInt(6)) {
            case 0 -> 0f;
            case 1 -> 1f;
            case 2 -> 0.25f;
            default -> rnd.nextFloat();
        };
        TieBreak[] rules = TieBreak.values();
        TieBreak rule = rnd.nextInt(3) == 0 ? rules[rnd.nextInt(rules.length)] : TieBreak.FLASH_1_2_11;
        return MergeParameters.builder().minOverlap(m).maxOverlap(maxOverlap).maxMismatchDensity(x)
                .allowOuties(rnd.nextBoolean()).capMismatchQuals(rnd.nextInt(4) == 0)
                .lowercaseOverhang(rnd.nextInt(4) == 0).tieBreak(rule)
                .qualityTieThreshold(rule == TieBreak.FLASH_1_2_11 ? 0 : rnd.nextInt(4)).build();
    }

    /** Runs one engine on a pair; returns the alignment fields, the merged bytes and, when not combined, why. */
    static Object[] run(MergeEngine engine, Placed p1, Placed p2) {
        byte o = engine.align(p1.bases(), p1.quals(), p1.off(), p1.len(), p2.bases(), p2.quals(), p2.off(),
                p2.len());
        Alignment a = engine.alignment();
        byte[] merged = null;
        byte[] mergedQ = null;
        if (o != 0) {
            int pad = 3;
            merged = new byte[engine.mergedLength() + 2 * pad];
            mergedQ = new byte[merged.length];
            engine.build(merged, mergedQ, pad);
            merged = Arrays.copyOfRange(merged, pad, pad + engine.mergedLength());
            mergedQ = Arrays.copyOfRange(mergedQ, pad, pad + engine.mergedLength());
        }
        return new Object[] {o, a.start(), a.orientation(), a.density(), a.qualityScore(), merged, mergedQ,
            o == 0 ? engine.refusal() : null};
    }

    static String describe(MergeParameters p, byte[][] pair) {
        return p + " r1=" + new String(pair[0]) + " r2=" + new String(pair[1]) + " q1="
                + Arrays.toString(pair[2]) + " q2=" + Arrays.toString(pair[3]);
    }

    @Test
    void scalarAndVector_giveIdenticalAlignmentsAndMergedReads() {
        Random rnd = new Random(20241121L);
        java.util.EnumSet<Refusal> refusals = java.util.EnumSet.noneOf(Refusal.class);
        for (int t = 0; t < 25_000; t++) {
            MergeParameters p = randomParams(rnd, 500);
            byte[][] pair = randomPair(rnd, 500);
            Placed p1 = place(rnd, pair[0], pair[2]);
            Placed p2 = place(rnd, pair[1], pair[3]);
            Object[] s = run(new MergeEngine(SCALAR, p), p1, p2);
            Object[] v = run(new MergeEngine(VECTOR, p), p1, p2);
            String what = describe(p, pair);
            assertEquals(s[0], v[0], () -> "outcome: " + what);
            if ((byte) s[0] == 0) {
                // Not combined: the alignment is then only a lower bound the kernels may cut
                // differently (they stop scoring starts that could only fail to merge), but the
                // reason is the same.
                assertEquals(s[7], v[7], () -> "refusal: " + what);
                refusals.add((Refusal) s[7]);
                continue;
            }
            assertEquals(s[1], v[1], () -> "start: " + what);
            assertEquals(s[2], v[2], () -> "orientation: " + what);
            assertEquals(s[3], v[3], () -> "density: " + what);
            assertEquals(s[4], v[4], () -> "quality score: " + what);
            assertArrayEquals((byte[]) s[5], (byte[]) v[5], () -> "merged bases: " + what);
            assertArrayEquals((byte[]) s[6], (byte[]) v[6], () -> "merged qualities: " + what);
        }
        assertEquals(java.util.EnumSet.allOf(Refusal.class), refusals, "every reason met");
    }

    @Test
    void firstPass_vectorCountsEqualTheTwins_atEveryRangeAndArrayEnd() {
        PrefixFilteredKernel scalar = (PrefixFilteredKernel) SCALAR;
        PrefixFilteredKernel vector = (PrefixFilteredKernel) VECTOR;
        Random rnd = new Random(99L);
        byte[] alphabet = {'A', 'C', 'G', 'T', 'N'};
        for (int t = 0; t < 20_000; t++) {
            int firstLen = 1 + rnd.nextInt(300);
            int firstOff = rnd.nextInt(4);
            // Sometimes no byte after the read, sometimes a few, sometimes plenty.
            int tail = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(80);
            byte[] first = new byte[firstOff + firstLen + tail];
            int nPercent = rnd.nextInt(4) == 0 ? 30 : 2;
            for (int i = 0; i < first.length; i++) {
                first[i] = rnd.nextInt(100) < nPercent ? (byte) 'N' : alphabet[rnd.nextInt(4)];
            }
            byte[] second = new byte[Long.BYTES + rnd.nextInt(4)];
            int secondOff = second.length - Long.BYTES;
            for (int i = 0; i < second.length; i++) {
                second[i] = rnd.nextInt(100) < nPercent ? (byte) 'N' : alphabet[rnd.nextInt(4)];
            }
            if (rnd.nextBoolean()) {
                // Plant the second's bases somewhere, so that one start matches them all.
                int at = firstOff + rnd.nextInt(firstLen);
                for (int j = 0; j < Long.BYTES && at + j < first.length; j++) {
                    first[at + j] = second[secondOff + j];
                }
            }
            int from = rnd.nextInt(firstLen);
            int to = from + rnd.nextInt(firstLen - from);
            if (firstOff + to + Long.BYTES > first.length) {
                continue; // the caller's guarantee: eight readable bytes past the last start
            }
            byte[] expected = new byte[to + 1 + Long.BYTES];
            byte[] actual = new byte[to + 1 + Long.BYTES];
            int expectedCenter = scalar.countPrefixMismatches(first, firstOff, firstLen, from, to, second, secondOff,
                    expected);
            int actualCenter = vector.countPrefixMismatches(first, firstOff, firstLen, from, to, second, secondOff,
                    actual);
            String what = "from " + from + " to " + to + " firstLen " + firstLen + " off " + firstOff + " tail " + tail;
            assertArrayEquals(Arrays.copyOfRange(expected, from, to + 1), Arrays.copyOfRange(actual, from, to + 1),
                    () -> "counts, " + what);
            assertEquals(expectedCenter, actualCenter, () -> "center, " + what);
        }
    }

    @Test
    void directSearch_givesTheExhaustiveSearchsAnswer_withAndWithoutRoomForLongs() {
        Random rnd = new Random(31L);
        int checked = 0;
        for (int t = 0; t < 20_000; t++) {
            MergeParameters p = randomParams(rnd, 300);
            byte[][] pair = randomPair(rnd, 300);
            Ref ref = reference(pair[0], pair[2], pair[1], pair[3], p);
            if (!ref.combined()) {
                continue;
            }
            // Exact-size arrays make the vector kernel take its path without eight-byte loads;
            // padded ones its first-eight-bases path.
            int pad = rnd.nextBoolean() ? 0 : 64;
            byte[] a = Arrays.copyOf(pair[0], pair[0].length + pad);
            byte[] qa = Arrays.copyOf(pair[2], pair[2].length + pad);
            byte[] b = Arrays.copyOf(rc(pair[1]), pair[1].length + pad);
            byte[] qb = Arrays.copyOf(reverse(pair[3]), pair[3].length + pad);
            int la = pair[0].length;
            int lb = pair[1].length;
            for (MergeKernel kernel : new MergeKernel[] {SCALAR, VECTOR}) {
                Alignment al = new Alignment();
                al.reset(p.maxMismatchDensity());
                kernel.search(a, qa, 0, la, b, qb, 0, lb, p.minOverlap(), p.maxOverlap(), MergeOutcome.INNIE, al);
                if (p.allowOuties()) {
                    kernel.search(b, qb, 0, lb, a, qa, 0, la, p.minOverlap(), p.maxOverlap(), MergeOutcome.OUTIE, al);
                }
                String who = kernel.name() + " pad " + pad + ": " + describe(p, pair);
                assertEquals(ref.start(), al.start(), () -> "start, " + who);
                assertEquals(ref.orientation(), al.orientation(), () -> "orientation, " + who);
                assertEquals(ref.density(), al.density(), () -> "density, " + who);
                assertEquals(ref.qualityScore(), al.qualityScore(), () -> "quality score, " + who);
                checked++;
            }
        }
        assertTrue(checked > 10_000, "merged pairs checked: " + checked);
    }

    @Test
    void oneEngineOverManyPairs_agreesWithTheExhaustiveSearch() {
        Random rnd = new Random(57L);
        MergeParameters p = MergeParameters.builder().maxOverlap(250).allowOuties(true).build();
        for (MergeKernel kernel : new MergeKernel[] {SCALAR, VECTOR}) {
            // One engine reused, as a worker reuses it: no state may leak from pair to pair.
            MergeEngine engine = new MergeEngine(kernel, p);
            for (int t = 0; t < 10_000; t++) {
                byte[][] pair = randomPair(rnd, 250);
                Ref ref = reference(pair[0], pair[2], pair[1], pair[3], p);
                Placed p1 = place(rnd, pair[0], pair[2]);
                Placed p2 = place(rnd, pair[1], pair[3]);
                Object[] r = run(engine, p1, p2);
                String who = kernel.name() + ": " + describe(p, pair);
                assertEquals(ref.combined() ? ref.orientation() : 0, (byte) r[0], () -> "outcome, " + who);
                if (ref.combined()) {
                    assertEquals(ref.start(), r[1], () -> "start, " + who);
                }
            }
        }
    }

    @Test
    void bothKernels_agreeWithTheExhaustiveSearch() {
        Random rnd = new Random(7L);
        int combined = 0;
        int outies = 0;
        int pairs = 20_000;
        for (int t = 0; t < pairs; t++) {
            MergeParameters p = randomParams(rnd, 500).toBuilder().tieBreak(TieBreak.FLASH_1_2_11)
                    .qualityTieThreshold(0).build();
            byte[][] pair = randomPair(rnd, 500);
            Placed p1 = place(rnd, pair[0], pair[2]);
            Placed p2 = place(rnd, pair[1], pair[3]);
            Ref ref = reference(pair[0], pair[2], pair[1], pair[3], p);
            String what = describe(p, pair);
            for (MergeKernel kernel : new MergeKernel[] {SCALAR, VECTOR}) {
                Object[] r = run(new MergeEngine(kernel, p), p1, p2);
                String who = kernel.name() + ": " + what;
                assertEquals(ref.combined() ? ref.orientation() : 0, (byte) r[0], () -> "outcome, " + who);
                if (!ref.combined()) {
                    continue;
                }
                assertEquals(ref.start(), r[1], () -> "start, " + who);
                assertEquals(ref.orientation(), r[2], () -> "orientation, " + who);
                assertEquals(ref.density(), r[3], () -> "density, " + who);
                assertEquals(ref.qualityScore(), r[4], () -> "quality score, " + who);
                if (ref.combined()) {
                    byte[][] m = referenceMerge(pair[0], pair[2], pair[1], pair[3], ref, p);
                    assertArrayEquals(m[0], (byte[]) r[5], () -> "merged bases, " + who);
                    assertArrayEquals(m[1], (byte[]) r[6], () -> "merged qualities, " + who);
                }
            }
            if (ref.combined()) {
                combined++;
                if (ref.orientation() == MergeOutcome.OUTIE) {
                    outies++;
                }
            }
        }
        // The generator must exercise both outcomes and both orientations.
        assertTrue(combined > pairs / 5, "combined " + combined);
        assertTrue(combined < pairs * 4 / 5, "combined " + combined);
        assertTrue(outies > pairs / 50, "outies " + outies);
    }

    @Test
    void bothKernels_agreeWithTheExhaustiveSearch_onNearTies() {
        // Low-entropy reads with flat qualities: many starts tie on density and quality score.
        Random rnd = new Random(99L);
        for (int t = 0; t < 10_000; t++) {
            int l1 = 1 + rnd.nextInt(120);
            int l2 = 1 + rnd.nextInt(120);
            String alphabet = rnd.nextBoolean() ? "AC" : "AAAAAAAAC";
            byte[] r1 = randomBases(rnd, l1, alphabet);
            byte[] r2 = randomBases(rnd, l2, rnd.nextBoolean() ? alphabet : "GT");
            if (rnd.nextInt(3) == 0) {
                mutate(rnd, r1, 0);
            }
            byte[] q1 = new byte[l1];
            byte[] q2 = new byte[l2];
            Arrays.fill(q1, (byte) (rnd.nextInt(3) * 10));
            Arrays.fill(q2, (byte) (rnd.nextInt(3) * 10));
            int m = 1 + rnd.nextInt(Math.min(l1, 20));
            MergeParameters p = MergeParameters.builder().minOverlap(m).maxOverlap(m + rnd.nextInt(40))
                    .maxMismatchDensity(rnd.nextInt(5) / 4f).allowOuties(rnd.nextBoolean()).build();
            Ref ref = reference(r1, q1, r2, q2, p);
            Placed p1 = place(rnd, r1, q1);
            Placed p2 = place(rnd, r2, q2);
            for (MergeKernel kernel : new MergeKernel[] {SCALAR, VECTOR}) {
                Object[] r = run(new MergeEngine(kernel, p), p1, p2);
                String who = kernel.name() + ": " + describe(p, new byte[][] {r1, r2, q1, q2});
                assertEquals(ref.combined() ? ref.orientation() : 0, (byte) r[0], () -> "outcome, " + who);
                if (!ref.combined()) {
                    continue;
                }
                assertEquals(ref.start(), r[1], () -> "start, " + who);
                assertEquals(ref.orientation(), r[2], () -> "orientation, " + who);
                assertEquals(ref.density(), r[3], () -> "density, " + who);
                assertEquals(ref.qualityScore(), r[4], () -> "quality score, " + who);
            }
        }
    }

    private static void assertTrue(boolean ok, String message) {
        org.junit.jupiter.api.Assertions.assertTrue(ok, message);
    }
}
