package io.github.flashj.io.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.flashj.io.input.InputFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A whole input scanned as its bytes stream past gives what a scan reading it gives. */
class RangeScanWholeTest {
    private static byte[] fastq(int records, boolean lastNewline) {
        StringBuilder sb = new StringBuilder();
        Random r = new Random(records);
        for (int i = 0; i < records; i++) {
            int len = 30 + r.nextInt(120);
            sb.append("@read").append(i).append('\n').append("ACGT".repeat(len / 4)).append("\n+\n")
                    .append("I".repeat(len / 4 * 4)).append('\n');
        }
        if (!lastNewline && sb.length() > 0) {
            sb.setLength(sb.length() - 1);
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertSameScan(byte[] data, InputFormat format, int every) throws IOException {
        RangeScan expected = RangeScan.scan(PositionalInput.of(data), format, 0, data.length, every);
        Random r = new Random(data.length);
        RangeScan.Whole whole = RangeScan.whole(format, every);
        for (int at = 0; at < data.length; ) {
            int n = Math.min(data.length - at, 1 + r.nextInt(r.nextBoolean() ? 100 : 400_000));
            whole.write(data, at, n);
            at += n;
        }
        RangeScan actual = whole.scan();
        String what = format + ", " + data.length + " bytes, a checkpoint every " + every + " lines";
        assertEquals(expected.start(), actual.start(), what);
        assertEquals(expected.end(), actual.end(), what);
        assertEquals(expected.lines(), actual.lines(), what);
        assertEquals(expected.regular(), actual.regular(), what);
        assertArrayEquals(expected.checkpoints(), actual.checkpoints(), what);
    }

    @Test
    void givesTheScanOfTheWholeInputWhateverTheWrites() throws IOException {
        for (int records : new int[] {0, 1, 3, 256, 20_000}) {
            for (boolean newline : new boolean[] {true, false}) {
                byte[] data = fastq(records, newline);
                for (int every : new int[] {1, 4, 1024}) {
                    assertSameScan(data, InputFormat.PAIRED_FASTQ, every);
                    assertSameScan(data, InputFormat.INTERLEAVED_FASTQ, every);
                    assertSameScan(data, InputFormat.TAB_DELIMITED, every);
                }
            }
        }
    }

    @Test
    void anInputThatDoesNotStartLikeFastqIsIrregular() throws IOException {
        byte[] data = ("not fastq\n" + new String(fastq(100, true), StandardCharsets.US_ASCII))
                .getBytes(StandardCharsets.US_ASCII);
        assertSameScan(data, InputFormat.PAIRED_FASTQ, 1024);
        byte[] cut = new byte[] {'@', 'r', '\n', 'A', 'C', '\n', '+', '\n', 'I'};
        assertSameScan(cut, InputFormat.PAIRED_FASTQ, 1024);
    }

    @Test
    void firstLinesLongerThanTheHeadKeptLeaveTheScanToAReadingPlanner() throws IOException {
        byte[] longRead = ("@r\n" + "A".repeat(1 << 21) + "\n+\n" + "I".repeat(1 << 21) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        RangeScan.Whole whole = RangeScan.whole(InputFormat.PAIRED_FASTQ, 1024);
        whole.write(longRead, 0, longRead.length);
        assertNull(whole.scan());
        assertThrows(IllegalArgumentException.class, () -> RangeScan.whole(InputFormat.PAIRED_FASTQ, 0));
    }
}
