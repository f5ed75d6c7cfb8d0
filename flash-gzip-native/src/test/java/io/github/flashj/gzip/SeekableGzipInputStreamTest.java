package io.github.flashj.gzip;

import static io.github.flashj.gzip.GzipDecodingTest.bgzfMember;
import static io.github.flashj.gzip.GzipDecodingTest.concat;
import static io.github.flashj.gzip.GzipDecodingTest.gzip;
import static io.github.flashj.gzip.GzipDecodingTest.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flashj.gzip.SeekableGzipInputStream.Decoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same files through rapidgzip and through java.util.zip: same bytes, same seeks, errors that
 * name the file. The native cases skip where the library is absent, unless the build requires it.
 */
class SeekableGzipInputStreamTest {
    @TempDir
    Path dir;

    /** About 12 MB of FASTQ, enough for rapidgzip to decode chunks in parallel. */
    private static final byte[] LARGE = text(60_000, 7);
    private static byte[] largeGzip;

    /** LARGE compressed at zlib's default level, made once: the compression takes a second. */
    private static synchronized byte[] largeGzip() throws IOException {
        if (largeGzip == null) {
            largeGzip = gzip(LARGE);
        }
        return largeGzip.clone();
    }

    static void assumeDecoder(Decoder decoder) {
        if (decoder != Decoder.JAVA) {
            assumeTrue(SeekableGzipInputStream.nativeAvailable(),
                    () -> "native library unavailable: " + SeekableGzipInputStream.nativeUnavailableReason());
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static SeekableGzipInputStream open(Path file, Decoder decoder) throws IOException {
        switch (decoder) {
            case RAPIDGZIP:
                return SeekableGzipInputStream.open(file, 2, true, true);
            case ISAL:
                return SeekableGzipInputStream.open(file, 1, false, true);
            default:
                return SeekableGzipInputStream.open(file, 1, false, false);
        }
    }

    private static byte[] decode(Path file, Decoder decoder) throws IOException {
        try (SeekableGzipInputStream in = open(file, decoder)) {
            assertEquals(decoder, in.decoder());
            return in.readAllBytes();
        }
    }

    /** Compressed with many small deflate blocks at level 1, as fast compressors write them. */
    private static byte[] gzipFast(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes, 1 << 16) {
            {
                def.setLevel(1);
            }
        }) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    @Test
    void theLibraryLoadsWhereTheBuildRequiresIt() {
        assumeTrue(Boolean.getBoolean("flashj.requireNative"), "flashj.requireNative is not set");
        assertTrue(SeekableGzipInputStream.nativeAvailable(), SeekableGzipInputStream::nativeUnavailableReason);
        assertEquals("0.16.1", NativeLibrary.version());
    }

    @ParameterizedTest
    @EnumSource(Decoder.class)
    void decodesALargeFileAsJavaUtilZipDoes(Decoder decoder) throws IOException {
        assumeDecoder(decoder);
        assertArrayEquals(LARGE, decode(write("large.fq.gz", largeGzip()), decoder));
        assertArrayEquals(LARGE, decode(write("fast.fq.gz", gzipFast(LARGE)), decoder));
    }

    @ParameterizedTest
    @EnumSource(Decoder.class)
    void decodesMultiMemberBgzfAndEmptyMembers(Decoder decoder) throws IOException {
        assumeDecoder(decoder);
        byte[] a = text(3000, 1);
        byte[] b = text(5, 2);
        ByteArrayOutputStream bgzf = new ByteArrayOutputStream();
        for (int off = 0; off < a.length; off += 60000) {
            bgzf.writeBytes(bgzfMember(Arrays.copyOfRange(a, off, Math.min(a.length, off + 60000))));
        }
        bgzf.writeBytes(bgzfMember(new byte[0]));
        assertArrayEquals(concat(a, b, a), decode(write("multi.gz", concat(gzip(a), gzip(b), gzipFast(a))), decoder));
        assertArrayEquals(a, decode(write("bgzf.gz", bgzf.toByteArray()), decoder));
        assertArrayEquals(new byte[0], decode(write("empty.gz", gzip(new byte[0])), decoder));
        assertArrayEquals(b, decode(write("lead.gz", concat(gzip(new byte[0]), gzip(b))), decoder));
    }

    @ParameterizedTest
    @EnumSource(Decoder.class)
    void seeksForwardAndBack(Decoder decoder) throws IOException {
        assumeDecoder(decoder);
        Path file = write("seek.gz", gzipFast(LARGE));
        Random r = new Random(3);
        try (SeekableGzipInputStream in = open(file, decoder)) {
            for (int i = 0; i < 20; i++) {
                int at = r.nextInt(LARGE.length - 100);
                in.seek(at);
                assertEquals(at, in.position());
                assertArrayEquals(Arrays.copyOfRange(LARGE, at, at + 100), in.readNBytes(100));
                assertEquals(at + 100, in.position());
            }
            in.seek(LARGE.length);
            assertEquals(-1, in.read());
        }
    }

    @Test
    void anExportedIndexServesALaterReader() throws IOException {
        assumeDecoder(Decoder.RAPIDGZIP);
        Path file = write("indexed.gz", gzipFast(LARGE));
        Path index = dir.resolve("indexed.gz.gzidx");
        try (SeekableGzipInputStream in = open(file, Decoder.RAPIDGZIP)) {
            assertArrayEquals(LARGE, in.readAllBytes());
            in.exportIndex(index);
        }
        assertTrue(Files.size(index) > 0);
        try (SeekableGzipInputStream in = open(file, Decoder.RAPIDGZIP)) {
            in.importIndex(index);
            in.seek(LARGE.length / 2);
            assertArrayEquals(Arrays.copyOfRange(LARGE, LARGE.length / 2, LARGE.length), in.readAllBytes());
        }
        try (SeekableGzipInputStream in = SeekableGzipInputStream.open(file, 2, false, true)) {
            in.importIndex(index);
            assertArrayEquals(LARGE, in.readAllBytes());
        }
    }

    @Test
    void aBadIndexNamesTheFile() throws IOException {
        assumeDecoder(Decoder.RAPIDGZIP);
        Path file = write("bad-index.gz", largeGzip());
        Path index = write("bad.gzidx", "not an index".getBytes());
        try (SeekableGzipInputStream in = open(file, Decoder.RAPIDGZIP)) {
            IOException e = assertThrows(IOException.class, () -> in.importIndex(index));
            assertTrue(e.getMessage().startsWith(file + ": cannot import the gzip index " + index), e.getMessage());
        }
    }

    @Test
    void nativeMessagesKeepTheirFirstSentenceWithoutThreadIds() {
        assertEquals("Decoding failed with error code -1: Invalid deflate block found!",
                SeekableGzipInputStream.firstSentence("[IsalInflateWrapper][Thread 1396771] Decoding failed with error"
                        + " code -1: Invalid deflate block found! Already decoded 0 B. Read 0 B 3 b."));
        assertEquals("Mismatching CRC32 (0xf5f838d3 <-> stored: 0xf5f838c3)!",
                SeekableGzipInputStream.firstSentence("Mismatching CRC32 (0xf5f838d3 <-> stored: 0xf5f838c3)!"));
        assertEquals("no details", SeekableGzipInputStream.firstSentence(null));
    }

    @ParameterizedTest
    @EnumSource(value = Decoder.class, names = {"ISAL", "JAVA"})
    void forwardOnlyDecodersHaveNoIndexes(Decoder decoder) throws IOException {
        assumeDecoder(decoder);
        Path file = write("forward.gz", gzip(text(10, 1)));
        try (SeekableGzipInputStream in = open(file, decoder)) {
            assertThrows(UnsupportedOperationException.class, () -> in.exportIndex(dir.resolve("x")));
            assertThrows(UnsupportedOperationException.class, () -> in.importIndex(dir.resolve("x")));
        }
    }

    @ParameterizedTest
    @EnumSource(Decoder.class)
    void bytesAfterTheLastMemberAreIgnoredUnlessTheyStartOne(Decoder decoder) throws IOException {
        assumeDecoder(decoder);
        assumeTrue(decoder != Decoder.RAPIDGZIP, "rapidgzip rejects trailing bytes (docs/COMPATIBILITY.md)");
        byte[] a = text(50, 4);
        assertArrayEquals(a, decode(write("garbage.gz", concat(gzip(a), "not gzip\n".getBytes())), decoder));
        assertArrayEquals(a, decode(write("lone.gz", concat(gzip(a), new byte[] {0x1f})), decoder));
        assertCorrupt(concat(gzip(a), new byte[] {0x1f, (byte) 0x8b}), decoder);
    }

    private void assertCorrupt(byte[] gz, Decoder decoder) throws IOException {
        Path file = write("bad.fq.gz", gz);
        GzipFormatException e = assertThrows(GzipFormatException.class, () -> decode(file, decoder));
        assertEquals(file.toString(), e.source());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Decoder.class)
    void truncatedDataIsAGzipFormatException(Decoder decoder) throws IOException {
        assumeDecoder(decoder);
        byte[] gz = largeGzip();
        for (int cut : new int[] {2, 5, 10, 11, 42, 85, 1000, 100_000, gz.length / 2, gz.length - 8, gz.length - 3}) {
            assertCorrupt(Arrays.copyOf(gz, cut), decoder);
        }
        byte[] small = gzip(text(3, 1));
        byte[] two = concat(gz, small);
        for (int cut : new int[] {gz.length + 5, gz.length + 12, two.length - 1}) {
            assertCorrupt(Arrays.copyOf(two, cut), decoder);
        }
    }

    @ParameterizedTest
    @EnumSource(Decoder.class)
    void crcFailureIsAGzipFormatException(Decoder decoder) throws IOException {
        assumeDecoder(decoder);
        byte[] gz = largeGzip();
        gz[gz.length - 8] ^= 1;
        assertCorrupt(gz, decoder);
    }

    @ParameterizedTest
    @EnumSource(Decoder.class)
    void corruptDeflateDataIsAGzipFormatException(Decoder decoder) throws IOException {
        assumeDecoder(decoder);
        byte[] gz = largeGzip();
        for (int i = gz.length / 3; i < gz.length / 3 + 64; i++) {
            gz[i] = (byte) 0xff;
        }
        assertCorrupt(gz, decoder);
    }
}
