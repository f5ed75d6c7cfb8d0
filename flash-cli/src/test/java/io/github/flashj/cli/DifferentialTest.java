package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.flashj.PipelineLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FlashJ against Debian's {@code flash -t 1}: every output file byte for byte, and the facts of the
 * messages, over ART and edge-case data and a matrix of options that covers every option of
 * {@code flash --help}, at several thread counts and batch sizes.
 */
class DifferentialTest {
    @TempDir
    static Path data;

    static Path[] edge;
    static Path[] art150;
    static Path[] ms250;

    @BeforeAll
    static void makeData() throws Exception {
        Oracle.require();
        edge = TestData.edgePairs(data, 4000, 11);
        art150 = TestData.artPairs(data, "HS25", 150, 20, 250, 25, 7);
        ms250 = TestData.artPairs(data, "MSv3", 250, 15, 400, 40, 9);
    }

    static Stream<Arguments> matrix() {
        List<List<String>> options = List.of(
                List.of(),
                List.of("-O"),
                List.of("-O", "-M", "250"),
                List.of("-m", "20", "-M", "150", "-x", "0.1"),
                List.of("-x", "0"),
                List.of("-x", "1", "-m", "1"),
                List.of("--min-overlap=5", "--max-overlap", "300", "--max-mismatch-density=0.3"),
                List.of("-r", "150", "-f", "250", "-s", "25"),
                List.of("--read-len=250", "--fragment-len=400", "--fragment-len-stddev=40", "--allow-outies"),
                List.of("--cap-mismatch-quals", "-O", "-M", "200"),
                List.of("-z"),
                List.of("-z", "-O", "-M", "250"),
                List.of("--compress-prog=gzip", "--compress-prog-args=-1"),
                List.of("--suffix=fq"),
                List.of("-z", "--output-suffix="),
                List.of("-z", "--suffix=foo"),
                List.of("--interleaved-output"),
                List.of("--interleaved-output", "-z", "-O"),
                List.of("-To"),
                List.of("-To", "-O", "-M", "200", "-z"),
                List.of("--tab-delimited-output", "--suffix=txt"),
                List.of("-o", "sample", "-q"),
                List.of("-Oz", "-m15"),
                List.of("--allow", "--max-ov=120", "--cap"));
        List<Arguments> cases = new ArrayList<>();
        int[] threads = {1, 2, 7};
        int[] batches = {4096, 1, 37};
        int k = 0;
        for (String dataset : List.of("edge", "art150", "ms250")) {
            for (List<String> o : options) {
                cases.add(Arguments.of(dataset, o, threads[k % 3], batches[(k / 3) % 3]));
                k++;
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} -t {2} --batch-size {3}")
    @MethodSource("matrix")
    void sameFilesAsFlash(String dataset, List<String> options, int threads, int batchSize) throws Exception {
        Path[] mates = dataset.equals("edge") ? edge : dataset.equals("art150") ? art150 : ms250;
        compare(options, List.of(mates[0].toString(), mates[1].toString()), threads, batchSize);
    }

    /**
     * Both layouts of the local run (flash-core's Pipeline: workers that carry their batches
     * through, or a reader and a committer beside them), forced, whatever this machine's cores
     * would choose.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("layouts")
    void bothLayouts_giveFlashsFiles(PipelineLayout layout, List<String> options) throws Exception {
        EngineOverrides forced = CliRunner.VECTOR_KERNEL.withLayout(layout);
        compare(options, List.of(art150[0].toString(), art150[1].toString()), 2, 37, forced);
        compare(options, List.of(edge[0].toString(), edge[1].toString()), 7, 1, forced);
    }

    static Stream<Arguments> layouts() {
        List<Arguments> cases = new ArrayList<>();
        for (PipelineLayout layout : List.of(PipelineLayout.STAGED, PipelineLayout.CARRIED)) {
            for (List<String> o : List.of(List.<String>of(), List.of("-z", "-O"), List.of("-To"))) {
                cases.add(Arguments.of(layout, o));
            }
        }
        return cases.stream();
    }

    @Test
    void phred64() throws Exception {
        Path[] mates = TestData.phred64(data, art150);
        compare(List.of("-p", "64", "-O"), List.of(mates[0].toString(), mates[1].toString()), 2, 4096);
    }

    @Test
    void interleavedInput() throws Exception {
        Path in = TestData.interleave(data, edge, "edge.interleaved.fq");
        compare(List.of("--interleaved-input"), List.of(in.toString()), 2, 100);
        compare(List.of("-I", "-O"), List.of(in.toString()), 1, 4096);
    }

    @Test
    void interleavedInputWithEmptyRecords() throws Exception {
        // FLASH drops a pair whose second record has no bases, and keeps one whose first has none.
        StringBuilder in = new StringBuilder();
        String[] seqs = {"ACGTACGTACGTTGCA", "", "GGATCCATTGACCA", "", "TTGACCAGGATCCA", "ACGT"};
        for (int p = 0; p < 60; p++) {
            String s1 = seqs[p % 6];
            String s2 = seqs[(p + p / 6) % 6];
            in.append("@p").append(p).append("/1\n").append(s1).append("\n+\n").append("I".repeat(s1.length()))
                    .append("\n@p").append(p).append("/2\n").append(s2).append("\n+\n")
                    .append("I".repeat(s2.length())).append('\n');
        }
        Path file = Files.writeString(data.resolve("empty-records.interleaved.fq"), in);
        compare(List.of("--interleaved-input", "-m", "4"), List.of(file.toString()), 2, 7);
    }

    @Test
    void tabDelimitedInput() throws Exception {
        Path in = TestData.tabDelimited(data, art150, "art.tab");
        compare(List.of("-Ti"), List.of(in.toString()), 2, 4096);
        compare(List.of("--tab-delimited-input", "-To", "-O"), List.of(in.toString()), 2, 50);
    }

    @Test
    void gzipInputWhateverTheName() throws Exception {
        Path a = TestData.gzip(edge[0], data.resolve("edge_1.fq.gz"));
        Path b = TestData.gzip(edge[1], data.resolve("edge_2.data"));
        compare(List.of("-O"), List.of(a.toString(), b.toString()), 2, 4096);
    }

    @Test
    void toStdout() throws Exception {
        for (List<String> options : List.of(List.of("-c"), List.of("-c", "-To"), List.of("-c", "-z", "-O"),
                List.of("-c", "--compress-prog=gzip", "--compress-prog-args=-1"))) {
            Path oracleDir = Files.createTempDirectory(data, "oracle");
            Path flashjDir = Files.createTempDirectory(data, "flashj");
            List<String> args = new ArrayList<>(options);
            args.addAll(List.of("-d", oracleDir.toString(), art150[0].toString(), art150[1].toString()));
            Oracle.Run want = Oracle.flash(oracleDir, args);
            args.set(options.size() + 1, flashjDir.toString());
            Oracle.Run got = CliRunner.flashj(withThreads(args, 2));
            assertEquals(want.status(), got.status(), options + ": exit status");
            boolean gzip = options.contains("-z") || options.contains("--compress-prog=gzip");
            byte[] wantBytes = gzip ? gunzip(want.stdout()) : want.stdout();
            byte[] gotBytes = gzip ? gunzip(got.stdout()) : got.stdout();
            OutputComparison.assertSameBytes(wantBytes, gotBytes, options + ": standard output");
            OutputComparison.assertSameFiles(oracleDir, flashjDir, options.toString());
            OutputComparison.assertSameFacts(want.stderr(), got.stderr(), options.toString());
        }
    }

    @Test
    void outputDirectoryIsCreated() throws Exception {
        Path oracleDir = Files.createTempDirectory(data, "oracle").resolve("new/sub");
        Path flashjDir = Files.createTempDirectory(data, "flashj").resolve("new/sub");
        List<String> files = List.of(art150[0].toString(), art150[1].toString());
        Oracle.Run want = Oracle.flash(data, concat(List.of("-d", oracleDir.toString(), "-o", "x"), files));
        Oracle.Run got = CliRunner.flashj(concat(List.of("-t", "2", "-d", flashjDir.toString(), "-o", "x"), files));
        assertEquals(want.status(), got.status());
        OutputComparison.assertSameFiles(oracleDir, flashjDir, "-d new/sub -o x");
    }

    private static void compare(List<String> options, List<String> inputs, int threads, int batchSize)
            throws IOException, InterruptedException {
        compare(options, inputs, threads, batchSize, CliRunner.VECTOR_KERNEL);
    }

    private static void compare(List<String> options, List<String> inputs, int threads, int batchSize,
            EngineOverrides overrides) throws IOException, InterruptedException {
        Path oracleDir = Files.createTempDirectory(data, "oracle");
        Path flashjDir = Files.createTempDirectory(data, "flashj");
        List<String> oracleArgs = concat(options, List.of("-d", oracleDir.toString()), inputs);
        Oracle.Run want = Oracle.flash(oracleDir, oracleArgs);
        List<String> flashjArgs = concat(options, List.of("-d", flashjDir.toString(), "--batch-size",
                String.valueOf(batchSize)), inputs);
        Oracle.Run got = CliRunner.flashj(withThreads(flashjArgs, threads), overrides);
        String context = options + " " + inputs.stream().map(s -> Path.of(s).getFileName().toString()).toList()
                + " -t " + threads + " --batch-size " + batchSize;
        assertEquals(want.status(), got.status(), context + ": exit status; flashj said " + got.stderr());
        OutputComparison.assertSameFiles(oracleDir, flashjDir, context);
        if (!options.contains("-q")) {
            OutputComparison.assertSameFacts(want.stdoutText(), new String(got.stdout(),
                    java.nio.charset.StandardCharsets.ISO_8859_1), context);
        }
        assertEquals(want.stderr().contains("WARNING"), got.stderr().contains("WARNING"), context + ": warnings");
    }

    /**
     * Runs {@code flash} and FlashJ ({@code -t 2}) with {@code options} on two mate files, each into
     * a new directory under {@code dir}, and checks that they end alike: the same exit status, the
     * same files, the same facts in their messages.
     *
     * @return flash's run, for further checks
     */
    static Oracle.Run assertSameAsFlash(Path dir, List<String> options, Path[] mates, String context)
            throws IOException, InterruptedException {
        Path oracleDir = Files.createTempDirectory(dir, "oracle");
        Path flashjDir = Files.createTempDirectory(dir, "flashj");
        List<String> files = List.of(mates[0].toString(), mates[1].toString());
        Oracle.Run want = Oracle.flash(oracleDir, concat(options, List.of("-d", oracleDir.toString()), files));
        Oracle.Run got = CliRunner.flashj(concat(List.of("-t", "2"), options, List.of("-d", flashjDir.toString()),
                files));
        assertEquals(want.status(), got.status(), got.stderr());
        OutputComparison.assertSameFiles(oracleDir, flashjDir, context);
        OutputComparison.assertSameFacts(want.stdoutText(), got.stdoutText(), context);
        return want;
    }

    static List<String> withThreads(List<String> args, int threads) {
        return concat(List.of("-t", String.valueOf(threads)), args);
    }

    @SafeVarargs
    static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        Arrays.stream(parts).forEach(all::addAll);
        return all;
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    static void copy(Path from, OutputStream to) throws IOException {
        Files.copy(from, to);
    }
}
