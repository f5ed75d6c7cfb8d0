package io.github.flashj.gzip;

import static io.github.flashj.gzip.GzipDecodingTest.concat;
import static io.github.flashj.gzip.GzipDecodingTest.gzip;
import static io.github.flashj.gzip.GzipDecodingTest.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Gzip indexes in indexed_gzip's format, as rapidgzip writes them and as GzipIndex writes them. */
class GzipIndexFormatTest {
    @TempDir
    Path dir;

    /** About 4 MB of FASTQ in several members, at level 1 (many small blocks). */
    static byte[] data() {
        return text(20_000, 11);
    }

    static byte[] gzipFast(byte[] data) throws IOException {
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

    /** The data in three members: two large ones around a tiny one. */
    static byte[] multiMember(byte[] data) throws IOException {
        int a = data.length / 2;
        return concat(gzipFast(Arrays.copyOfRange(data, 0, a)), gzip(Arrays.copyOfRange(data, a, a + 10)),
                gzipFast(Arrays.copyOfRange(data, a + 10, data.length)));
    }

    private static void assumeNative() {
        assumeTrue(SeekableGzipInputStream.nativeAvailable(),
                () -> "native library unavailable: " + SeekableGzipInputStream.nativeUnavailableReason());
    }

    private Path nativeIndex(Path file) throws IOException {
        Path index = dir.resolve(file.getFileName() + ".gzidx");
        SeekableGzipInputStream.buildIndex(file, 2, 128 << 10, index);
        return index;
    }

    @Test
    void anIndexReadWithItsWindowsIsWrittenBackByteForByte() throws IOException {
        assumeNative();
        Path file = dir.resolve("multi.gz");
        Files.write(file, multiMember(data()));
        Path index = nativeIndex(file);
        byte[] written = Files.readAllBytes(index);
        GzipIndex read = GzipIndex.read(new ByteArrayInputStream(written), "multi.gz.gzidx", written.length, true);
        assertTrue(read.points() > 4, read.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        read.write(out);
        assertArrayEquals(written, out.toByteArray());
        for (int i = 0; i < read.points(); i++) {
            long at = read.windowPosition(i);
            if (at >= 0) {
                byte[] stored = Arrays.copyOfRange(written, (int) at, (int) at + read.windowSize());
                assertArrayEquals(GzipIndex.windowAt(stored, read.decompressedOffset(i)), read.window(i));
            }
        }
        GzipIndex pointsOnly = GzipIndex.read(index);
        assertEquals(read.points(), pointsOnly.points());
        assertThrows(IllegalStateException.class, () -> pointsOnly.window(1));
    }

    /**
     * Also without the point that rapidgzip writes at the data's end. (A point at a member's header
     * instead of its first block is refused: rapidgzip reads every point as a deflate block.)
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anIndexMadeInMemoryServesTheNativeReader(boolean withEndPoint) throws IOException {
        assumeNative();
        byte[] data = data();
        Path file = dir.resolve("multi.gz");
        Files.write(file, multiMember(data));
        GzipIndex exported;
        try (InputStream in = Files.newInputStream(nativeIndex(file))) {
            exported = GzipIndex.read(in, "exported", -1, true);
        }
        int n = exported.points() - (withEndPoint ? 0 : 1);
        long[] bits = new long[n];
        long[] offsets = new long[n];
        byte[][] windows = new byte[n][];
        for (int i = 0; i < n; i++) {
            bits[i] = exported.compressedBitOffset(i);
            offsets[i] = exported.decompressedOffset(i);
            windows[i] = exported.window(i);
        }
        GzipIndex made = GzipIndex.of(exported.compressedSize(), exported.decompressedSize(), 1 << 17, bits, offsets,
                windows);
        Path index = dir.resolve("made.gzidx");
        try (var out = Files.newOutputStream(index)) {
            made.write(out);
        }
        assertSameBytesAtEachPoint(file, index, data);
    }

    /** The native reader, given {@code index}, reads {@code data} from each of its seek points. */
    static void assertSameBytesAtEachPoint(Path file, Path index, byte[] data) throws IOException {
        GzipIndex read = GzipIndex.read(index);
        try (SeekableGzipInputStream in = SeekableGzipInputStream.openIndexed(file, index)) {
            for (int i = read.points() - 1; i >= 0; i--) {
                int from = (int) read.decompressedOffset(i);
                in.seek(from);
                byte[] got = in.readNBytes(5000);
                assertArrayEquals(Arrays.copyOfRange(data, from, Math.min(data.length, from + 5000)), got,
                        "at seek point " + i);
            }
        }
    }
}
