package io.github.flashj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.cli.Oracle;
import io.github.flashj.cli.OutputComparison;
import io.github.flashj.cli.TestData;
import io.github.flashj.io.Compression;
import io.github.flashj.io.output.OutputCompression;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FlashJ on Spark ({@code local[2,4]}: two task threads, four attempts per task) against Debian's
 * {@code flash -t 1}: every output file byte for byte and the facts of the log, over ART and
 * edge-case data and a matrix of options, with inputs cut into many planning ranges and chunks.
 */
class SparkDifferentialTest {
    @TempDir
    static Path data;
    static SparkSession spark;
    static Path[] edge;
    static Path[] art150;

    @BeforeAll
    static void start() throws Exception {
        Oracle.require();
        edge = TestData.edgePairs(data, 4000, 11);
        art150 = TestData.artPairs(data, "HS25", 150, 20, 250, 25, 7);
        spark = SparkSession.builder().master("local[2,4]").appName("SparkDifferentialTest")
                .config("spark.ui.enabled", "false").getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    static Stream<Arguments> matrix() {
        List<List<String>> options = List.of(
                List.of(),
                List.of("-O"),
                List.of("-M", "150"),
                List.of("-m", "20", "-M", "150", "-x", "0.1", "-O"),
                List.of("--cap-mismatch-quals", "-O", "-M", "200"),
                List.of("-z"),
                List.of("-z", "-O", "-M", "250"),
                List.of("--interleaved-output"),
                List.of("--interleaved-output", "-z", "-O"),
                List.of("-o", "sample", "--suffix=fq"));
        List<Arguments> cases = new ArrayList<>();
        long[][] geometry = {{500, 1 << 16}, {37, 5000}, {0, 0}};
        int k = 0;
        for (String dataset : List.of("edge", "art150")) {
            for (List<String> o : options) {
                long[] g = geometry[k++ % geometry.length];
                cases.add(Arguments.of(dataset, o, g[0], g[1]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} chunks of {2} pairs, ranges of {3} bytes")
    @MethodSource("matrix")
    void sameFilesAsFlash(String dataset, List<String> options, long pairsPerChunk, long rangeBytes) throws Exception {
        Path[] mates = dataset.equals("edge") ? edge : art150;
        compare(options, List.of(mates[0].toString(), mates[1].toString()), pairsPerChunk, rangeBytes);
    }

    @Test
    void phred64() throws Exception {
        Path[] mates = TestData.phred64(data, art150);
        compare(List.of("-p", "64", "-O"), List.of(mates[0].toString(), mates[1].toString()), 300, 1 << 15);
    }

    @Test
    void interleavedInput() throws Exception {
        Path in = TestData.interleave(data, edge, "edge.interleaved.fq");
        compare(List.of("--interleaved-input"), List.of(in.toString()), 333, 1 << 15);
        compare(List.of("-I", "-O"), List.of(in.toString()), 1000, 0);
    }

    @Test
    void tabDelimitedInput() throws Exception {
        Path in = TestData.tabDelimited(data, art150, "art.tab");
        compare(List.of("-Ti"), List.of(in.toString()), 250, 1 << 15);
    }

    @Test
    void gzipInputIsSplitThroughItsIndex() throws Exception {
        Path a = TestData.gzip(edge[0], data.resolve("edge_1.fq.gz"));
        Path b = TestData.gzip(edge[1], data.resolve("edge_2.data"));
        compare(List.of("-O"), List.of(a.toString(), b.toString()), 400, 1 << 15);
    }

    @Test
    void bgzfInputIsReadThroughItsBlocksWithNoDecodedCopy() throws Exception {
        Path a = bgzip(art150[0], data.resolve("art_1.fq.bgz"));
        Path b = bgzip(art150[1], data.resolve("art_2.fq.bgz"));
        compare(List.of("-O", "-M", "150"), List.of(a.toString(), b.toString()), 300, 1 << 14);
        String out = Files.createTempDirectory(data, "flashj").toString();
        Oracle.Run run = SparkCli.flashj(spark, List.of("-d", out, a.toString(), b.toString()), 300, 1 << 14,
                (chunk, batch) -> WORK_FILES.putAll(filesUnder(out)));
        assertEquals(0, run.status(), run.stderr());
        assertTrue(WORK_FILES.size() > 2, "files seen while tasks merged: " + WORK_FILES);
        long decodedSize = Files.size(art150[0]);
        WORK_FILES.forEach((file, size) -> assertTrue(size < decodedSize / 2 && !file.contains("input-"),
                "no decoded copy beside the parts: " + file + ", " + size + " bytes"));
    }

    @Test
    void bgzfFilesJoinedWithBgzfOrPlainGzipAreReadAsOne() throws Exception {
        byte[] one = Files.readAllBytes(bgzip(edge[0], data.resolve("edge_1.bgz")));
        byte[] two = Files.readAllBytes(bgzip(edge[1], data.resolve("edge_2.bgz")));
        Path a = Files.write(data.resolve("edge_1.twice.bgz"), concat(one, one));
        Path b = Files.write(data.resolve("edge_2.then-gzip.gz"),
                concat(two, Files.readAllBytes(TestData.gzip(edge[1], data.resolve("edge_2.gz")))));
        compare(List.of("-O"), List.of(a.toString(), a.toString()), 400, 1 << 14);
        compare(List.of(), List.of(a.toString(), b.toString()), 400, 1 << 14);
    }

    @Test
    void aCorruptBgzfBlockFailsTheRunNamingTheFile() throws Exception {
        byte[] b = Files.readAllBytes(bgzip(edge[0], data.resolve("edge_1.bgz")));
        b[100] ^= 0x5a;
        Path corrupt = Files.write(data.resolve("corrupt_1.bgz"), b);
        Path out = Files.createTempDirectory(data, "flashj");
        Oracle.Run run = SparkCli.flashj(spark, List.of("-d", out.toString(), corrupt.toString(), edge[1].toString()),
                400, 1 << 14);
        assertEquals(1, run.status(), run.stderr());
        assertTrue(run.stderr().contains("[FLASH] ERROR: ") && run.stderr().contains(corrupt.toString())
                && run.stderr().contains("bgzf data is corrupt"), run.stderr());
    }

    /** The files under a directory and their sizes, as the tasks see them while they merge. */
    static final Map<String, Long> WORK_FILES = new ConcurrentHashMap<>();

    static Map<String, Long> filesUnder(String directory) {
        Map<String, Long> sizes = new HashMap<>();
        File[] entries = new File(directory).listFiles();
        for (File entry : entries == null ? new File[0] : entries) {
            if (entry.isDirectory()) {
                sizes.putAll(filesUnder(entry.getPath()));
            } else {
                sizes.put(entry.getPath(), entry.length());
            }
        }
        return sizes;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** {@code file} compressed as {@code format} ({@code zstd}, {@code lz4}, {@code gzip}) by FlashJ's writers. */
    static Path compress(Path file, Path target, String format) throws IOException {
        OutputCompression compression = OutputCompression.of(Compression.named(format).orElseThrow());
        try (OutputStream out = compression.wrap(Files.newOutputStream(target))) {
            Files.copy(file, out);
        }
        return target;
    }

    /** BGZF as bcl2fastq and BCL Convert write it, by htslib's bgzip. */
    static Path bgzip(Path file, Path target) throws IOException, InterruptedException {
        Oracle.Run run = Oracle.exec(target.getParent(), List.of("bgzip", "-c", file.toString()), null);
        assertEquals(0, run.status(), "bgzip (apt-get install tabix): " + run.stderr());
        return Files.write(target, run.stdout());
    }

    @Test
    void toStdout() throws Exception {
        for (List<String> options : List.of(List.of("-c"), List.of("-c", "-z", "-O"))) {
            Path oracleDir = Files.createTempDirectory(data, "oracle");
            Path flashjDir = Files.createTempDirectory(data, "flashj");
            List<String> args = new ArrayList<>(options);
            args.addAll(List.of("-d", oracleDir.toString(), art150[0].toString(), art150[1].toString()));
            Oracle.Run want = Oracle.flash(oracleDir, args);
            args.set(options.size() + 1, flashjDir.toString());
            Oracle.Run got = SparkCli.flashj(spark, args, 300, 1 << 15);
            assertEquals(want.status(), got.status(), options + ": exit status; flashj said " + got.stderr());
            byte[] wantBytes = options.contains("-z") ? gunzip(want.stdout()) : want.stdout();
            byte[] gotBytes = options.contains("-z") ? gunzip(got.stdout()) : got.stdout();
            OutputComparison.assertSameBytes(wantBytes, gotBytes, options + ": standard output");
            OutputComparison.assertSameFiles(oracleDir, flashjDir, options.toString());
        }
    }

    static void compare(List<String> options, List<String> inputs, long pairsPerChunk, long rangeBytes)
            throws IOException, InterruptedException {
        Path oracleDir = Files.createTempDirectory(data, "oracle");
        Path flashjDir = Files.createTempDirectory(data, "flashj");
        List<String> oracleArgs = new ArrayList<>(options);
        oracleArgs.addAll(List.of("-d", oracleDir.toString()));
        oracleArgs.addAll(inputs);
        Oracle.Run want = Oracle.flash(oracleDir, oracleArgs);
        List<String> flashjArgs = new ArrayList<>(options);
        flashjArgs.addAll(List.of("-d", flashjDir.toString()));
        flashjArgs.addAll(inputs);
        Oracle.Run got = SparkCli.flashj(spark, flashjArgs, pairsPerChunk, rangeBytes);
        String context = options + " " + inputs.stream().map(s -> Path.of(s).getFileName().toString()).toList()
                + " chunks of " + pairsPerChunk + ", ranges of " + rangeBytes;
        assertEquals(want.status(), got.status(), context + ": exit status; flashj said " + got.stderr());
        OutputComparison.assertSameFiles(oracleDir, flashjDir, context);
        OutputComparison.assertSameFacts(want.stdoutText(), new String(got.stdout(), StandardCharsets.ISO_8859_1),
                context);
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
