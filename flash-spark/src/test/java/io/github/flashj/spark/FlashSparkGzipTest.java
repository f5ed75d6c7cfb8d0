package io.github.flashj.spark;

import static io.github.flashj.cli.OutputComparison.everything;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.cli.Oracle;
import io.github.flashj.cli.OutputComparison;
import io.github.flashj.cli.TestData;
import io.github.flashj.gzip.GzipIndex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plain gzip inputs on Spark ({@code local[2]}), split through an index that Spark tasks build over
 * small compressed byte ranges (so that ranges start inside blocks, chains are joined and false
 * block starts are met), against Debian's {@code flash -t 1}; zstd and LZ4 inputs, which cannot be
 * split, read in order by one task; and what the driver reads of a compressed input: its first
 * bytes only, counted through a file system of its own.
 */
class FlashSparkGzipTest {
    /** Compressed bytes per indexing and planning task: a few blocks of deflate data each. */
    private static final long RANGE_BYTES = 1 << 13;
    @TempDir
    static Path data;
    static SparkSession spark;
    static Path[] art;
    static CapturedLog captured;
    static List<String> LOG;

    @BeforeAll
    static void start() throws Exception {
        Oracle.require();
        art = TestData.artPairs(data, "HS25", 150, 20, 250, 25, 17);
        spark = SparkSession.builder().master("local[2]").appName("FlashSparkGzipTest")
                .config("spark.ui.enabled", "false")
                .config("spark.hadoop.fs." + CountingFileSystem.SCHEME + ".impl", CountingFileSystem.class.getName())
                .getOrCreate();
        captured = new CapturedLog("flashj-gzip-test");
        LOG = captured.messages();
    }

    @AfterAll
    static void stop() {
        if (captured != null) {
            captured.close();
        }
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void oneMemberIsSplitThroughItsIndexAndTheDriverReadsOnlyItsFirstBytes() throws Exception {
        Path a = TestData.gzip(art[0], data.resolve("art_1.fq.gz"));
        Path b = TestData.gzip(art[1], data.resolve("art_2.fq.gz"));
        LOG.clear();
        compare(List.of("-O", "-M", "150"), List.of(CountingFileSystem.uri(a), CountingFileSystem.uri(b)), 300);
        assertDriverReadTheHeadOnly(a, b);
        assertTrue(LOG.stream().anyMatch(l -> l.contains("art_1.fq.gz is gzip: indexed by ")
                && l.contains("with no decoded copy")), "the log says how the input was split: " + LOG);
    }

    @Test
    void bgzfIsReadThroughItsBlocksAndTheDriverReadsOnlyItsFirstBytes() throws Exception {
        Path a = SparkDifferentialTest.bgzip(art[0], data.resolve("art_1.fq.bgz"));
        Path b = SparkDifferentialTest.bgzip(art[1], data.resolve("art_2.fq.bgz"));
        compare(List.of(), List.of(CountingFileSystem.uri(a), CountingFileSystem.uri(b)), 300);
        assertDriverReadTheHeadOnly(a, b);
    }

    /** Two files on two cores, ranges chosen automatically: one task a file, and no planning job. */
    @Test
    void oneTaskReadsEachBgzfFileWholeAndCountsItsLinesWhereTheCoresAreFew() throws Exception {
        Path a = SparkDifferentialTest.bgzip(art[0], data.resolve("whole_1.fq.bgz"));
        Path b = SparkDifferentialTest.bgzip(art[1], data.resolve("whole_2.fq.bgz"));
        LOG.clear();
        compare(List.of(), List.of(CountingFileSystem.uri(a), CountingFileSystem.uri(b)), 300, 0);
        assertDriverReadTheHeadOnly(a, b);
        assertTrue(LOG.stream().anyMatch(l -> l.contains("whole_1.fq.bgz is BGZF: ")
                && l.contains("found by 1 Spark task a file, in one job with 1 other file")
                && l.contains("its lines counted in the same pass")), "the log says how the input was read: " + LOG);
    }

    @Test
    void corruptBgzfReadWholeByOneTaskFailsNamingTheFileAndTheBlock() throws Exception {
        Path corrupt = corrupt(SparkDifferentialTest.bgzip(art[0], data.resolve("corrupt_1.fq.bgz")), 3 / 5.0);
        assertFailsNaming(corrupt, List.of(), 0, ".*block at byte \\d+.*");
    }

    /**
     * zstd and LZ4 cannot be entered at an offset: one task reads the inputs in order, decoding
     * each from its start, beside a gzip mate read through its seek points; nothing is decoded on
     * the driver, nor written anywhere.
     */
    @ParameterizedTest
    @ValueSource(strings = {"zstd", "lz4"})
    void inputsThatCannotBeSplitAreReadInOrderByOneTask(String format) throws Exception {
        Path a = SparkDifferentialTest.compress(art[0], data.resolve("stream_1.fq." + format), format);
        Path b = TestData.gzip(art[1], data.resolve("beside-" + format + "_2.fq.gz"));
        LOG.clear();
        // flash reads no zstd or LZ4: it is given the plain files.
        compare(List.of("-M", "150"), List.of(art[0].toString(), art[1].toString()),
                List.of(CountingFileSystem.uri(a), CountingFileSystem.uri(b)), 300, RANGE_BYTES);
        assertDriverReadTheHeadOnly(a, b);
        assertTrue(LOG.stream().anyMatch(l -> l.contains("Planned 1 chunk") && l.contains("one chunk reads the inputs"
                + " in order, since ") && l.contains("stream_1.fq." + format + " is " + format + "-compressed")),
                "the log says why the inputs are not split: " + LOG);
    }

    @Test
    void manyMembersTinyAndLarge() throws Exception {
        Path a = members(art[0], data.resolve("members_1.fq.gz"), new int[] {1, 7, 100, 40_000, 3, 250_000});
        Path b = members(art[1], data.resolve("members_2.fq.gz"), new int[] {90_000, 1, 1, 5000});
        compare(List.of("-O"), List.of(a.toString(), b.toString()), 250);
    }

    @Test
    void storedBlocksLeaveRangesWithNoBlockStart() throws Exception {
        // Stored blocks of up to 64 KiB: most 8 KiB ranges hold no block start at all.
        Path a = stored(art[0], data.resolve("stored_1.fq.gz"));
        Path b = stored(art[1], data.resolve("stored_2.fq.gz"));
        compare(List.of(), List.of(a.toString(), b.toString()), 350);
    }

    /** {@code file} as one gzip member of stored (uncompressed) deflate blocks. */
    private static Path stored(Path file, Path target) throws IOException {
        try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(target), 1 << 16) {
            {
                def.setLevel(0);
            }
        }) {
            Files.copy(file, gz);
        }
        return target;
    }

    @Test
    void bgzfJoinedWithPlainGzipAndAFileJoinedWithItself() throws Exception {
        byte[] bgzf = Files.readAllBytes(SparkDifferentialTest.bgzip(art[1], data.resolve("joined_2.bgz")));
        Path joined = Files.write(data.resolve("bgzf-then-gzip_2.gz"), SparkDifferentialTest.concat(bgzf,
                Files.readAllBytes(TestData.gzip(art[1], data.resolve("again_2.gz")))));
        Path twice = Files.write(data.resolve("twice_1.gz"), SparkDifferentialTest.concat(
                Files.readAllBytes(TestData.gzip(art[0], data.resolve("once_1.gz"))),
                Files.readAllBytes(data.resolve("once_1.gz"))));
        compare(List.of(), List.of(twice.toString(), joined.toString()), 400);
    }

    @Test
    void emptyGzipInputs() throws Exception {
        Path empty = Files.write(data.resolve("empty.fq"), new byte[0]);
        Path a = TestData.gzip(empty, data.resolve("empty_1.fq.gz"));
        Path b = TestData.gzip(empty, data.resolve("empty_2.fq.gz"));
        compare(List.of(), List.of(a.toString(), b.toString()), 100);
    }

    @Test
    void corruptDataAfterASeekPointFailNamingTheFileAndTheOffsetWithNoOutput() throws Exception {
        Path corrupt = corrupt(TestData.gzip(art[0], data.resolve("corrupt_1.fq.gz")), 3 / 5.0);
        assertFailsNaming(corrupt, List.of(), RANGE_BYTES, COMPRESSED_OFFSET);
    }

    @Test
    void corruptDataBehindAReusedIndexFailBeforeAnyMerge() throws Exception {
        Path reused = TestData.gzip(art[0], data.resolve("reused_1.fq.gz"));
        Path indexes = data.resolve("reused-indexes");
        compare(List.of("--gzip-index=" + indexes), List.of(reused.toString(), art[1].toString()), 300);
        // Same size, so the index is used; not in the last two segments, which the reuse check decodes.
        corrupt(reused, 1 / 3.0);
        assertFailsNaming(reused, List.of("--gzip-index=" + indexes), RANGE_BYTES, COMPRESSED_OFFSET);
    }

    /** Flips 64 bytes of a file at {@code fraction} of its size. */
    private static Path corrupt(Path file, double fraction) throws IOException {
        byte[] gz = Files.readAllBytes(file);
        int at = (int) (gz.length * fraction);
        for (int i = at; i < at + 64; i++) {
            gz[i] ^= 0x5a;
        }
        return Files.write(file, gz);
    }

    /** How a corrupt plain gzip file's error names where its bad data are. */
    private static final String COMPRESSED_OFFSET = ".*compressed (byte|bit) \\d+.*";

    /**
     * A run on {@code corrupt} and the second mate fails with one error line naming the file and
     * matching {@code where}, and leaves no output.
     */
    private static void assertFailsNaming(Path corrupt, List<String> options, long rangeBytes, String where)
            throws Exception {
        Path out = Files.createTempDirectory(data, "corrupt");
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of("-d", out.toString(), corrupt.toString(), art[1].toString()));
        Oracle.Run run = SparkCli.flashj(spark, args, 300, rangeBytes);
        assertEquals(1, run.status(), run.stderr());
        String error = FlashSparkTest.errorLine(run.stderr());
        assertTrue(error.startsWith("[FLASH] ERROR: " + corrupt + ": ") && error.matches(where), run.stderr());
        assertEquals(List.of(), everything(out), "no output is left");
    }

    @Test
    void anIndexIsKeptInTheIndexDirectoryAndOneOfAnotherFileIsBuiltAgain() throws Exception {
        Path a = TestData.gzip(art[0], data.resolve("kept_1.fq.gz"));
        Path b = TestData.gzip(art[1], data.resolve("kept_2.fq.gz"));
        Path indexes = data.resolve("indexes");
        List<String> inputs = List.of(a.toString(), b.toString());
        compare(List.of("--gzip-index=" + indexes), inputs, 300);
        assertTrue(Files.size(indexes.resolve("kept_1.fq.gz.gzidx")) > 0);
        LOG.clear();
        compare(List.of("--gzip-index=" + indexes), inputs, 300);
        assertTrue(LOG.stream().anyMatch(l -> l.contains("kept_1.fq.gz is gzip: its index")
                && l.contains(indexes.resolve("kept_1.fq.gz.gzidx").toString())), "reused: " + LOG);
        Files.copy(indexes.resolve("kept_1.fq.gz.gzidx"), indexes.resolve("kept_2.fq.gz.gzidx"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        LOG.clear();
        compare(List.of("--gzip-index=" + indexes), inputs, 300);
        assertTrue(LOG.stream().anyMatch(l -> l.contains("does not belong to")), "warned: " + LOG);
    }

    /**
     * An index kept for another file of exactly the same compressed size and name (the same
     * records in the reverse order, in another directory) is found not to belong by its windows:
     * a WARN says so, the index is built again, the output is FLASH's, and the index kept then
     * belongs to the file.
     */
    @Test
    void anIndexOfAnotherFileOfTheSameSizeIsBuiltAgain() throws Exception {
        Path first = Files.createDirectories(data.resolve("same-size-first"));
        Path second = Files.createDirectories(data.resolve("same-size-second"));
        byte[][] mates = {Files.readAllBytes(art[0]), Files.readAllBytes(art[1])};
        for (int m = 0; m < 2; m++) {
            byte[] reversed = reversedRecords(mates[m]);
            int size = Math.max(gzipWithComment(mates[m], 0).length, gzipWithComment(reversed, 0).length) + 1;
            Files.write(first.resolve("same_" + (m + 1) + ".fq.gz"), gzipWithComment(mates[m],
                    size - gzipWithComment(mates[m], 0).length));
            Files.write(second.resolve("same_" + (m + 1) + ".fq.gz"), gzipWithComment(reversed,
                    size - gzipWithComment(reversed, 0).length));
        }
        Path a = first.resolve("same_1.fq.gz");
        Path b = second.resolve("same_1.fq.gz");
        assertEquals(Files.size(a), Files.size(b));
        Path indexes = data.resolve("same-size-indexes");
        Path kept = indexes.resolve("same_1.fq.gz.gzidx");
        compare(List.of("--gzip-index=" + indexes), List.of(a.toString(), first.resolve("same_2.fq.gz").toString()),
                300);
        assertEquals(null, GzipIndex.read(kept).check(a, kept), "the index kept belongs to the first file");
        LOG.clear();
        compare(List.of("--gzip-index=" + indexes), List.of(b.toString(), second.resolve("same_2.fq.gz").toString()),
                300);
        assertTrue(LOG.stream().anyMatch(l -> l.startsWith("The gzip index " + kept) && l.contains("does not belong to "
                + b) && l.contains("building it again")), "warned: " + LOG);
        assertTrue(LOG.stream().anyMatch(l -> l.startsWith(b + " is gzip: indexed by")), "built again: " + LOG);
        assertEquals(null, GzipIndex.read(kept).check(b, kept), "the index kept now belongs to the second file");
        assertTrue(GzipIndex.read(kept).check(a, kept) != null, "and no longer to the first");
    }

    /** FASTQ with its 4-line records in the reverse order. */
    static byte[] reversedRecords(byte[] fastq) {
        List<String> lines = List.of(new String(fastq, StandardCharsets.ISO_8859_1).split("\n"));
        StringBuilder out = new StringBuilder();
        for (int r = lines.size() / 4 - 1; r >= 0; r--) {
            for (int k = 0; k < 4; k++) {
                out.append(lines.get(4 * r + k)).append('\n');
            }
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One gzip member of {@code text} with a header comment of {@code pad} bytes (with its end), to set its size. */
    static byte[] gzipWithComment(byte[] text, int pad) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, pad > 0 ? (byte) 16 : 0, 0, 0, 0, 0, 0, (byte) 0xff});
        if (pad > 0) {
            out.writeBytes("x".repeat(pad - 1).getBytes(StandardCharsets.US_ASCII));
            out.write(0);
        }
        Deflater deflater = new Deflater(6, true);
        deflater.setInput(text);
        deflater.finish();
        byte[] buffer = new byte[1 << 16];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(text);
        for (long v : new long[] {crc.getValue(), text.length}) {
            for (int i = 0; i < 4; i++) {
                out.write((int) (v >>> (8 * i)));
            }
        }
        return out.toByteArray();
    }

    /** The driver read the inputs' first bytes (which tell how they are compressed), and nothing else of them. */
    static void assertDriverReadTheHeadOnly(Path... inputs) {
        for (Path input : inputs) {
            long n = CountingFileSystem.driverBytes(input);
            assertTrue(n > 0 && n <= 18, input + ": the driver read " + n + " bytes of it");
        }
    }

    /** {@code file} cut at the byte counts given (then the rest), each piece a gzip member of its own. */
    static Path members(Path file, Path target, int[] pieces) throws IOException {
        byte[] text = Files.readAllBytes(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        for (int k = 0; k <= pieces.length && at < text.length; k++) {
            int n = k < pieces.length ? Math.min(pieces[k], text.length - at) : text.length - at;
            try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(data.resolve("piece.gz")))) {
                gz.write(text, at, n);
            }
            out.write(Files.readAllBytes(data.resolve("piece.gz")));
            at += n;
        }
        return Files.write(target, out.toByteArray());
    }

    /** Runs {@code flash} and FlashJ on Spark on the same inputs (local paths or URIs) and compares every file. */
    static void compare(List<String> options, List<String> inputs, long pairsPerChunk)
            throws IOException, InterruptedException {
        compare(options, inputs, pairsPerChunk, RANGE_BYTES);
    }

    /** As {@link #compare(List, List, long)}, with ranges of {@code rangeBytes} (0: automatic). */
    static void compare(List<String> options, List<String> inputs, long pairsPerChunk, long rangeBytes)
            throws IOException, InterruptedException {
        List<String> local = inputs.stream().map(s -> s.replaceFirst("^" + CountingFileSystem.SCHEME + "://", ""))
                .toList();
        compare(options, local, inputs, pairsPerChunk, rangeBytes);
    }

    /** As {@link #compare(List, List, long, long)}, with {@code flash} given {@code local} as its inputs. */
    static void compare(List<String> options, List<String> local, List<String> inputs, long pairsPerChunk,
            long rangeBytes) throws IOException, InterruptedException {
        Path oracleDir = Files.createTempDirectory(data, "oracle");
        Path flashjDir = Files.createTempDirectory(data, "flashj");
        List<String> oracleArgs = new ArrayList<>(options.stream().filter(o -> !o.startsWith("--gzip-index")).toList());
        oracleArgs.addAll(List.of("-d", oracleDir.toString()));
        oracleArgs.addAll(local);
        Oracle.Run want = Oracle.flash(oracleDir, oracleArgs);
        List<String> flashjArgs = new ArrayList<>(options);
        flashjArgs.addAll(List.of("-d", flashjDir.toString()));
        flashjArgs.addAll(inputs);
        Oracle.Run got = SparkCli.flashj(spark, flashjArgs, pairsPerChunk, rangeBytes);
        String context = options + " " + local.stream().map(s -> Path.of(s).getFileName().toString()).toList();
        assertEquals(want.status(), got.status(), context + ": exit status; flashj said " + got.stderr());
        OutputComparison.assertSameFiles(oracleDir, flashjDir, context);
        OutputComparison.assertSameFacts(want.stdoutText(), new String(got.stdout(), StandardCharsets.ISO_8859_1),
                context);
        Map<String, Long> left = SparkDifferentialTest.filesUnder(flashjDir.toString());
        assertEquals(OutputComparison.names(oracleDir).size(), left.size(), "only FLASH's files are left: " + left);
    }
}
