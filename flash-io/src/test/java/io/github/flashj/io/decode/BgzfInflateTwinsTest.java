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
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BGZF blocks decode to the same bytes by ISA-L and by zlib, the two twins of
 * {@link BgzfBlocks#decode}, and a corrupt block fails both alike, naming the file and the block.
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
}
