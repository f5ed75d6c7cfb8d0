package io.github.flashj.io.lz4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.io.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.codec.digest.XXHash32;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FlashJ's own LZ4 frames, written and read: against Commons Compress and the {@code lz4} tool, whose
 * {@code -t} must catch every single-bit flip through the content checksum.
 */
class Lz4FramesTest {
    @TempDir
    Path dir;

    static byte[] fastq() {
        return TestData.mates1(TestData.mergeable(4000, 3)).getBytes(StandardCharsets.ISO_8859_1);
    }

    static List<byte[]> inputs() {
        Random rnd = new Random(7);
        List<byte[]> inputs = new ArrayList<>();
        inputs.add(new byte[0]);
        inputs.add("ACGT".getBytes(StandardCharsets.ISO_8859_1));
        inputs.add(fastq());
        byte[] noise = new byte[Lz4FrameOutputStream.BLOCK + 17];
        rnd.nextBytes(noise);
        inputs.add(noise);
        byte[] run = new byte[3 * Lz4FrameOutputStream.BLOCK];
        java.util.Arrays.fill(run, (byte) 'N');
        inputs.add(run);
        for (int n : new int[] {11, 12, 13, 14, 20, 300, 70_000}) {
            byte[] b = new byte[n];
            for (int k = 0; k < n; k++) {
                b[k] = (byte) "ACGTN\n@+".charAt(rnd.nextInt(k % 3 == 0 ? 8 : 2));
            }
            inputs.add(b);
        }
        return inputs;
    }

    static byte[] frame(byte[] data, int piece) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new Lz4FrameOutputStream(bytes)) {
            for (int off = 0; off < data.length; off += piece) {
                out.write(data, off, Math.min(piece, data.length - off));
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void commonsCompressReadsWhatItWrites() throws IOException {
        for (byte[] data : inputs()) {
            for (int piece : new int[] {1 << 20, 1000, 1}) {
                if (piece == 1 && data.length > 100_000) {
                    continue;
                }
                byte[] lz4 = frame(data, piece);
                try (InputStream in = new FramedLZ4CompressorInputStream(new ByteArrayInputStream(lz4), true)) {
                    assertArrayEquals(data, in.readAllBytes(), data.length + " bytes in pieces of " + piece);
                }
            }
        }
    }

    @Test
    void itsOwnReaderReadsWhatItWritesAndWhatTheLz4ToolWrites() throws Exception {
        for (byte[] data : inputs()) {
            byte[] lz4 = frame(data, 1 << 20);
            byte[] twice = java.util.Arrays.copyOf(lz4, 2 * lz4.length);
            System.arraycopy(lz4, 0, twice, lz4.length, lz4.length);
            try (InputStream in = new Lz4FrameInputStream(new ByteArrayInputStream(twice))) {
                byte[] got = in.readAllBytes();
                assertEquals(2 * data.length, got.length);
                assertArrayEquals(data, java.util.Arrays.copyOf(got, data.length));
                assertArrayEquals(data, java.util.Arrays.copyOfRange(got, data.length, got.length));
            }
        }
        Assumptions.assumeTrue(new File("/usr/bin/lz4").canExecute(), "the lz4 tool (apt-get install lz4)");
        byte[] data = fastq();
        Path plain = Files.write(dir.resolve("tool.fastq"), data);
        // Default frames, linked blocks with 64 KiB blocks, block checksums, the content size, level 9.
        String[][] options = {{}, {"-BD", "-B4"}, {"-BX", "-B5"}, {"--content-size", "-B7"}, {"-9", "--no-frame-crc"}};
        for (String[] o : options) {
            List<String> command = new ArrayList<>(List.of("/usr/bin/lz4", "-q", "-f"));
            command.addAll(List.of(o));
            Path out = dir.resolve("tool" + String.join("", o) + ".lz4");
            command.addAll(List.of(plain.toString(), out.toString()));
            assertEquals(0, run(command.toArray(String[]::new)), command.toString());
            try (InputStream in = new Lz4FrameInputStream(Files.newInputStream(out))) {
                assertArrayEquals(data, in.readAllBytes(), List.of(o).toString());
            }
        }
    }

    /**
     * Data whose LZ4 sequences take every copy the reader makes: literal runs of 0 to 40 bytes
     * (around the 16 copied as two longs), and matches 1 to 24 bytes back (closer than 8 they
     * overlap their own output byte by byte) of 4 to 100 bytes (past 32, not overlapping, by
     * System.arraycopy), read from the lz4 tool's frames at two levels and from FlashJ's own.
     */
    @Test
    void everyLiteralAndMatchCopyGivesTheData() throws Exception {
        Random rnd = new Random(11);
        byte[] want = new byte[20_000 * 140];
        int n = 0;
        for (int k = 0; k < 20_000; k++) {
            int literals = rnd.nextInt(41);
            for (int i = 0; i < literals; i++) {
                want[n++] = (byte) rnd.nextInt(256);
            }
            int back = 1 + rnd.nextInt(24);
            int length = back > n ? 0 : 4 + rnd.nextInt(97);
            for (int i = 0; i < length; i++, n++) {
                want[n] = want[n - back];
            }
        }
        want = java.util.Arrays.copyOf(want, n);
        List<byte[]> frames = new ArrayList<>(List.of(frame(want, 1 << 20)));
        if (new File("/usr/bin/lz4").canExecute()) {
            Path plain = Files.write(dir.resolve("copies.bin"), want);
            for (String level : new String[] {"-1", "-9"}) {
                Path out = dir.resolve("copies" + level + ".lz4");
                assertEquals(0, run("/usr/bin/lz4", "-q", "-f", level, plain.toString(), out.toString()));
                frames.add(Files.readAllBytes(out));
            }
        }
        for (byte[] frame : frames) {
            try (InputStream in = new Lz4FrameInputStream(new ByteArrayInputStream(frame))) {
                assertArrayEquals(want, in.readAllBytes());
            }
        }
    }

    @Test
    void damagedFramesEndInAnIOExceptionAndNothingElse() throws IOException {
        byte[] lz4 = frame(fastq(), 1 << 20);
        Random rnd = new Random(5);
        int caught = 0;
        for (int k = 0; k < 2000; k++) {
            byte[] bad = lz4.clone();
            int edits = 1 + rnd.nextInt(4);
            for (int e = 0; e < edits; e++) {
                bad[rnd.nextInt(Math.min(bad.length, k % 2 == 0 ? 64 : bad.length))] = (byte) rnd.nextInt(256);
            }
            int cut = k % 5 == 0 ? rnd.nextInt(bad.length) : bad.length;
            try (InputStream in = new Lz4FrameInputStream(new ByteArrayInputStream(bad, 0, cut))) {
                in.readAllBytes();
            } catch (IOException expected) {
                caught++;
            }
        }
        assertTrue(caught > 1500, "nearly every damaged frame is caught by a checksum or a bound: " + caught);
    }

    @Test
    void fastqIsCompressedAboutAsWellAsByTheLz4Tool() throws Exception {
        byte[] data = fastq();
        int mine = frame(data, 1 << 20).length;
        assertTrue(mine < data.length * 0.8, "FASTQ compresses: " + mine + " of " + data.length);
        Assumptions.assumeTrue(new File("/usr/bin/lz4").canExecute(), "the lz4 tool (apt-get install lz4)");
        Path plain = Files.write(dir.resolve("plain.fastq"), data);
        assertEquals(0, run("/usr/bin/lz4", "-q", "-1", "-f", plain.toString(), dir.resolve("tool.lz4").toString()));
        long tool = Files.size(dir.resolve("tool.lz4"));
        assertTrue(mine < tool * 1.1, "within 10% of lz4 -1: " + mine + " against " + tool);
    }

    @Test
    void theChecksumIsXxh32() {
        Random rnd = new Random(3);
        for (int n : new int[] {0, 1, 3, 4, 15, 16, 17, 31, 32, 33, 100, 1000}) {
            byte[] b = new byte[n];
            rnd.nextBytes(b);
            XXHash32 reference = new XXHash32(0);
            reference.update(b, 0, n);
            XxHash32 mine = new XxHash32();
            for (int off = 0; off < n; off += 5) {
                mine.update(b, off, Math.min(5, n - off));
            }
            assertEquals((int) reference.getValue(), mine.digest(), n + " bytes");
        }
    }

    @Test
    void theLz4ToolDecodesItAndCatchesEveryBitFlip() throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/lz4").canExecute(), "the lz4 tool (apt-get install lz4)");
        byte[] data = fastq();
        byte[] lz4 = frame(data, 1 << 20);
        Path file = Files.write(dir.resolve("reads.fastq.lz4"), lz4);
        Path decoded = dir.resolve("reads.fastq");
        assertEquals(0, run("/usr/bin/lz4", "-q", "-d", "-f", file.toString(), decoded.toString()));
        assertArrayEquals(data, Files.readAllBytes(decoded));
        Random rnd = new Random(11);
        for (int k = 0; k < 40; k++) {
            byte[] flipped = lz4.clone();
            int bit = rnd.nextInt(8 * flipped.length);
            flipped[bit >>> 3] ^= (byte) (1 << (bit & 7));
            Path bad = Files.write(dir.resolve("flip" + k + ".lz4"), flipped);
            assertNotEquals(0, run("/usr/bin/lz4", "-q", "-t", bad.toString()), "bit " + bit + " flipped");
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor();
    }
}
