package io.github.flashj.gzip;

import static io.github.flashj.gzip.GzipDecodingTest.concat;
import static io.github.flashj.gzip.GzipDecodingTest.gzip;
import static io.github.flashj.gzip.GzipIndexFormatTest.assertSameBytesAtEachPoint;
import static io.github.flashj.gzip.GzipIndexFormatTest.data;
import static io.github.flashj.gzip.GzipIndexFormatTest.gzipFast;
import static io.github.flashj.gzip.GzipIndexFormatTest.multiMember;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ranges of a plain gzip file indexed apart and joined: the index one pass would give. */
class GzipRangeIndexTest {
    @TempDir
    Path dir;

    private static final long SPACING = 64 << 10;

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static byte[] written(GzipIndex index) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        index.write(out);
        return out.toByteArray();
    }

    /** Each point's window is the data before it, and the point is a block where the data go on. */
    private static void assertPointsMatch(GzipIndex index, byte[] data) {
        assertEquals(data.length, index.decompressedSize());
        for (int i = 0; i < index.points(); i++) {
            int at = (int) index.decompressedOffset(i);
            assertArrayEquals(Arrays.copyOfRange(data, Math.max(0, at - DeflateStream.WINDOW), at), index.window(i),
                    "window of point " + i);
        }
    }

    /** The data read in pure Java from each seek point with its window. */
    private static void assertDecodesFromEachPoint(Path file, GzipIndex index, byte[] data) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i < index.points(); i++) {
            long bit = index.compressedBitOffset(i);
            int at = (int) index.decompressedOffset(i);
            try (DeflateStream s = DeflateStream.atBlock(new ByteArrayInputStream(bytes, (int) (bit / 8),
                    bytes.length), bit, index.window(i), file.toString())) {
                byte[] got = new byte[Math.min(5000, data.length - at)];
                int n = 0;
                while (n < got.length) {
                    n += s.read(got, n, got.length - n);
                }
                assertArrayEquals(Arrays.copyOfRange(data, at, at + got.length), got, "from point " + i);
            }
        }
    }

    @Test
    void oneRangeAndManyGiveTheSameIndex() throws IOException {
        byte[] data = data();
        Path file = write("multi.gz", multiMember(data));
        GzipIndex one = GzipRangeIndex.index(file, SPACING, 1, 1);
        assertTrue(one.points() > 20, one.toString());
        assertPointsMatch(one, data);
        assertDecodesFromEachPoint(file, one, data);
        byte[] expected = written(one);
        for (int ranges : new int[] {2, 7, 40, 300}) {
            assertArrayEquals(expected, written(GzipRangeIndex.index(file, SPACING, ranges, 3)), ranges + " ranges");
        }
    }

    /** Blocks of every kind: flushes (empty stored blocks), tiny fixed-Huffman blocks, pigz's output. */
    @ParameterizedTest
    @ValueSource(strings = {"flush", "level9", "huffman", "pigz", "members"})
    void oneRangeAndManyAgreeOnEveryKindOfBlock(String kind) throws Exception {
        byte[] data = data();
        byte[] gz = compress(data, kind);
        Path file = write(kind + ".gz", gz);
        GzipIndex one = GzipRangeIndex.index(file, SPACING, 1, 1);
        assertTrue(one.points() >= gz.length / SPACING / 2, one + " from " + gz.length + " bytes");
        assertPointsMatch(one, data);
        assertDecodesFromEachPoint(file, one, data);
        byte[] expected = written(one);
        for (int ranges : new int[] {5, 61, 400}) {
            assertArrayEquals(expected, written(GzipRangeIndex.index(file, SPACING, ranges, 3)), ranges + " ranges");
        }
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        GzipRangeIndex whole = GzipRangeIndex.buildWhole(new ByteArrayInputStream(gz), gz.length, SPACING,
                GzipRangeIndex.DECODED_SPACING, kind, null, decoded);
        assertArrayEquals(data, decoded.toByteArray(), "the data written as the whole file is indexed");
        assertArrayEquals(expected, written(GzipRangeIndex.join(List.of(whole), (startBit, toByte) -> {
            throw new AssertionError("a whole file's one range chains");
        })));
        if (SeekableGzipInputStream.nativeAvailable()) {
            Path index = dir.resolve(kind + ".gz.gzidx");
            Files.write(index, expected);
            assertSameBytesAtEachPoint(file, index, data);
        }
    }

    private byte[] compress(byte[] data, String kind) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        switch (kind) {
            case "flush" -> {
                try (GZIPOutputStream out = new GZIPOutputStream(bytes, 1 << 16, true)) {
                    Random random = new Random(1);
                    for (int at = 0; at < data.length; ) {
                        int n = Math.min(data.length - at, random.nextInt(3000));
                        out.write(data, at, n);
                        out.flush();
                        at += n;
                    }
                }
            }
            case "members" -> {
                Random random = new Random(2);
                for (int at = 0; at < data.length; ) {
                    int n = Math.min(data.length - at, random.nextInt(random.nextBoolean() ? 300 : 30_000));
                    bytes.write(gzip(Arrays.copyOfRange(data, at, at + n)));
                    at += n;
                }
            }
            case "pigz" -> {
                assumeTrue(Files.isExecutable(Path.of("/usr/bin/pigz")), "pigz is not installed");
                Path plain = write("plain", data);
                Process p = new ProcessBuilder("/usr/bin/pigz", "-k", "-b", "128", "-p", "2", plain.toString())
                        .inheritIO().start();
                assertEquals(0, p.waitFor());
                return Files.readAllBytes(dir.resolve("plain.gz"));
            }
            default -> {
                try (GZIPOutputStream out = new GZIPOutputStream(bytes, 1 << 16) {
                    {
                        if (kind.equals("level9")) {
                            def.setLevel(9);
                        } else {
                            def.setStrategy(Deflater.HUFFMAN_ONLY);
                        }
                    }
                }) {
                    out.write(data);
                }
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void theIndexServesTheNativeReader() throws IOException {
        assumeTrue(SeekableGzipInputStream.nativeAvailable(), SeekableGzipInputStream::nativeUnavailableReason);
        byte[] data = data();
        Path file = write("multi.gz", multiMember(data));
        Path index = dir.resolve("multi.gz.gzidx");
        try (var out = Files.newOutputStream(index)) {
            GzipRangeIndex.index(file, 32 << 10, 9, 2).write(out);
        }
        assertSameBytesAtEachPoint(file, index, data);
        assertEquals(null, GzipIndex.read(index).check(file, index));
    }

    @Test
    void rangesAreSerializableAndJoinOnTheDriver() throws Exception {
        byte[] data = data();
        byte[] gz = multiMember(data);
        Path file = write("multi.gz", gz);
        int n = 6;
        List<GzipRangeIndex> ranges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long from = (long) gz.length * i / n;
            long to = (long) gz.length * (i + 1) / n;
            GzipRangeIndex r = GzipRangeIndex.build(new ByteArrayInputStream(gz, (int) from, gz.length), from, to,
                    SPACING, file.toString());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(r);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                ranges.add((GzipRangeIndex) in.readObject());
            }
        }
        GzipIndex joined = GzipRangeIndex.join(ranges, (startBit, toByte) -> GzipRangeIndex.buildFrom(
                new ByteArrayInputStream(gz, (int) (startBit / 8), gz.length), startBit, toByte, SPACING,
                file.toString()));
        assertArrayEquals(written(GzipRangeIndex.index(file, SPACING, 1, 1)), written(joined));
    }

    /** Random bytes at level 0: stored blocks of 64 KiB, longer than a range, so some hold no start. */
    @Test
    void rangesWithNoBlockStartAreCoveredByTheRangeBefore() throws IOException {
        byte[] data = new byte[1 << 20];
        new Random(5).nextBytes(data);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes) {
            {
                def.setLevel(Deflater.NO_COMPRESSION);
            }
        }) {
            out.write(data);
        }
        byte[] gz = bytes.toByteArray();
        Path file = write("stored.gz", gz);
        int n = 100;
        int withoutStart = 0;
        for (int i = 0; i < n; i++) {
            long from = (long) gz.length * i / n;
            long to = (long) gz.length * (i + 1) / n;
            if (!GzipRangeIndex.build(new ByteArrayInputStream(gz, (int) from, gz.length), from, to, SPACING,
                    file.toString()).hasStart()) {
                withoutStart++;
            }
        }
        assertTrue(withoutStart > n / 2, withoutStart + " ranges without a start");
        GzipIndex one = GzipRangeIndex.index(file, SPACING, 1, 1);
        assertPointsMatch(one, data);
        assertDecodesFromEachPoint(file, one, data);
        assertArrayEquals(written(one), written(GzipRangeIndex.index(file, SPACING, n, 3)));
    }

    @Test
    void emptyGzipHasOnePoint() throws IOException {
        Path file = write("empty.gz", gzip(new byte[0]));
        GzipIndex index = GzipRangeIndex.index(file, SPACING, 3, 2);
        assertEquals(0, index.decompressedSize());
        assertEquals(1, index.points());
        assertArrayEquals(written(index), written(GzipRangeIndex.index(file, SPACING, 1, 1)));
    }

    @Test
    void aMemberWhoseSizeDiffersFromItsTrailerIsReported() throws IOException {
        byte[] data = data();
        byte[] gz = gzipFast(data);
        gz[gz.length - 4]++;
        Path file = write("size.gz", gz);
        GzipFormatException e = assertThrows(GzipFormatException.class,
                () -> GzipRangeIndex.index(file, SPACING, 8, 2));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("trailer"), e.getMessage());
    }

    @Test
    void badDataInARangeAreReportedByTheJoinNamingTheFileAndTheOffset() throws IOException {
        byte[] gz = gzipFast(data());
        Arrays.fill(gz, gz.length / 2, gz.length / 2 + 64, (byte) 0xff);
        Path file = write("bad.gz", gz);
        for (int ranges : new int[] {1, 8}) {
            GzipFormatException e = assertThrows(GzipFormatException.class,
                    () -> GzipRangeIndex.index(file, SPACING, ranges, 2));
            assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains("byte"), e.getMessage());
        }
    }

    @Test
    void aRangeDecodedFromAFalseStartIsBuiltAgain() throws IOException {
        byte[] data = data();
        byte[] gz = concat(gzipFast(data), gzip(new byte[10]));
        Path file = write("false.gz", gz);
        long size = gz.length;
        List<GzipRangeIndex> ranges = new ArrayList<>();
        ranges.add(build(gz, 0, size / 2, file));
        // A range that claims to start one bit after the true boundary: never trusted.
        GzipRangeIndex second = build(gz, size / 2, size, file);
        List<Long> rebuilt = new ArrayList<>();
        GzipIndex joined = GzipRangeIndex.join(List.of(ranges.get(0), falseStart(second, gz, file)),
                (startBit, toByte) -> {
                    rebuilt.add(startBit);
                    return GzipRangeIndex.buildFrom(new ByteArrayInputStream(gz, (int) (startBit / 8), gz.length),
                            startBit, toByte, SPACING, file.toString());
                });
        assertEquals(List.of(ranges.get(0).endBit()), rebuilt);
        assertArrayEquals(written(GzipRangeIndex.index(file, SPACING, 1, 1)), written(joined));
    }

    /** Side files in memory, as a Spark task writes them to the work directory. */
    private static final class MemoryStore implements GzipRangeIndex.WindowStore {
        final Map<Long, ByteArrayOutputStream> files = new HashMap<>();

        @Override
        public synchronized OutputStream create(long startBit) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            files.put(startBit, out);
            return out;
        }

        @Override
        public synchronized InputStream open(long startBit) {
            return new ByteArrayInputStream(files.get(startBit).toByteArray());
        }
    }

    private static <T> T throughSerialization(T object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            @SuppressWarnings("unchecked")
            T read = (T) in.readObject();
            return read;
        }
    }

    private static int serializedSize(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.size();
    }

    /** The index file of {@code n} ranges built as tasks build them, their windows in side files, written streaming. */
    private static byte[] streamed(byte[] gz, String name, int n, long spacing, long decodedSpacing)
            throws Exception {
        MemoryStore store = new MemoryStore();
        List<GzipRangeIndex> ranges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long from = (long) gz.length * i / n;
            long to = (long) gz.length * (i + 1) / n;
            ranges.add(throughSerialization(GzipRangeIndex.build(new ByteArrayInputStream(gz, (int) from,
                    gz.length), from, to, spacing, decodedSpacing, name, store)));
        }
        GzipRangeIndex.Joined joined = GzipRangeIndex.joinPoints(ranges, (startBit, toByte) -> GzipRangeIndex
                .buildFrom(new ByteArrayInputStream(gz, (int) (startBit / 8), gz.length), startBit, toByte, spacing,
                        decodedSpacing, name, store));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        joined.write(out, store);
        assertEquals(joined.points().toString(), GzipIndex.read(new ByteArrayInputStream(out.toByteArray()), name,
                out.size(), true).toString());
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"flush", "level9", "huffman", "members"})
    void windowsInSideFilesWrittenStreamingGiveTheSameIndex(String kind) throws Exception {
        byte[] data = data();
        byte[] gz = compress(data, kind);
        Path file = write(kind + ".gz", gz);
        byte[] expected = written(GzipRangeIndex.index(file, SPACING, 1, 1));
        for (int ranges : new int[] {1, 3, 17, 200}) {
            assertArrayEquals(expected, streamed(gz, file.toString(), ranges, SPACING,
                    GzipRangeIndex.DECODED_SPACING), ranges + " ranges");
        }
    }

    @Test
    void aRangeWithItsWindowsInASideFileIsSmall() throws Exception {
        byte[] data = data();
        byte[] gz = gzipFast(data);
        long spacing = 4 << 10;
        MemoryStore store = new MemoryStore();
        GzipRangeIndex stored = GzipRangeIndex.build(new ByteArrayInputStream(gz, 1000, gz.length), 1000,
                gz.length, spacing, GzipRangeIndex.DECODED_SPACING, "f.gz", store);
        GzipRangeIndex inMemory = GzipRangeIndex.build(new ByteArrayInputStream(gz, 1000, gz.length), 1000,
                gz.length, spacing, "f.gz");
        assertTrue(stored.points() > 100, stored.toString());
        assertTrue(serializedSize(stored) < 100 << 10, serializedSize(stored) + " bytes");
        assertTrue(serializedSize(inMemory) > 100 * (16 << 10), serializedSize(inMemory) + " bytes in memory");
        assertEquals(1, store.files.size());
    }

    /** Text that deflate compresses about 30 to 1: one record, each with a number of its own. */
    private static byte[] compressible() {
        StringBuilder sb = new StringBuilder();
        Random random = new Random(7);
        String record = "ACGT".repeat(40) + "\n+\n" + "I".repeat(160) + "\n";
        for (int i = 0; i < 50_000; i++) {
            sb.append("@read").append(random.nextInt(100_000)).append("/1\n").append(record);
        }
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static long largestSegment(GzipIndex index) {
        long largest = 0;
        for (int i = 0; i < index.points(); i++) {
            long end = i + 1 < index.points() ? index.decompressedOffset(i + 1) : index.decompressedSize();
            largest = Math.max(largest, end - index.decompressedOffset(i));
        }
        return largest;
    }

    @Test
    void theDecodedSpacingBoundsSegmentsOfHighlyCompressibleData() throws Exception {
        byte[] data = compressible();
        byte[] gz = gzipFast(data);
        assertTrue(data.length > 20L * gz.length, data.length + " from " + gz.length);
        Path file = write("compressible.gz", gz);
        long spacing = 1 << 20;
        long bound = 2 << 20;
        // Every boundary a point: the segments are the blocks.
        long block = largestSegment(GzipRangeIndex.index(file, 1, Long.MAX_VALUE, 1, 1));
        assertTrue(block < bound, block + " bytes in a block");
        assertTrue(largestSegment(GzipRangeIndex.index(file, spacing, 1, 1)) > 4 * bound);
        GzipIndex one = GzipRangeIndex.index(file, spacing, bound, 1, 1);
        assertTrue(largestSegment(one) <= bound + block, largestSegment(one) + " bytes in a segment");
        assertPointsMatch(one, data);
        assertDecodesFromEachPoint(file, one, data);
        for (int ranges : new int[] {3, 8}) {
            GzipIndex cut = GzipRangeIndex.index(file, spacing, bound, ranges, 2);
            assertTrue(largestSegment(cut) <= 2 * bound + block, largestSegment(cut) + " bytes in a segment");
            assertPointsMatch(cut, data);
            assertDecodesFromEachPoint(file, cut, data);
            assertArrayEquals(written(cut), streamed(gz, file.toString(), ranges, spacing, bound));
        }
    }

    private static GzipRangeIndex build(byte[] gz, long from, long to, Path file) throws IOException {
        InputStream in = new ByteArrayInputStream(gz, (int) from, gz.length);
        return GzipRangeIndex.build(in, from, to, SPACING, file.toString());
    }

    /** The range decoded from a later block than its true first one, as a false start would be. */
    private static GzipRangeIndex falseStart(GzipRangeIndex range, byte[] gz, Path file) throws IOException {
        long bit = range.endBit();
        return GzipRangeIndex.buildFrom(new ByteArrayInputStream(gz, (int) (bit / 8), gz.length), bit,
                range.toByte(), SPACING, file.toString());
    }
}
