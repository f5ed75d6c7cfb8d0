package io.github.flashj.io.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.gzip.IsalInflate;
import io.github.flashj.io.input.CompressedDataException;
import io.github.flashj.io.plan.PositionalInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BGZF blocks decode to the same bytes by ISA-L and by zlib, the two twins of
 * {@link BgzfBlocks#decode}, and a corrupt block fails both alike, naming the file and the block.
 * A range is read a megabyte at a time, from its first block to the end of its last.
 */
class BgzfInflateTwinsTest {
    static byte[] data;
    static byte[] bgzf;

    @BeforeAll
    static void blocks() {
        Assumptions.assumeTrue(IsalInflate.available(), "the native library is not loaded");
        StringBuilder text = new StringBuilder();
        Random random = new Random(7);
        for (int i = 0; i < 4000; i++) {
            text.append("@read").append(i).append("/1\n");
            for (int k = 0; k < 150; k++) {
                text.append("ACGT".charAt(random.nextInt(4)));
            }
            text.append("\n+\n").append("I".repeat(150)).append('\n');
        }
        data = text.toString().getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < data.length; at += 60_000) {
            int n = Math.min(60_000, data.length - at);
            out.writeBytes(block(data, at, n, at % 120_000 == 0 ? 6 : 0));
        }
        out.writeBytes(block(new byte[0], 0, 0, 6));
        bgzf = out.toByteArray();
    }

    /** One BGZF block holding {@code data[at, at + n)}, compressed at {@code level} (0: stored blocks). */
    static byte[] block(byte[] data, int at, int n, int level) {
        Deflater deflater = new Deflater(level, true);
        deflater.setInput(data, at, n);
        deflater.finish();
        byte[] raw = new byte[n + 1024];
        int size = deflater.deflate(raw);
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(data, at, n);
        int total = 18 + size + 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 4, 0, 0, 0, 0, 0, (byte) 0xff, 6, 0, 'B', 'C', 2, 0,
            (byte) (total - 1), (byte) ((total - 1) >> 8)});
        out.write(raw, 0, size);
        long c = crc.getValue();
        out.writeBytes(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24), (byte) n,
            (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24)});
        return out.toByteArray();
    }

    private static byte[] decode(byte[] file, boolean isal) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BgzfBlocks.decode(PositionalInput.of(file), "r1.fq.gz", 0, file.length, out, isal);
        return out.toByteArray();
    }

    private static String blockNamed(Exception e) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("block at byte (\\d+)").matcher(e.getMessage());
        return m.find() ? m.group(1) : e.getMessage();
    }

    @Test
    void isalAndZlibGiveTheSameBytes() throws IOException {
        assertArrayEquals(data, decode(bgzf, true));
        assertArrayEquals(data, decode(bgzf, false));
    }

    @Test
    void aCorruptBlockFailsBothAlike() {
        for (int flip : new int[] {40, 1000, 30_000}) {
            byte[] corrupt = bgzf.clone();
            corrupt[flip] ^= 0x55;
            CompressedDataException byIsal = assertThrows(CompressedDataException.class, () -> decode(corrupt, true));
            CompressedDataException byZlib = assertThrows(CompressedDataException.class, () -> decode(corrupt, false));
            for (CompressedDataException e : new CompressedDataException[] {byIsal, byZlib}) {
                assertTrue(e.getMessage().startsWith("r1.fq.gz: ") && e.getMessage().contains("block at byte "),
                        e.getMessage());
            }
            assertEquals(blockNamed(byZlib), blockNamed(byIsal), byIsal.getMessage() + " / " + byZlib.getMessage());
        }
    }

    @Test
    void aRangeIsReadAMegabyteAtATimeFromItsFirstBlockToItsLastBlocksEnd() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<Long> starts = new ArrayList<>();
        for (int copy = 0; copy < 4; copy++) {
            for (int at = 0; at < data.length; at += 60_000) {
                starts.add((long) file.size());
                file.writeBytes(block(data, at, Math.min(60_000, data.length - at), 0));
            }
        }
        byte[] bgzfFile = file.toByteArray();
        assertTrue(bgzfFile.length > 4 << 20, "a file of several megabytes: " + bgzfFile.length);
        List<long[]> reads = new ArrayList<>();
        PositionalInput bytes = PositionalInput.of(bgzfFile);
        PositionalInput counted = new PositionalInput() {
            @Override
            public long size() throws IOException {
                return bytes.size();
            }

            @Override
            public int read(long position, byte[] buffer, int offset, int length) throws IOException {
                int n = bytes.read(position, buffer, offset, length);
                reads.add(new long[] {position, position + Math.max(n, 0)});
                return n;
            }
        };
        int first = 5;
        int last = starts.size() - 7;
        long from = starts.get(first);
        long to = starts.get(last);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BgzfBlocks.decode(counted, "r1.fq.gz", from, to, out, true);

        assertEquals((last - first) * 60_000L - missingTail(first, last), out.size());
        long read = reads.stream().mapToLong(r -> r[1] - r[0]).sum();
        assertTrue(reads.size() <= (to - from) / ((1 << 20) - (1 << 16)) + 1, reads.size() + " reads");
        assertTrue(reads.stream().allMatch(r -> r[0] >= from && r[1] <= to + (1 << 16)),
                "no byte before the range nor past a block's length after it");
        assertTrue(read < (to - from) + (1 << 16) * reads.size(), read + " bytes read");
    }

    /** The bytes that blocks {@code [first, last)} hold less than 60,000 each: the copies' short last blocks. */
    private static long missingTail(int first, int last) {
        int perCopy = (data.length + 59_999) / 60_000;
        long missing = 0;
        for (int b = first; b < last; b++) {
            if (b % perCopy == perCopy - 1) {
                missing += 60_000 - (data.length - (perCopy - 1) * 60_000L);
            }
        }
        return missing;
    }

    @Test
    void anExtraFieldLongerThanItsBlockIsCorruptData() {
        byte[] bad = block(data, 0, 1000, 6);
        bad[10] = (byte) 0xff;
        bad[11] = (byte) 0xff;
        for (boolean isal : new boolean[] {true, false}) {
            CompressedDataException e = assertThrows(CompressedDataException.class, () -> decode(bad, isal));
            assertTrue(e.getMessage().contains("the block at byte 0 has an extra field longer than the block"),
                    e.getMessage());
        }
    }
}
