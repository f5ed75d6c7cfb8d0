package io.github.flashj.spark.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.gzip.GzipIndex;
import io.github.flashj.gzip.GzipRangeIndex;
import io.github.flashj.gzip.IsalInflate;
import io.github.flashj.io.decode.DecodedInput;
import io.github.flashj.io.decode.SeekPoints;
import io.github.flashj.io.input.InputFormat;
import io.github.flashj.io.plan.PositionalInput;
import io.github.flashj.io.plan.RangeScan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain gzip indexed by Spark tasks at compression ratios far above FASTQ's: seek points bounded in
 * decoded bytes, the windows through side files that are gone once the index is written, and a
 * reused index too sparse for a reader built again.
 */
class GzipInputsTest {
    @TempDir
    static Path dir;
    static SparkSession spark;
    static JavaSparkContext jsc;
    static Broadcast<HadoopConf> conf;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("GzipInputsTest")
                .config("spark.ui.enabled", "false").getOrCreate();
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        conf = jsc.broadcast(new HadoopConf(new Configuration()));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** FASTQ records that repeat but for a number each: deflate compresses them about 30 to 1. */
    private static byte[] compressible(int records) {
        StringBuilder sb = new StringBuilder();
        Random random = new Random(3);
        String record = "ACGT".repeat(40) + "\n+\n" + "I".repeat(160) + "\n";
        for (int i = 0; i < records; i++) {
            sb.append("@read").append(random.nextInt(100_000)).append("/1\n").append(record);
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static Path gzip(String name, byte[] data) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(data);
        }
        return file;
    }

    private static SeekableInput index(Path file, long rangeBytes, String indexDirectory, Path work,
            long decodedSpacing) throws IOException {
        return GzipInputs.index(jsc, conf, List.of(input(file, indexDirectory)), InputFormat.PAIRED_FASTQ,
                rangeBytes, work == null ? null : work.toUri().toString(), decodedSpacing).get(0);
    }

    private static SeekableInput.Source input(Path file, String indexDirectory) throws IOException {
        return new SeekableInput.Source(file.getFileName().toString(), file.toUri().toString(),
                Arrays.copyOf(Files.readAllBytes(file), 64), indexDirectory);
    }

    private static byte[] decoded(Path file, SeekableInput input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var in = input.stream(file.toUri().toString(), file.getFileName().toString(), new Configuration(), 0)) {
            in.transferTo(out);
        }
        return out.toByteArray();
    }

    private static List<String> entries(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void highlyCompressibleDataGetSeekPointsBoundedInDecodedBytes() throws IOException {
        byte[] data = compressible(40_000);
        Path file = gzip("compressible.fq.gz", data);
        long size = Files.size(file);
        assertTrue(data.length > 20 * size, data.length + " from " + size);
        long bound = 1 << 20;
        Path work = Files.createDirectories(dir.resolve("work"));
        SeekableInput bounded = index(file, size / 5, null, work, bound);
        // Blocks of this data decode to about 1 MiB: at most the tail of one range and the head of the next.
        assertTrue(bounded.points().largestSegmentLength() <= 4 * bound, bounded.points().toString());
        assertTrue(bounded.points().segments() >= data.length / (2 * bound), bounded.points().toString());
        assertEquals(List.of(), entries(work).stream().filter(n -> n.startsWith("gzip-windows-")).toList(),
                "the side files are removed");
        assertArrayEquals(data, decoded(file, bounded));
        // With no work directory, the windows travel with the ranges and the index is broadcast.
        SeekableInput broadcast = index(file, size / 5, null, null, bound);
        assertEquals(bounded.points().toString(), broadcast.points().toString());
        assertArrayEquals(data, decoded(file, broadcast));
    }

    @Test
    void theRangesOfAllPlainGzipInputsAreIndexedInOneJob() throws IOException {
        byte[] data1 = compressible(8_000);
        byte[] data2 = compressible(9_000);
        Path gz1 = gzip("one.fq.gz", data1);
        Path gz2 = gzip("two.fq.gz", data2);
        Path plain = Files.write(dir.resolve("plain.fq"), data1);
        int jobs = jsc.sc().dagScheduler().nextJobId().get();
        List<SeekableInput> entered = GzipInputs.index(jsc, conf, List.of(input(gz1, null), input(plain, null),
                input(gz2, null)), InputFormat.PAIRED_FASTQ, Files.size(gz1) / 3, null);
        assertEquals(1, jsc.sc().dagScheduler().nextJobId().get() - jobs, "Spark jobs");
        assertEquals(null, entered.get(1));
        assertTrue(entered.get(0).found().contains("in one job with 1 other file"), entered.get(0).found());
        assertArrayEquals(data1, decoded(gz1, entered.get(0)));
        assertArrayEquals(data2, decoded(gz2, entered.get(2)));
    }

    @Test
    void aFileIndexedByOneTaskHasItsLinesCountedInTheSamePass() throws IOException {
        byte[] data = compressible(30_000);
        Path file = gzip("counted.fq.gz", data);
        Path work = Files.createDirectories(dir.resolve("work-counted"));
        // Two cores and one file: one task, from the known start, is sooner than ranges.
        SeekableInput whole = index(file, 0, null, work, GzipRangeIndex.DECODED_SPACING);
        assertEquals(IsalInflate.available(), whole.scanned() != null, whole.found());
        if (whole.scanned() != null) {
            assertTrue(whole.found().contains("indexed by 1 Spark task") && whole.found().contains(
                    "its lines counted in the same pass"), whole.found());
            RangeScan read = RangeScan.scan(PositionalInput.of(data), InputFormat.PAIRED_FASTQ, 0, data.length,
                    InputPlanning.CHECKPOINT_LINES);
            assertEquals(read.toString(), whole.scanned().toString());
            assertEquals(4L * 30_000, whole.scanned().lines());
        }
        SeekableInput ranges = index(file, Files.size(file) / 3, null, work, GzipRangeIndex.DECODED_SPACING);
        assertNull(ranges.scanned(), ranges.found());
        assertArrayEquals(data, decoded(file, whole));
        assertArrayEquals(data, decoded(file, ranges));
    }

    @Test
    void attemptsOfOneRangeLeaveOneWholeSideFile() throws IOException {
        Path directory = dir.resolve("side");
        GzipInputs.SideFiles files = new GzipInputs.SideFiles(directory.toUri().toString(), conf);
        byte[] windows = new byte[300_000];
        new Random(5).nextBytes(windows);
        // A speculative attempt writes beside the first: each writes its own file until it is whole.
        try (OutputStream first = files.create(77); OutputStream second = files.create(77)) {
            for (int at = 0; at < windows.length; at += 1000) {
                first.write(windows, at, 1000);
                second.write(windows, at, 1000);
            }
        }
        try (InputStream in = files.open(77)) {
            assertArrayEquals(windows, in.readAllBytes());
        }
        assertEquals(List.of("windows-77"), entries(directory).stream().filter(n -> !n.startsWith(".")).toList());
    }

    @Test
    void withNoWorkDirectoryTheWindowsPassThroughTheIndexDirectory() throws IOException {
        byte[] data = compressible(30_000);
        Path file = gzip("indexed-here.fq.gz", data);
        Path indexes = Files.createDirectories(dir.resolve("indexes-here"));
        SeekableInput input = index(file, Files.size(file) / 4, indexes.toUri().toString(), null,
                GzipRangeIndex.DECODED_SPACING);
        assertTrue(input.index().file() != null, "the index is written to the index directory, not broadcast");
        assertEquals(List.of("indexed-here.fq.gz" + GzipInputs.INDEX_SUFFIX), entries(indexes).stream()
                .filter(n -> !n.startsWith(".")).toList(), "the side files are removed");
        assertArrayEquals(data, decoded(file, input));
    }

    @Test
    void oneTaskIndexesAFileWhileTheCoresAreFewAgainstTheFiles() {
        long size = 1L << 30;
        assertEquals(size, GzipInputs.indexRangeBytes(0, size, size, 2, 2, true));
        assertEquals(size, GzipInputs.indexRangeBytes(0, size, size / 2, 2, 4, true), "the largest file's size");
        assertEquals(InputPlanning.rangeBytes(0, size, 8), GzipInputs.indexRangeBytes(0, size, size, 2, 8, true));
        assertEquals(InputPlanning.rangeBytes(0, size, 2), GzipInputs.indexRangeBytes(0, size, size, 2, 2, false),
                "without ISA-L, ranges");
        assertEquals(12345, GzipInputs.indexRangeBytes(12345, size, size, 2, 2, true), "as set");
    }

    /** Deflate's bit order: values least significant bit first, Huffman codes most significant first. */
    private static final class DeflateBits {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long pending;
        private int count;

        void value(int value, int bits) {
            pending |= (long) value << count;
            count += bits;
            for (; count >= 8; count -= 8) {
                out.write((int) pending & 0xff);
                pending >>>= 8;
            }
        }

        void code(int code, int bits) {
            for (int i = bits - 1; i >= 0; i--) {
                value((code >> i) & 1, 1);
            }
        }

        void flushByte() {
            value(0, (8 - count) % 8);
        }
    }

    /**
     * One gzip member whose single fixed-Huffman block decodes to {@code 1 + 258 * matches} bytes
     * of {@code A}: a literal, then matches of 258 bytes at distance 1, 13 bits each.
     */
    private static Path longBlock(String name, int matches) throws IOException {
        DeflateBits bits = new DeflateBits();
        bits.out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        bits.value(1, 1); // the final block
        bits.value(1, 2); // fixed Huffman codes
        bits.code(0x30 + 'A', 8);
        for (int i = 0; i < matches; i++) {
            bits.code(0xc0 + 5, 8); // length 258 (symbol 285)
            bits.code(0, 5); // distance 1
        }
        bits.code(0, 7); // end of block
        bits.flushByte();
        byte[] run = new byte[258];
        Arrays.fill(run, (byte) 'A');
        CRC32 crc = new CRC32();
        crc.update('A');
        for (int i = 0; i < matches; i++) {
            crc.update(run);
        }
        long size = 1 + 258L * matches;
        for (long v : new long[] {crc.getValue(), size}) {
            bits.out.writeBytes(new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)});
        }
        return Files.write(dir.resolve(name), bits.out.toByteArray());
    }

    @Test
    void aDeflateBlockLongerThanAReaderHoldsLeavesTheFileToBeReadInOrder() throws IOException {
        int matches = (int) (DecodedInput.MAX_SEGMENT / 258 + 1000);
        Path file = longBlock("long-block.gz", matches);
        try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            assertEquals(1 + 258L * matches, in.transferTo(OutputStream.nullOutputStream()), "the crafted member");
        }
        Path work = Files.createDirectories(dir.resolve("work-long-block"));
        for (long rangeBytes : new long[] {0, Files.size(file) / 3}) {
            assertNull(index(file, rangeBytes, null, work, GzipRangeIndex.DECODED_SPACING), "ranges of " + rangeBytes);
        }
    }

    @Test
    void oneTaskReadsEachBgzfFileWhereTheCoresAreNoMoreThanTheFiles() {
        assertTrue(BgzfInputs.wholeFiles(0, 2, 2));
        assertTrue(BgzfInputs.wholeFiles(0, 3, 2));
        assertFalse(BgzfInputs.wholeFiles(0, 2, 4), "ranges use the other cores");
        assertFalse(BgzfInputs.wholeFiles(1 << 20, 2, 2), "ranges as set");
    }

    @Test
    void aReusedIndexWithSegmentsLongerThanAReaderHoldsIsBuiltAgain() throws IOException {
        byte[] data = compressible(210_000);
        assertTrue(data.length > DecodedInput.MAX_SEGMENT, data.length + " bytes");
        Path file = gzip("sparse.fq.gz", data);
        Path indexes = Files.createDirectories(dir.resolve("indexes"));
        // One seek point, at the data's start, as a tool with sparse points may leave for a small file.
        GzipIndex sparse = GzipIndex.of(Files.size(file), data.length, 1 << 30, new long[] {80}, new long[] {0},
                new byte[][] {new byte[0]});
        try (OutputStream out = Files.newOutputStream(indexes.resolve(file.getFileName() + GzipInputs.INDEX_SUFFIX))) {
            sparse.write(out);
        }
        SeekableInput rebuilt = index(file, 0, indexes.toUri().toString(), null,
                GzipRangeIndex.DECODED_SPACING);
        assertTrue(rebuilt.found().startsWith("gzip: indexed by"), rebuilt.found());
        SeekPoints points = rebuilt.points();
        assertTrue(points.largestSegmentLength() <= DecodedInput.MAX_SEGMENT, points.toString());
        assertTrue(GzipIndex.read(indexes.resolve(file.getFileName() + GzipInputs.INDEX_SUFFIX)).points() > 1);
        assertArrayEquals(data, decoded(file, rebuilt));
    }
}
