package io.github.flashj.io.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.flashj.io.TestData;
import io.github.flashj.io.decode.BgzfBlocks;
import io.github.flashj.io.plan.PositionalInput;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BGZF as bgzip writes it: block starts found from any offset, ranges of blocks decoded apart. */
class BgzfBlocksTest {
    @TempDir
    static Path dir;
    static byte[] plain;
    static Path bgzf;
    static List<Long> starts;

    @BeforeAll
    static void bgzip() throws Exception {
        if (!new File("/usr/bin/bgzip").canExecute()) {
            if (Boolean.getBoolean("flashj.requireOracle")) {
                fail("bgzip is required: apt-get install tabix");
            }
            Assumptions.abort("bgzip is not installed (apt-get install tabix)");
        }
        plain = (TestData.mates1(TestData.mergeable(3000, 5)) + TestData.mates1(TestData.unmergeable(1000, 6, 150)))
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path text = TestData.write(dir.resolve("r1.fq"), plain);
        Process p = new ProcessBuilder("/usr/bin/bgzip", "-f", text.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        bgzf = dir.resolve("r1.fq.gz");
        byte[] b = Files.readAllBytes(bgzf);
        starts = new ArrayList<>();
        for (int at = 0; at < b.length; ) {
            starts.add((long) at);
            at += ((b[at + 16] & 0xff) | (b[at + 17] & 0xff) << 8) + 1;
        }
        assertTrue(starts.size() > 10, "several blocks: " + starts.size());
    }

    @Test
    void bgzfIsToldFromPlainGzip() throws IOException {
        byte[] b = Files.readAllBytes(bgzf);
        assertTrue(BgzfBlocks.isBgzf(b, 18));
        byte[] gz = TestData.gzip(plain);
        assertFalse(BgzfBlocks.isBgzf(gz, Math.min(18, gz.length)));
        assertFalse(BgzfBlocks.isBgzf(plain, 18));
    }

    @Test
    void aRangesFirstBlockIsFoundFromAnyOffset() throws IOException {
        try (FileChannel channel = FileChannel.open(bgzf)) {
            PositionalInput in = PositionalInput.of(channel);
            long size = in.size();
            Random rnd = new Random(1);
            for (int k = 0; k < 400; k++) {
                long from = k < 50 ? k : (long) (rnd.nextDouble() * size);
                long expected = size;
                for (long s : starts) {
                    if (s >= from) {
                        expected = s;
                        break;
                    }
                }
                assertEquals(expected, BgzfBlocks.rangeBlocks(in, from, from + 1).offsets()[0], "from byte " + from);
            }
        }
    }

    @Test
    void theBlocksOfRangesJoinIntoTheFilesTableAndDecodeToTheWholeFile() throws IOException {
        try (FileChannel channel = FileChannel.open(bgzf)) {
            PositionalInput in = PositionalInput.of(channel);
            long size = in.size();
            for (int ranges : new int[] {1, 2, 3, 7, 40, 400}) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                List<BgzfBlocks.Blocks> found = new ArrayList<>();
                for (int r = 0; r < ranges; r++) {
                    BgzfBlocks.Blocks blocks = BgzfBlocks.rangeBlocks(in, size * r / ranges, size * (r + 1) / ranges);
                    long[] offsets = blocks.offsets();
                    BgzfBlocks.decode(in, "r1.fq.gz", offsets[0], offsets[offsets.length - 1], out);
                    found.add(blocks);
                }
                assertArrayEquals(plain, out.toByteArray(), ranges + " ranges");
                BgzfBlocks.Blocks table = BgzfBlocks.join(in, found);
                assertEquals(starts.size(), table.count(), ranges + " ranges");
                for (int b = 0; b < starts.size(); b++) {
                    assertEquals(starts.get(b), table.offsets()[b], "block " + b);
                }
                assertEquals(size, table.offsets()[starts.size()]);
                assertEquals(plain.length, table.decoded()[starts.size()]);
            }
        }
    }

    @Test
    void aRangeWhoseFirstBlockIsWrongIsFoundAgainAndPlainGzipAfterBgzfIsNoTable() throws IOException {
        try (FileChannel channel = FileChannel.open(bgzf)) {
            PositionalInput in = PositionalInput.of(channel);
            long size = in.size();
            BgzfBlocks.Blocks whole = BgzfBlocks.rangeBlocks(in, 0, size);
            BgzfBlocks.Blocks first = BgzfBlocks.rangeBlocks(in, 0, size / 2);
            BgzfBlocks.Blocks misplaced = BgzfBlocks.rangeBlocks(in, starts.get(starts.size() - 2), size);
            BgzfBlocks.Blocks joined = BgzfBlocks.join(in, List.of(first, misplaced));
            assertArrayEquals(whole.offsets(), joined.offsets());
            assertArrayEquals(whole.decoded(), joined.decoded());
        }
        byte[] mixed = concat(Files.readAllBytes(bgzf), TestData.gzip(plain));
        Path file = TestData.write(dir.resolve("mixed.fq.gz"), mixed);
        try (FileChannel channel = FileChannel.open(file)) {
            PositionalInput in = PositionalInput.of(channel);
            long size = in.size();
            List<BgzfBlocks.Blocks> found = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                found.add(BgzfBlocks.rangeBlocks(in, size * r / 4, size * (r + 1) / 4));
            }
            assertNull(BgzfBlocks.join(in, found));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Test
    void aCorruptBlockIsReportedWithTheFile() throws IOException {
        byte[] b = Files.readAllBytes(bgzf);
        int at = (int) (long) starts.get(3) + 40;
        b[at] ^= 0x5a;
        Path corrupt = TestData.write(dir.resolve("corrupt.fq.gz"), b);
        try (FileChannel channel = FileChannel.open(corrupt)) {
            CompressedDataException e = assertThrows(CompressedDataException.class, () -> BgzfBlocks.decode(
                    PositionalInput.of(channel), "corrupt.fq.gz", 0, b.length, new ByteArrayOutputStream()));
            assertEquals("corrupt.fq.gz", e.source());
            assertTrue(e.getMessage().startsWith("corrupt.fq.gz: bgzf data is corrupt"), e.getMessage());
        }
    }
}
