package io.github.flashj.io.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.gzip.GzipFormatException;
import io.github.flashj.gzip.GzipIndex;
import io.github.flashj.gzip.GzipRangeIndex;
import io.github.flashj.io.TestData;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunk's reader reads the same bytes through {@link DecodedStream}, decoding in order from one
 * offset, as through {@link DecodedInput}'s cached segments: from any offset, on multi-member
 * gzip, stored blocks and BGZF.
 */
class DecodedStreamTest {
    private static final int SPACING = 32 << 10;

    @TempDir
    Path dir;

    private static byte[] fastq(int pairs, long seed) {
        return TestData.mates1(TestData.mergeable(pairs, seed)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] gzip(byte[] data, int from, int to, int level) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes, 1 << 16) {
            {
                def.setLevel(level);
            }
        }) {
            out.write(data, from, to - from);
        }
        return bytes.toByteArray();
    }

    /** Offsets to start from: the data's ends, each segment's start, and points inside segments. */
    private static List<Long> offsets(SeekPoints points) {
        List<Long> offsets = new ArrayList<>(List.of(0L, 1L, points.size() - 1, points.size()));
        for (int i = 0; i < points.segments(); i++) {
            offsets.add(points.decodedStart(i));
            offsets.add((points.decodedStart(i) + points.decodedStart(i + 1)) / 2);
        }
        offsets.removeIf(offset -> offset < 0 || offset > points.size());
        return offsets;
    }

    /** Reads the stream to its end, in reads of varying length and single bytes. */
    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Random random = new Random(5);
        byte[] buffer = new byte[100_000];
        while (true) {
            if (random.nextInt(8) == 0) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                out.write(b);
                continue;
            }
            int n = in.read(buffer, 0, 1 + random.nextInt(buffer.length));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
        }
        assertEquals(-1, in.read(), "the end is met again");
        return out.toByteArray();
    }

    private void assertStreamsMatch(Path file, byte[] data, GzipIndex index, int minimumSegments) throws IOException {
        SeekPoints points = SeekPoints.of(index);
        assertTrue(points.segments() >= minimumSegments, points.toString());
        try (FileChannel channel = FileChannel.open(file);
                DecodedInput view = DecodedInput.gzip(file.toString(), PositionalInput.of(channel), () -> { }, points,
                        SegmentWindows.of(index, points), 2)) {
            for (long offset : offsets(points)) {
                byte[] expected = Arrays.copyOfRange(data, (int) offset, data.length);
                byte[] cached = new byte[expected.length];
                view.readFully(offset, cached, 0, cached.length);
                assertArrayEquals(expected, cached, "DecodedInput from " + offset);
                try (DecodedStream stream = DecodedStream.gzip(file.toString(), PositionalInput.of(channel), () -> { },
                        points, SegmentWindows.of(index, points), offset)) {
                    assertArrayEquals(expected, readAll(stream), "DecodedStream from " + offset);
                }
            }
        }
    }

    @Test
    void multiMemberGzipReadsAlikeFromEveryOffset() throws IOException {
        byte[] data = fastq(6000, 1);
        int a = data.length / 3;
        Path file = TestData.write(dir.resolve("multi.fq.gz"), TestData.concat(gzip(data, 0, a, 1),
                gzip(data, a, a + 5, 6), gzip(data, 0, 0, 6), gzip(data, a + 5, a + 100, 6),
                gzip(data, a + 100, data.length, 9)));
        assertStreamsMatch(file, data, GzipRangeIndex.index(file, SPACING, 11, 2), 10);
    }

    /** Stored blocks, whose starts the index finds few of: segments of several blocks. */
    @Test
    void storedBlocksReadAlikeFromEveryOffset() throws IOException {
        byte[] data = new byte[400_000];
        new Random(9).nextBytes(data);
        Path file = TestData.write(dir.resolve("stored.gz"), gzip(data, 0, data.length, Deflater.NO_COMPRESSION));
        assertStreamsMatch(file, data, GzipRangeIndex.index(file, SPACING, 20, 2), 2);
    }

    @Test
    void bgzfReadsAlikeFromEveryOffset() throws IOException {
        byte[] data = fastq(3000, 2);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (int at = 0; at < data.length; at += 50_000) {
            file.writeBytes(BgzfInflateTwinsTest.block(data, at, Math.min(50_000, data.length - at), at % 100_000 == 0
                    ? 6 : 0));
        }
        file.writeBytes(BgzfInflateTwinsTest.block(new byte[0], 0, 0, 6));
        PositionalInput compressed = PositionalInput.of(file.toByteArray());
        SeekPoints points = BgzfBlocks.table(compressed).seekPoints(120_000);
        assertTrue(points.segments() > 3, points.toString());
        for (long offset : offsets(points)) {
            try (DecodedStream stream = DecodedStream.bgzf("r1.fq.bgz", compressed, () -> { }, points, offset)) {
                assertArrayEquals(Arrays.copyOfRange(data, (int) offset, data.length), readAll(stream),
                        "from " + offset);
            }
        }
    }

    @Test
    void emptyGzipIsAnEmptyStream() throws IOException {
        Path file = TestData.write(dir.resolve("empty.fq.gz"), gzip(new byte[0], 0, 0, 6));
        GzipIndex index = GzipRangeIndex.index(file, SPACING, 1, 1);
        SeekPoints points = SeekPoints.of(index);
        try (FileChannel channel = FileChannel.open(file);
                DecodedStream stream = DecodedStream.gzip("empty.fq.gz", PositionalInput.of(channel), () -> { },
                        points, SegmentWindows.of(index, points), 0)) {
            assertEquals(-1, stream.read(new byte[4], 0, 4));
        }
    }

    @Test
    void aFileCutShortAfterItsIndexFailsNamingTheFileAndTheSeekPoint() throws IOException {
        byte[] data = fastq(6000, 3);
        byte[] gz = gzip(data, 0, data.length, 6);
        Path file = TestData.write(dir.resolve("cut.fq.gz"), gz);
        GzipIndex index = GzipRangeIndex.index(file, SPACING, 4, 2);
        Files.write(file, Arrays.copyOf(gz, gz.length / 2));
        SeekPoints points = SeekPoints.of(index);
        try (FileChannel channel = FileChannel.open(file);
                DecodedStream stream = DecodedStream.gzip(file.toString(), PositionalInput.of(channel), () -> { },
                        points, SegmentWindows.of(index, points), points.decodedStart(1))) {
            GzipFormatException e = assertThrows(GzipFormatException.class, () -> readAll(stream));
            assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains("after the seek point at "
                    + "compressed byte"), e.getMessage());
        }
    }

    @Test
    void closingClosesTheFileOnceAndEndsReading() throws IOException {
        byte[] data = fastq(1000, 4);
        Path file = TestData.write(dir.resolve("close.fq.gz"), gzip(data, 0, data.length, 6));
        GzipIndex index = GzipRangeIndex.index(file, SPACING, 2, 1);
        SeekPoints points = SeekPoints.of(index);
        AtomicBoolean closed = new AtomicBoolean();
        try (FileChannel channel = FileChannel.open(file)) {
            DecodedStream stream = DecodedStream.gzip("close.fq.gz", PositionalInput.of(channel),
                    () -> assertTrue(closed.compareAndSet(false, true), "closed once"), points,
                    SegmentWindows.of(index, points), 0);
            assertEquals(data[0], stream.read());
            stream.close();
            stream.close();
            assertTrue(closed.get());
            assertThrows(IOException.class, () -> stream.read(new byte[10_000_000], 0, 10_000_000));
        }
        assertThrows(IllegalArgumentException.class, () -> DecodedStream.bgzf("x", PositionalInput.of(new byte[0]),
                () -> { }, points, points.size() + 1));
    }
}
