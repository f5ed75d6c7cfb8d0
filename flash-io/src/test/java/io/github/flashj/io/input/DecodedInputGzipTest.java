package io.github.flashj.io.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flashj.gzip.GzipFormatException;
import io.github.flashj.gzip.GzipIndex;
import io.github.flashj.gzip.GzipRangeIndex;
import io.github.flashj.gzip.SeekableGzipInputStream;
import io.github.flashj.gzip.SegmentChecks;
import io.github.flashj.io.TestData;
import io.github.flashj.io.decode.DecodedInput;
import io.github.flashj.io.decode.SeekPoints;
import io.github.flashj.io.decode.SegmentWindows;
import io.github.flashj.io.plan.PositionalInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Plain gzip read in pure Java through the seek points of its index, segments decoded apart. */
class DecodedInputGzipTest {
    @TempDir
    Path dir;

    private static final int SPACING = 32 << 10;

    private static byte[] fastq(int pairs, long seed) {
        return TestData.mates1(TestData.mergeable(pairs, seed)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] gzip(byte[] data, int level) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes, 1 << 16) {
            {
                def.setLevel(level);
            }
        }) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    /** A BGZF block holding {@code data} (at most 64 KiB compressed). */
    private static byte[] bgzfBlock(byte[] data) {
        Deflater deflater = new Deflater(6, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] raw = new byte[data.length + 1024];
        int n = deflater.deflate(raw);
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int total = 18 + n + 8;
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 4, 0, 0, 0, 0, 0, (byte) 0xff, 6, 0, 'B', 'C', 2, 0,
            (byte) (total - 1), (byte) ((total - 1) >> 8)});
        out.write(raw, 0, n);
        long c = crc.getValue();
        out.writeBytes(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24), (byte) data.length,
            (byte) (data.length >> 8), (byte) (data.length >> 16), (byte) (data.length >> 24)});
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** The view of a file through its index, built in pure Java on several ranges. */
    private static DecodedInput view(Path file, GzipIndex index) throws IOException {
        FileChannel channel = FileChannel.open(file);
        SeekPoints points = SeekPoints.of(index);
        return DecodedInput.gzip(file.toString(), PositionalInput.of(channel), channel, points,
                SegmentWindows.of(index, points), 3);
    }

    /** Reads the view's segments in a shuffled order, then checks the bytes and the members. */
    private static void assertReads(DecodedInput view, byte[] data) throws IOException {
        assertEquals(data.length, view.size());
        byte[] got = new byte[data.length];
        SeekPoints points = view.seekPoints();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < points.segments(); i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(3));
        for (int i : order) {
            long from = points.decodedStart(i);
            view.readFully(from, got, (int) from, (int) (points.decodedStart(i + 1) - from));
        }
        assertArrayEquals(data, got);
        assertNull(view.verify());
    }

    @Test
    void multiMemberGzipWithTinyAndLargeMembers() throws IOException {
        byte[] data = fastq(6000, 1);
        int a = data.length / 3;
        byte[] gz = TestData.concat(gzip(Arrays.copyOfRange(data, 0, a), 1), gzip(Arrays.copyOfRange(data, a, a + 5),
                6), gzip(new byte[0], 6), gzip(Arrays.copyOfRange(data, a + 5, a + 100), 6),
                gzip(Arrays.copyOfRange(data, a + 100, data.length), 6));
        Path file = write("multi.fq.gz", gz);
        GzipIndex index = GzipRangeIndex.index(file, SPACING, 11, 2);
        try (DecodedInput view = view(file, index)) {
            assertTrue(view.seekPoints().segments() > 10, view.seekPoints().toString());
            assertReads(view, data);
            List<SegmentChecks> checks = new ArrayList<>();
            for (int i = 0; i < view.seekPoints().segments(); i++) {
                checks.add(view.segmentChecks(i));
            }
            assertNull(SegmentChecks.check(file.toString(), checks));
        }
    }

    @Test
    void emptyGzipIsEmptyData() throws IOException {
        Path file = write("empty.fq.gz", gzip(new byte[0], 6));
        try (DecodedInput view = view(file, GzipRangeIndex.index(file, SPACING, 2, 1))) {
            assertEquals(0, view.size());
            assertEquals(-1, view.read(0, new byte[1], 0, 1));
            assertNull(view.verify());
        }
    }

    @Test
    void bgzfFollowedByPlainGzip() throws IOException {
        byte[] data = fastq(3000, 2);
        int a = 30_000;
        int b = 60_000;
        byte[] gz = TestData.concat(bgzfBlock(Arrays.copyOfRange(data, 0, a)), bgzfBlock(Arrays.copyOfRange(data, a,
                b)), gzip(Arrays.copyOfRange(data, b, data.length), 6));
        Path file = write("mixed.fq.gz", gz);
        try (DecodedInput view = view(file, GzipRangeIndex.index(file, SPACING, 7, 2))) {
            assertReads(view, data);
        }
    }

    /**
     * bgzip ends a file with an empty member: a seek point in it has the offset of the plain gzip
     * member after it, and the segment before reads on through it to that member's header.
     */
    @Test
    void bgzfWithItsEmptyLastMemberFollowedByPlainGzipAtAnySpacing() throws IOException {
        byte[] data = fastq(3000, 4);
        int a = 30_000;
        int b = 60_000;
        byte[] gz = TestData.concat(bgzfBlock(Arrays.copyOfRange(data, 0, a)), bgzfBlock(Arrays.copyOfRange(data, a,
                b)), bgzfBlock(new byte[0]), gzip(Arrays.copyOfRange(data, b, data.length), 6));
        Path file = write("bgzf-eof-then-gzip.fq.gz", gz);
        for (int spacing = 1024; spacing <= 16384; spacing += 1024) {
            try (DecodedInput view = view(file, GzipRangeIndex.index(file, spacing, 5, 2))) {
                assertReads(view, data);
            }
        }
    }

    @Test
    void aCorruptByteAfterASeekPointNamesTheFileAndAnOffset() throws IOException {
        byte[] data = fastq(6000, 3);
        byte[] gz = gzip(data, 6);
        Path file = write("corrupt.fq.gz", gz);
        GzipIndex index = GzipRangeIndex.index(file, SPACING, 4, 2);
        int point = index.points() / 2;
        int at = (int) (index.compressedBitOffset(point) / 8) + 2000;
        gz[at] ^= 0x10;
        Files.write(file, gz);
        try (DecodedInput view = view(file, index)) {
            String problem;
            try {
                byte[] all = new byte[(int) view.size()];
                view.readFully(0, all, 0, all.length);
                problem = view.verify();
                assertNotNull(problem, "a changed byte is found");
            } catch (GzipFormatException e) {
                problem = e.getMessage();
                assertTrue(problem.startsWith(file + ": "), problem);
            }
            assertTrue(problem.contains("compressed byte"), problem);
        }
    }

    @Test
    void aMemberThatSpansSegmentsIsCheckedAgainstItsTrailer() throws IOException {
        byte[] data = fastq(6000, 4);
        byte[] gz = gzip(data, 6);
        Path file = write("crc.fq.gz", gz);
        GzipIndex index = GzipRangeIndex.index(file, SPACING, 4, 2);
        gz[gz.length - 8] ^= 1;
        Files.write(file, gz);
        try (DecodedInput view = view(file, index)) {
            byte[] all = new byte[(int) view.size()];
            view.readFully(0, all, 0, all.length);
            String problem = view.verify();
            assertNotNull(problem);
            assertTrue(problem.contains("compressed byte") && problem.contains("CRC32"), problem);
        }
    }

    /** Sparse seek points, as another tool may write them: a segment a reader could not hold. */
    @Test
    void aSegmentLongerThanAReaderHoldsIsRefusedNamingTheFile() {
        long gap = DecodedInput.MAX_SEGMENT + 1;
        GzipIndex sparse = GzipIndex.of(1 << 20, 2 * gap, 1 << 20, new long[] {80, 4_000_000},
                new long[] {0, gap}, new byte[][] {new byte[0], new byte[32 << 10]});
        SeekPoints points = SeekPoints.of(sparse);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DecodedInput.gzip("sparse.fq.gz", PositionalInput.of(new byte[0]), () -> { }, points,
                        SegmentWindows.of(sparse, points), 1));
        assertTrue(e.getMessage().startsWith("sparse.fq.gz: ") && e.getMessage().contains(gap + " decompressed bytes"),
                e.getMessage());
    }

    @Test
    void theIndexOfAnotherFileIsRefused() throws IOException {
        byte[] gz1 = gzip(fastq(3000, 5), 6);
        byte[] gz2 = gzip(fastq(3000, 6), 6);
        Path file1 = write("one.fq.gz", gz1);
        Path file2 = write("two.fq.gz", Arrays.copyOf(gz2, gz1.length));
        Path index = dir.resolve("one.fq.gz.gzidx");
        try (var out = Files.newOutputStream(index)) {
            GzipRangeIndex.index(file1, SPACING, 3, 2).write(out);
        }
        assertNull(GzipIndex.read(index).check(file1, index));
        assertNotNull(GzipIndex.read(index).check(file2, index));
    }

    @Test
    void windowsReadFromTheIndexFileAsSegmentsNeedThem() throws IOException {
        byte[] data = fastq(5000, 7);
        Path file = write("remote.fq.gz", gzip(data, 1));
        Path indexFile = dir.resolve("remote.fq.gz.gzidx");
        GzipIndex built = GzipRangeIndex.index(file, SPACING, 5, 2);
        try (var out = Files.newOutputStream(indexFile)) {
            built.write(out);
        }
        GzipIndex index;
        try (InputStream in = Files.newInputStream(indexFile)) {
            index = GzipIndex.read(in, indexFile.toString(), -1, false);
        }
        for (GzipIndex sent : List.of(index, built.withoutWindows())) {
            assertThrows(IllegalStateException.class, () -> sent.window(1));
            assertEquals(built.windowPosition(1), sent.windowPosition(1));
        }
        SeekPoints points = SeekPoints.of(built.withoutWindows());
        try (FileChannel indexChannel = FileChannel.open(indexFile); FileChannel channel = FileChannel.open(file);
                DecodedInput view = DecodedInput.gzip(file.toString(), PositionalInput.of(channel), () -> { },
                        points, SegmentWindows.fromIndexFile(PositionalInput.of(indexChannel), index, points), 2)) {
            assertReads(view, data);
        }
    }

    /** Flushed every few KiB: empty stored blocks, where rapidgzip's points lie at the true block ends. */
    private static byte[] gzipFlushed(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes, 1 << 16, true)) {
            Random random = new Random(4);
            for (int at = 0; at < data.length; ) {
                int n = Math.min(data.length - at, random.nextInt(5000));
                out.write(data, at, n);
                out.flush();
                at += n;
            }
        }
        return bytes.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anIndexExportedByRapidgzipServesThePureJavaReader(boolean flushed) throws IOException {
        assumeTrue(SeekableGzipInputStream.nativeAvailable(), SeekableGzipInputStream::nativeUnavailableReason);
        byte[] data = fastq(8000, 8);
        int a = data.length / 2;
        Path file = write("native.fq.gz", flushed ? gzipFlushed(data) : TestData.concat(gzip(Arrays.copyOfRange(
                data, 0, a), 1), gzip(Arrays.copyOfRange(data, a, data.length), 6)));
        Path indexFile = dir.resolve("native.fq.gz.gzidx");
        SeekableGzipInputStream.buildIndex(file, 2, SPACING, indexFile);
        GzipIndex index;
        try (InputStream in = Files.newInputStream(indexFile)) {
            index = GzipIndex.read(in, indexFile.toString(), Files.size(indexFile), true);
        }
        try (DecodedInput view = view(file, index)) {
            assertTrue(view.seekPoints().segments() > 3, view.seekPoints().toString());
            assertReads(view, data);
        }
    }

    @Test
    void aStoredFileWhoseRangesHoldNoBlockStart() throws IOException {
        byte[] data = new byte[600_000];
        new Random(9).nextBytes(data);
        Path file = write("stored.gz", gzip(data, Deflater.NO_COMPRESSION));
        GzipIndex index = GzipRangeIndex.index(file, SPACING, 40, 3);
        try (DecodedInput view = view(file, index)) {
            assertReads(view, data);
        }
    }

    @Test
    void badDataWhileIndexingIsAGzipFormatException() throws IOException {
        byte[] gz = gzip(fastq(2000, 10), 6);
        Path file = write("cut.fq.gz", Arrays.copyOf(gz, gz.length - 100));
        GzipFormatException e = assertThrows(GzipFormatException.class, () -> GzipRangeIndex.index(file, SPACING, 3,
                2));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }
}
