package io.github.flashj.gzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class GzipDecodingTest {
    private static final String NAME = "reads_1.fq.gz";

    static byte[] text(int records, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < records; i++) {
            int len = 20 + r.nextInt(200);
            sb.append("@read").append(i).append("/1\n");
            for (int k = 0; k < len; k++) {
                sb.append("ACGT".charAt(r.nextInt(4)));
            }
            sb.append("\n+\n");
            for (int k = 0; k < len; k++) {
                sb.append((char) ('!' + r.nextInt(41)));
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    /** One BGZF-style member: a header with an FEXTRA "BC" subfield, raw deflate, CRC and size. */
    static byte[] bgzfMember(byte[] data) {
        Deflater d = new Deflater(6, true);
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length + 1024];
        int n = 0;
        while (!d.finished()) {
            n += d.deflate(buf, n, buf.length - n);
        }
        d.end();
        int blockSize = 18 + n + 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 4, 0, 0, 0, 0, 0, (byte) 0xff, 6, 0, 'B', 'C', 2, 0,
            (byte) (blockSize - 1), (byte) ((blockSize - 1) >>> 8)});
        out.write(buf, 0, n);
        CRC32 crc = new CRC32();
        crc.update(data);
        writeIntLe(out, crc.getValue());
        writeIntLe(out, data.length);
        return out.toByteArray();
    }

    private static void writeIntLe(ByteArrayOutputStream out, long v) {
        out.write((int) v);
        out.write((int) (v >>> 8));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 24));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] decode(InputStream in) throws IOException {
        try (InputStream gz = GzipDecoding.open(in, NAME)) {
            return gz.readAllBytes();
        }
    }

    /** A pipe that hands out a few bytes at a time and never has anything "available". */
    static final class TricklingStream extends InputStream {
        private final byte[] data;
        private final int chunk;
        private int pos;

        TricklingStream(byte[] data, int chunk) {
            this.data = data;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, chunk), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return 0;
        }
    }

    @Test
    void isGzipLooksAtTheMagicBytesOnly() {
        assertTrue(GzipDecoding.isGzip(new byte[] {0x1f, (byte) 0x8b}, 2));
        assertTrue(GzipDecoding.isGzip(new byte[] {0x1f, (byte) 0x8b, 8, 0}, 4));
        assertFalse(GzipDecoding.isGzip(new byte[] {0x1f, (byte) 0x8b}, 1));
        assertFalse(GzipDecoding.isGzip(new byte[] {0x1f}, 1));
        assertFalse(GzipDecoding.isGzip(new byte[0], 0));
        assertFalse(GzipDecoding.isGzip("@r".getBytes(StandardCharsets.US_ASCII), 2));
        assertFalse(GzipDecoding.isGzip(new byte[] {(byte) 0x8b, 0x1f}, 2));
        assertFalse(GzipDecoding.isGzip(new byte[] {0x42, 0x5a, 0x68}, 3)); // bzip2
    }

    @Test
    void decodesOneMember() throws IOException {
        byte[] data = text(500, 1);
        assertArrayEquals(data, decode(new ByteArrayInputStream(gzip(data))));
    }

    @Test
    void decodesAllMembersOfAConcatenation() throws IOException {
        byte[] a = text(300, 2);
        byte[] b = text(200, 3);
        byte[] c = text(1, 4);
        assertArrayEquals(concat(a, b, c), decode(new ByteArrayInputStream(concat(gzip(a), gzip(b), gzip(c)))));
    }

    @Test
    void decodesEmptyMembers() throws IOException {
        byte[] a = text(50, 5);
        byte[] empty = gzip(new byte[0]);
        assertArrayEquals(new byte[0], decode(new ByteArrayInputStream(empty)));
        assertArrayEquals(a, decode(new ByteArrayInputStream(concat(empty, gzip(a), empty, empty))));
        assertArrayEquals(concat(a, a), decode(new ByteArrayInputStream(concat(gzip(a), empty, gzip(a)))));
    }

    @Test
    void decodesBgzf() throws IOException {
        byte[] data = text(2000, 6);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (int off = 0; off < data.length; off += 60000) {
            file.writeBytes(bgzfMember(Arrays.copyOfRange(data, off, Math.min(data.length, off + 60000))));
        }
        file.writeBytes(bgzfMember(new byte[0])); // BGZF's end-of-file marker
        assertArrayEquals(data, decode(new ByteArrayInputStream(file.toByteArray())));
    }

    @Test
    void decodesEveryMemberFromAPipeThatIsMomentarilyEmpty() throws IOException {
        // GZIPInputStream alone stops after the first member when available() is 0.
        byte[] a = text(100, 7);
        byte[] b = text(100, 8);
        byte[] gz = concat(gzip(a), gzip(b), bgzfMember(b), gzip(new byte[0]), gzip(a));
        byte[] expected = concat(a, b, b, a);
        for (int chunk : new int[] {1, 7, 100, 4096, 1 << 20}) {
            assertArrayEquals(expected, decode(new TricklingStream(gz, chunk)), "chunk " + chunk);
        }
    }

    @Test
    void truncatedDataIsAGzipFormatExceptionNamingTheSource() throws IOException {
        byte[] gz = gzip(text(200, 9));
        for (int cut : new int[] {2, 3, 9, 10, 11, gz.length / 3, gz.length / 2, gz.length - 9, gz.length - 8,
            gz.length - 4, gz.length - 1}) {
            byte[] shortened = Arrays.copyOf(gz, cut);
            GzipFormatException e = assertThrows(GzipFormatException.class,
                    () -> decode(new ByteArrayInputStream(shortened)), "cut at " + cut);
            assertEquals(NAME, e.source());
            assertTrue(e.getMessage().startsWith(NAME + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void truncatedSecondMemberIsAnError() throws IOException {
        byte[] first = gzip(text(50, 10));
        byte[] second = gzip(text(50, 11));
        for (int cut : new int[] {12, second.length / 2, second.length - 1}) {
            byte[] data = concat(first, Arrays.copyOf(second, cut));
            assertThrows(GzipFormatException.class, () -> decode(new ByteArrayInputStream(data)), "cut at " + cut);
        }
    }

    @Test
    void crcFailureIsAGzipFormatException() throws IOException {
        byte[] gz = gzip(text(200, 12));
        for (int k = 8; k >= 5; k--) {
            byte[] bad = gz.clone();
            bad[bad.length - k] ^= 0x01; // CRC32 bytes
            GzipFormatException e = assertThrows(GzipFormatException.class,
                    () -> decode(new ByteArrayInputStream(bad)));
            assertEquals(NAME, e.source());
            assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        }
        byte[] badSize = gz.clone();
        badSize[badSize.length - 2] ^= 0x40; // ISIZE
        assertThrows(GzipFormatException.class, () -> decode(new ByteArrayInputStream(badSize)));
    }

    @Test
    void corruptDeflateDataIsAGzipFormatException() throws IOException {
        byte[] data = text(300, 13);
        byte[] gz = gzip(data);
        // The first deflate byte set to a reserved block type.
        byte[] reserved = gz.clone();
        reserved[10] = 0x07;
        assertEquals(NAME, assertThrows(GzipFormatException.class,
                () -> decode(new ByteArrayInputStream(reserved))).source());
        // Flipped bytes anywhere in the deflate data: an error, by the decoder or by the CRC check.
        Random r = new Random(14);
        for (int trial = 0; trial < 40; trial++) {
            byte[] bad = gz.clone();
            int at = 10 + r.nextInt(gz.length - 18);
            bad[at] ^= (byte) (1 + r.nextInt(255));
            assertThrows(GzipFormatException.class, () -> decode(new ByteArrayInputStream(bad)), "flip at " + at);
        }
    }

    @Test
    void corruptStoredBlockLengthsAreAGzipFormatException() throws IOException {
        byte[] data = text(10, 15);
        Deflater d = new Deflater(Deflater.NO_COMPRESSION, true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3});
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length + 100];
        int n = 0;
        while (!d.finished()) {
            n += d.deflate(buf, n, buf.length - n);
        }
        d.end();
        bytes.write(buf, 0, n);
        CRC32 crc = new CRC32();
        crc.update(data);
        writeIntLe(bytes, crc.getValue());
        writeIntLe(bytes, data.length);
        byte[] gz = bytes.toByteArray();
        assertArrayEquals(data, decode(new ByteArrayInputStream(gz)));
        byte[] bad = gz.clone();
        bad[13] ^= 0x55; // NLEN of the stored block
        assertThrows(GzipFormatException.class, () -> decode(new ByteArrayInputStream(bad)));
    }

    @Test
    void badHeaderIsAGzipFormatException() throws IOException {
        byte[] gz = gzip(text(5, 16));
        byte[] method = gz.clone();
        method[2] = 7;
        GzipFormatException e = assertThrows(GzipFormatException.class,
                () -> decode(new ByteArrayInputStream(method)));
        assertEquals(NAME, e.source());
        byte[] magic = gz.clone();
        magic[1] = 0x00;
        assertThrows(GzipFormatException.class, () -> decode(new ByteArrayInputStream(magic)));
    }

    @Test
    void openClosesTheInputWhenTheHeaderIsBad() {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(new byte[] {0x1f, (byte) 0x8b, 8}) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        assertThrows(GzipFormatException.class, () -> GzipDecoding.open(in, NAME));
        assertTrue(closed[0]);
    }

    @Test
    void singleByteReadsWork() throws IOException {
        byte[] data = text(20, 17);
        try (InputStream in = GzipDecoding.open(new TricklingStream(concat(gzip(data), gzip(data)), 3), NAME)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                out.write(b);
            }
            assertArrayEquals(concat(data, data), out.toByteArray());
        }
    }
}
