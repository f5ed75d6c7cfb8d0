package io.github.flashj.io.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import io.github.flashj.FlashJob;
import io.github.flashj.JobStatistics;
import io.github.flashj.gzip.GzipFormatException;
import io.github.flashj.io.Compression;
import io.github.flashj.io.TestData;
import io.github.flashj.io.lz4.Lz4FrameOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compressed input that the tools read and that does not start with the usual magic bytes (a
 * skippable frame, LZ4's legacy format), and gzip headers that zlib rejects. The files are built
 * here byte by byte from the formats' specifications.
 */
class CompressedFramesTest {
    private static final List<TestData.Pair> PAIRS = TestData.mergeable(300, 5);
    private static final byte[] MATES1 = TestData.mates1(PAIRS).getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] MATES2 = TestData.mates2(PAIRS).getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path dir;

    /** A skippable frame (magic 0x184D2A5?, a little-endian length, that many ignored bytes). */
    static byte[] skippable(int nibble, int length) {
        byte[] frame = new byte[8 + length];
        frame[0] = (byte) (0x50 | nibble);
        frame[1] = 0x2a;
        frame[2] = 0x4d;
        frame[3] = 0x18;
        frame[4] = (byte) length;
        frame[5] = (byte) (length >>> 8);
        for (int i = 8; i < frame.length; i++) {
            frame[i] = (byte) ('@' + i % 7);
        }
        return frame;
    }

    static byte[] lz4Frame(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Lz4FrameOutputStream lz4 = new Lz4FrameOutputStream(out)) {
            lz4.write(data);
        }
        return out.toByteArray();
    }

    /**
     * Data in LZ4's legacy format ({@code lz4 -l}): the magic 0x184C2102, then blocks of a
     * little-endian size and an LZ4 block: literals, after a match where the block's first four
     * bytes repeat twice ({@link #repeatingHeads}).
     */
    static byte[] lz4Legacy(byte[] data, int blockSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x02);
        out.write(0x21);
        out.write(0x4c);
        out.write(0x18);
        for (int at = 0; at < data.length; at += blockSize) {
            int end = Math.min(data.length, at + blockSize);
            byte[] block = legacyBlock(data, at, end);
            for (int k = 0; k < 4; k++) {
                out.write(block.length >>> (8 * k));
            }
            out.write(block, 0, block.length);
        }
        return out.toByteArray();
    }

    /** One LZ4 block of {@code data[from, to)}: four literals and a match of 8 bytes where they repeat, then literals. */
    private static byte[] legacyBlock(byte[] data, int from, int to) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int at = from;
        if (to - from >= 24 && repeatsItsHead(data, from)) {
            // Literals "abcd", then a match at offset 4 of length 8 gives "abcdabcdabcd"; the
            // decoder's output must then be those twelve bytes, so build the data to match.
            b.write(0x44); // 4 literals, match length 4 + 4
            b.write(data, from, 4);
            b.write(4);
            b.write(0);
            at = from + 12;
        }
        int literals = to - at;
        b.write(Math.min(15, literals) << 4);
        for (int rest = literals - 15; rest >= 0; rest -= 255) {
            b.write(Math.min(255, rest));
            if (rest < 255) {
                break;
            }
        }
        b.write(data, at, literals);
        return b.toByteArray();
    }

    private static boolean repeatsItsHead(byte[] data, int from) {
        for (int k = 4; k < 12; k++) {
            if (data[from + k] != data[from + k % 4]) {
                return false;
            }
        }
        return true;
    }

    /** {@code data} with bytes 4 to 12 of every block of {@code blockSize} repeating its first four, as {@link #legacyBlock} encodes them. */
    private static byte[] repeatingHeads(byte[] data, int blockSize) {
        byte[] copy = data.clone();
        for (int at = 0; at + 24 <= copy.length; at += blockSize) {
            if (Math.min(copy.length, at + blockSize) - at >= 24) {
                System.arraycopy(copy, at, copy, at + 4, 4);
                System.arraycopy(copy, at, copy, at + 8, 4);
            }
        }
        return copy;
    }

    private static byte[] decode(byte[] compressed) throws IOException {
        try (InputStream in = FastqInputs.decoded(new ByteArrayInputStream(compressed), "x")) {
            return in.readAllBytes();
        }
    }

    private JobStatistics run(byte[] file1, byte[] file2) throws IOException {
        Path r1 = TestData.write(dir.resolve("r1.in"), file1);
        Path r2 = TestData.write(dir.resolve("r2.in"), file2);
        return FlashJob.builder().source(FastqInputs.pairedFiles(r1, r2))
                .sink(TestData.output(dir.resolve("out")).build()).workers(2).build().run();
    }

    @Test
    void zstd_startingWithASkippableFrame_isRead() throws IOException {
        byte[] file = TestData.concat(skippable(0, 100), Zstd.compress(MATES1));
        assertEquals(Compression.ZSTD, Compression.of(file, 4));
        assertArrayEquals(MATES1, decode(file));
        assertEquals(PAIRS.size(), run(file, TestData.concat(skippable(15, 0), skippable(3, 9),
                Zstd.compress(MATES2))).pairs());
    }

    @Test
    void lz4_startingWithASkippableFrame_isRead() throws IOException {
        byte[] file = TestData.concat(skippable(7, 300), lz4Frame(MATES1));
        assertArrayEquals(MATES1, decode(file));
        assertEquals(PAIRS.size(), run(file, TestData.concat(skippable(0, 1), lz4Frame(MATES2))).pairs());
    }

    @Test
    void lz4LegacyFormat_isRead() throws IOException {
        int blockSize = 1000;
        byte[] mates1 = repeatingHeads(MATES1, blockSize);
        assertEquals(Compression.LZ4, Compression.of(lz4Legacy(mates1, blockSize), 4));
        assertArrayEquals(mates1, decode(lz4Legacy(mates1, blockSize)));
        // A legacy frame may be followed by another, or by a frame of the current format.
        byte[] half = java.util.Arrays.copyOf(MATES2, MATES2.length / 2);
        byte[] rest = java.util.Arrays.copyOfRange(MATES2, half.length, MATES2.length);
        byte[] twoLegacy = TestData.concat(lz4Legacy(repeatingHeads(half, 5000), 5000), lz4Legacy(rest, 100_000));
        assertArrayEquals(TestData.concat(repeatingHeads(half, 5000), rest), decode(twoLegacy));
        byte[] thenFrame = TestData.concat(lz4Legacy(MATES1, 4096), lz4Frame(MATES2));
        assertArrayEquals(TestData.concat(MATES1, MATES2), decode(thenFrame));
        assertEquals(PAIRS.size(), run(lz4Legacy(MATES1, 100_000), lz4Legacy(MATES2, 7_000)).pairs());
    }

    @Test
    void aSkippableFrameFollowedByPlainText_isACompressedDataError() {
        byte[] file = TestData.concat(skippable(0, 10), MATES1);
        CompressedDataException e = assertThrows(CompressedDataException.class,
                () -> run(file, Zstd.compress(MATES2)));
        assertTrue(e.getMessage().startsWith(dir.resolve("r1.in") + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("neither a zstd nor an lz4 frame"), e.getMessage());
    }

    @Test
    void aFileEndingInsideASkippableFrame_isACompressedDataError() {
        byte[] cut = java.util.Arrays.copyOf(skippable(0, 100), 50);
        CompressedDataException e = assertThrows(CompressedDataException.class, () -> decode(cut));
        assertTrue(e.getMessage().contains("ends inside a skippable frame"), e.getMessage());
    }

    /** As zlib ("unknown header flags set"): bits 5 to 7 of the flags are reserved. */
    @Test
    void gzipWithReservedFlagBits_isRejected() throws IOException {
        byte[] gz = TestData.gzip(MATES1);
        gz[3] |= 0x20;
        GzipFormatException e = assertThrows(GzipFormatException.class, () -> run(gz, TestData.gzip(MATES2)));
        assertTrue(e.getMessage().startsWith(dir.resolve("r1.in") + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("unknown header flags set"), e.getMessage());
        GzipFormatException piped = assertThrows(GzipFormatException.class, () -> decode(gz));
        assertTrue(piped.getMessage().contains("unknown header flags set"), piped.getMessage());
    }
}
