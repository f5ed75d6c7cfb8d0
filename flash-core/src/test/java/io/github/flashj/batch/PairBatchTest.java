package io.github.flashj.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.MergeParameters;
import io.github.flashj.batch.BatchMerger;
import io.github.flashj.batch.MergeOutcome;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PairBatchTest {
    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static int append(PairBatch b, String tag, String seq, String qual) {
        byte[] t = bytes(tag);
        byte[] s = bytes(seq);
        byte[] q = bytes(qual);
        return b.appendRead(t, 0, t.length, s, 0, q, 0, s.length);
    }

    static String bases(PairBatch b, int pair, int mate) {
        return new String(b.bases(), b.sequenceStart(pair, mate), b.sequenceLength(pair, mate),
                StandardCharsets.ISO_8859_1);
    }

    static byte[] quals(PairBatch b, int pair, int mate) {
        int start = b.sequenceStart(pair, mate);
        return Arrays.copyOfRange(b.qualities(), start, start + b.sequenceLength(pair, mate));
    }

    @Test
    void appendRead_makesAcgtUpperCase() {
        PairBatch b = new PairBatch(1, 33);
        append(b, "r/1", "acgtACGT", "IIIIIIII");
        assertEquals("ACGTACGT", bases(b, 0, 0));
    }

    @Test
    void appendRead_makesEveryOtherByteN() {
        PairBatch b = new PairBatch(1, 33);
        String odd = "nNxX.-*RYKMuU0\u00c1";
        append(b, "r/1", odd, "I".repeat(odd.length()));
        assertEquals("N".repeat(odd.length()), bases(b, 0, 0));
    }

    /**
     * The word-at-a-time paths (with their overlapping last word) against a byte-by-byte
     * reference: one odd base or quality at every position of reads of 1 to 40 bases, for each
     * kind of odd byte.
     */
    @Test
    void appendRead_oneOddByteAtEveryPosition_matchesTheBytewiseRule() {
        byte[] oddBases = bytes("acgtnNRx.@[\u0000\u00c1T\t ");
        byte[] oddQuals = {' ', '!', '"', (byte) 0x80, (byte) 0xff, '~', 'J'};
        for (int length = 1; length <= 40; length++) {
            for (int at = 0; at < length; at++) {
                for (byte odd : oddBases) {
                    byte[] seq = bytes("ACGTN".repeat(9).substring(0, length));
                    seq[at] = odd;
                    checkAgainstReference(seq, bytes("I".repeat(length)));
                }
                for (byte odd : oddQuals) {
                    byte[] qual = bytes("5".repeat(length));
                    qual[at] = odd;
                    checkAgainstReference(bytes("GATTACA".repeat(6).substring(0, length)), qual);
                }
            }
        }
    }

    private static void checkAgainstReference(byte[] seq, byte[] qual) {
        int offset = 33;
        int expected = -1;
        byte[] bases = new byte[seq.length];
        byte[] values = new byte[seq.length];
        for (int k = 0; k < seq.length && expected == -1; k++) {
            char c = Character.toUpperCase((char) (seq[k] & 0xff));
            if (" \t\n\r\u000b\f".indexOf(c) >= 0) {
                expected = -2 - k;
            } else if (qual[k] < offset) {
                expected = k;
            }
            bases[k] = (byte) ("ACGT".indexOf(c) >= 0 && (seq[k] & 0xff) < 128 ? c : 'N');
            values[k] = (byte) (qual[k] - offset);
        }
        PairBatch b = new PairBatch(1, offset);
        byte[] tag = bytes("r/1");
        String what = "seq " + Arrays.toString(seq) + " qual " + Arrays.toString(qual);
        assertEquals(expected, b.appendRead(tag, 0, tag.length, seq, 0, qual, 0, seq.length), what);
        if (expected == -1) {
            assertArrayEquals(bases, bytes(bases(b, 0, 0)), what);
            assertArrayEquals(values, quals(b, 0, 0), what);
        }
    }

    @Test
    void appendRead_rejectsWhitespaceInTheSequence() {
        PairBatch b = new PairBatch(1, 33);
        for (char space : " \t\r\u000b\f\n".toCharArray()) {
            byte[] seq = ("AC" + space + "GT").getBytes(StandardCharsets.ISO_8859_1);
            byte[] qual = "IIIII".getBytes(StandardCharsets.ISO_8859_1);
            byte[] tag = "r/1".getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(-2 - 2, b.appendRead(tag, 0, tag.length, seq, 0, qual, 0, seq.length),
                    "whitespace " + (int) space + " at index 2");
            assertEquals(0, b.size());
            assertFalse(b.hasHalfPair(), "nothing appended");
        }
    }

    @Test
    void appendRead_storesQualitiesMinusTheOffset() {
        PairBatch b = new PairBatch(1, 33);
        append(b, "r/1", "ACGTA", "!+5?I");
        assertArrayEquals(new byte[] {0, 10, 20, 30, 40}, quals(b, 0, 0));
    }

    @Test
    void appendRead_usesTheBatchOffset() {
        PairBatch b = new PairBatch(1, 64);
        append(b, "r/1", "ACG", "@Jh");
        assertArrayEquals(new byte[] {0, 10, 40}, quals(b, 0, 0));
        assertEquals(64, b.phredOffset());
    }

    @Test
    void appendRead_returnsMinusOneWhenEveryQualityIsValid() {
        PairBatch b = new PairBatch(1, 33);
        assertEquals(-1, append(b, "r/1", "AC", "!!"));
    }

    @Test
    void appendRead_returnsTheIndexOfTheFirstQualityBelowTheOffset() {
        PairBatch b = new PairBatch(1, 33);
        assertEquals(2, append(b, "r/1", "ACGTA", "II I "));
    }

    @Test
    void appendRead_withABadQuality_appendsNothing() {
        PairBatch b = new PairBatch(2, 33);
        assertEquals(0, append(b, "r/1", "AC", " I"));
        assertFalse(b.hasHalfPair());
        assertEquals(0, b.size());
        append(b, "r/1", "AC", "II");
        assertTrue(b.hasHalfPair());
        assertEquals(0, b.size());
        assertEquals(1, append(b, "r/2", "AC", "I "));
        assertTrue(b.hasHalfPair(), "mate 1 is still waiting for its mate");
        append(b, "r/2", "GT", "II");
        assertEquals(1, b.size());
        assertEquals("AC", bases(b, 0, 0));
        assertEquals("GT", bases(b, 0, 1));
    }

    @Test
    void appendRead_qualityBytesAbove127_areBelowTheOffset() {
        // FLASH 1.2.11 reads qualities as (signed) char: a byte of 128 or more is negative and
        // rejected as "under phred_offset".
        PairBatch b = new PairBatch(1, 33);
        byte[] q = {'I', (byte) 200, 'I'};
        byte[] s = bytes("ACG");
        byte[] t = bytes("r/1");
        assertEquals(1, b.appendRead(t, 0, 3, s, 0, q, 0, 3));
        assertEquals(0, b.size());
        assertFalse(b.hasHalfPair());
    }

    @Test
    void appendRead_readsFromTheGivenOffsets() {
        PairBatch b = new PairBatch(1, 33);
        byte[] line = bytes("xx@r1/1yy acgt zz !+5? ww");
        b.appendRead(line, 2, 5, line, 10, line, 18, 4);
        assertEquals("@r1/1", b.tag(0, 0));
        assertEquals("ACGT", bases(b, 0, 0));
        assertArrayEquals(new byte[] {0, 10, 20, 30}, quals(b, 0, 0));
    }

    @Test
    void pairs_fillMateOneThenMateTwo() {
        PairBatch b = new PairBatch(2, 33);
        append(b, "a/1", "AAA", "III");
        append(b, "a/2", "CC", "II");
        append(b, "b/1", "G", "I");
        append(b, "b/2", "TTTT", "IIII");
        assertEquals(2, b.size());
        assertEquals("a/1", b.tag(0, 0));
        assertEquals("a/2", b.tag(0, 1));
        assertEquals("b/1", b.tag(1, 0));
        assertEquals("b/2", b.tag(1, 1));
        assertEquals("AAA", bases(b, 0, 0));
        assertEquals("CC", bases(b, 0, 1));
        assertEquals("G", bases(b, 1, 0));
        assertEquals("TTTT", bases(b, 1, 1));
        assertEquals(MergeOutcome.NOT_COMBINED, b.outcome(1));
    }

    @Test
    void sizeCountsOnlyCompletePairs() {
        PairBatch b = new PairBatch(2, 33);
        append(b, "a/1", "A", "I");
        assertEquals(0, b.size());
        assertTrue(b.hasHalfPair());
        append(b, "a/2", "A", "I");
        assertEquals(1, b.size());
        assertFalse(b.hasHalfPair());
    }

    @Test
    void isFull_atCapacity() {
        PairBatch b = new PairBatch(2, 33);
        assertEquals(2, b.capacity());
        for (int i = 0; i < 2; i++) {
            assertFalse(b.isFull());
            append(b, "a/1", "A", "I");
            append(b, "a/2", "A", "I");
        }
        assertTrue(b.isFull());
    }

    @Test
    void appendToAFullBatch_throws() {
        PairBatch b = new PairBatch(1, 33);
        append(b, "a/1", "A", "I");
        append(b, "a/2", "A", "I");
        assertThrows(IllegalStateException.class, () -> append(b, "b/1", "A", "I"));
    }

    @Test
    void capacityBelowOne_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PairBatch(0, 33));
    }

    @Test
    void clear_emptiesAndSetsTheId() {
        PairBatch b = new PairBatch(2, 33);
        append(b, "a/1", "AAAA", "IIII");
        append(b, "a/2", "CCCC", "IIII");
        append(b, "b/1", "G", "I");
        b.clear(7);
        assertEquals(7, b.id());
        assertEquals(0, b.size());
        assertFalse(b.hasHalfPair());
        assertFalse(b.isFull());
        append(b, "c/1", "T", "5");
        append(b, "c/2", "G", "?");
        assertEquals(1, b.size());
        assertEquals("c/1", b.tag(0, 0));
        assertEquals("T", bases(b, 0, 0));
        assertEquals("G", bases(b, 0, 1));
        assertEquals(0, b.sequenceStart(0, 0), "storage is reused from the start");
    }

    @Test
    void longReads_growTheStorage() {
        PairBatch b = new PairBatch(3, 33);
        String seq = "ACGT".repeat(5000);
        String qual = "I".repeat(seq.length());
        String tag = "t".repeat(5000);
        for (int i = 0; i < 3; i++) {
            append(b, tag, seq, qual);
            append(b, tag, seq, qual);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(seq, bases(b, i, 1));
            assertEquals(tag, b.tag(i, 1));
        }
    }

    @Test
    void appendSingle_takesAWholeSlotAndIsNeverMerged() {
        PairBatch b = new PairBatch(2, 33);
        byte[] t = bytes("s");
        byte[] s = bytes("acgt");
        byte[] q = bytes("IIII");
        assertEquals(-1, b.appendSingle(t, 0, 1, s, 0, q, 0, 4));
        assertEquals(1, b.size());
        assertFalse(b.hasHalfPair());
        assertEquals(MergeOutcome.SINGLE, b.outcome(0));
        assertEquals("ACGT", bases(b, 0, 0));
        assertEquals(0, b.sequenceLength(0, 1));
        new BatchMerger(io.github.flashj.kernel.MergeKernels.scalar(), MergeParameters.DEFAULTS).merge(b);
        assertEquals(MergeOutcome.SINGLE, b.outcome(0));
        assertFalse(b.isCombined(0));
    }

    @Test
    void appendSingle_whileAPairIsHalfFilled_throws() {
        PairBatch b = new PairBatch(2, 33);
        append(b, "a/1", "A", "I");
        byte[] t = bytes("s");
        assertThrows(IllegalStateException.class, () -> b.appendSingle(t, 0, 1, t, 0, t, 0, 1));
    }
}
