package io.github.flashj.io.output;

import static io.github.flashj.io.TestData.files;
import static io.github.flashj.io.TestData.gunzip;
import static io.github.flashj.io.TestData.mates1;
import static io.github.flashj.io.TestData.mates2;
import static io.github.flashj.io.TestData.output;
import static io.github.flashj.io.TestData.read;
import static io.github.flashj.io.TestData.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flashj.JobStatistics;
import io.github.flashj.io.TestData;
import io.github.flashj.io.input.FastqInputs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputLayoutTest {
    private static final List<String> DEFAULT_FILES = List.of("out.extendedFrags.fastq", "out.hist", "out.histogram",
            "out.notCombined_1.fastq", "out.notCombined_2.fastq");

    @TempDir
    Path tmp;

    private Path m1;
    private Path m2;
    private List<TestData.Pair> pairs;

    /** {@code pattern}: 'c' a pair that merges (into 150 bp), 'u' one that does not. */
    private void input(String pattern) {
        Random r = new Random(pattern.hashCode());
        pairs = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            pairs.add(pattern.charAt(i) == 'c' ? TestData.mergeable("p" + i, r, 150, 100)
                    : TestData.unmergeable("p" + i, r, 60, 70));
        }
        m1 = write(tmp.resolve("in_1.fq"), mates1(pairs));
        m2 = write(tmp.resolve("in_2.fq"), mates2(pairs));
    }

    private JobStatistics run(FlashOutput.Builder out) throws IOException {
        return TestData.run(FastqInputs.pairedFiles(m1, m2), out.build());
    }

    private String expectedUncombined(int mate) {
        StringBuilder sb = new StringBuilder();
        for (TestData.Pair p : pairs) {
            if (p.seq1().length() == 60) {
                sb.append(mate == 1 ? p.fastq1() : p.fastq2());
            }
        }
        return sb.toString();
    }

    @Test
    void eachFileIsNamedByWhatItHolds() {
        OutputLayout layout = FlashOutput.builder().directory("d").prefix("p").gzip().orientationHistograms(true)
                .layout();
        assertEquals(List.of(OutputFile.EXTENDED_FRAGMENTS, OutputFile.NOT_COMBINED_1, OutputFile.NOT_COMBINED_2),
                layout.readFiles());
        assertEquals("d/p.notCombined_2.fastq.gz", layout.path(OutputFile.NOT_COMBINED_2));
        assertEquals("d/p.histogram.outie", layout.path(OutputFile.HISTOGRAM_OUTIE));
        assertEquals(List.of("d/p.hist", "d/p.histogram", "d/p.hist.innie", "d/p.hist.outie", "d/p.histogram.innie",
                "d/p.histogram.outie"), layout.histogramFileNames());
        assertThrows(IllegalArgumentException.class, () -> layout.path(OutputFile.NOT_COMBINED));
        OutputLayout interleaved = FlashOutput.builder().interleaved(true).histograms(false).layout();
        assertEquals(List.of("./out.extendedFrags.fastq", "./out.notCombined.fastq"), interleaved.readFileNames());
        assertEquals(List.of(), interleaved.histogramFiles());
        OutputLayout tab = FlashOutput.builder().format(FlashOutput.Format.TAB_DELIMITED).layout();
        assertEquals(List.of(OutputFile.READS_AND_PAIRS), tab.readFiles());
        OutputLayout stdout = FlashOutput.builder().format(FlashOutput.Format.TAB_DELIMITED)
                .toStream(new ByteArrayOutputStream()).layout();
        assertEquals("-", stdout.path(OutputFile.READS_AND_PAIRS));
        assertEquals(List.of(), stdout.histogramFiles());
    }

    @Test
    void defaultNames() throws IOException {
        input("cucu");
        FlashOutput sink = output(tmp.resolve("o")).build();
        String base = tmp.resolve("o") + "/out";
        assertEquals(List.of(base + ".extendedFrags.fastq", base + ".notCombined_1.fastq",
                base + ".notCombined_2.fastq"), sink.readFileNames());
        assertEquals(List.of(base + ".hist", base + ".histogram"), sink.histogramFileNames());
        assertEquals(List.of("./out.extendedFrags.fastq", "./out.notCombined_1.fastq", "./out.notCombined_2.fastq"),
                FlashOutput.builder().build().readFileNames());
        JobStatistics stats = TestData.run(FastqInputs.pairedFiles(m1, m2), sink);
        assertEquals(2, stats.combined());
        assertEquals(DEFAULT_FILES, files(tmp.resolve("o")));
        assertEquals(expectedUncombined(1), read(tmp.resolve("o/out.notCombined_1.fastq")));
        assertEquals(expectedUncombined(2), read(tmp.resolve("o/out.notCombined_2.fastq")));
        String[] merged = read(tmp.resolve("o/out.extendedFrags.fastq")).split("\n");
        assertEquals(8, merged.length);
        assertEquals("@p0", merged[0]);
        assertEquals("+", merged[2]);
        assertEquals(150, merged[1].length());
        assertEquals("@p2", merged[4]);
    }

    @Test
    void prefixAndNestedDirectoryAreCreated() throws IOException {
        input("cu");
        Path dir = tmp.resolve("a/b/c");
        run(FlashOutput.builder().directory(dir.toString()).prefix("sample"));
        assertEquals(List.of("sample.extendedFrags.fastq", "sample.hist", "sample.histogram",
                "sample.notCombined_1.fastq", "sample.notCombined_2.fastq"), files(dir));
        // -o with a missing sub-directory is not created (as FLASH) and names the file.
        IOException e = assertThrows(IOException.class,
                () -> run(FlashOutput.builder().directory(tmp.toString()).prefix("missing/x")));
        assertTrue(e.getMessage().contains("missing/x.extendedFrags.fastq"), e.getMessage());
        // -d naming a regular file.
        Path file = write(tmp.resolve("afile"), "");
        assertThrows(IOException.class, () -> run(FlashOutput.builder().directory(file.toString())));
    }

    @Test
    void gzipOutput() throws IOException, InterruptedException {
        input("cuuccu");
        Path dir = tmp.resolve("gz");
        FlashOutput sink = output(dir).gzip().build();
        assertEquals(", gzip", sink.compressionDescription());
        TestData.run(FastqInputs.pairedFiles(m1, m2), sink);
        assertEquals(List.of("out.extendedFrags.fastq.gz", "out.hist", "out.histogram", "out.notCombined_1.fastq.gz",
                "out.notCombined_2.fastq.gz"), files(dir));
        Path plain = tmp.resolve("plain");
        run(output(plain));
        for (String name : List.of("out.extendedFrags.fastq", "out.notCombined_1.fastq", "out.notCombined_2.fastq")) {
            Path gz = dir.resolve(name + ".gz");
            byte[] head = Arrays.copyOf(Files.readAllBytes(gz), 10);
            assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3}, head);
            String expected = read(plain.resolve(name));
            assertEquals(expected, gunzip(gz));
            if (TestData.onPath("gzip")) {
                assertEquals(expected, new String(TestData.runProcess("gzip", "-dc", gz.toString()),
                        StandardCharsets.ISO_8859_1));
            }
            if (TestData.onPath("zcat")) {
                assertEquals(expected, new String(TestData.runProcess("zcat", gz.toString()),
                        StandardCharsets.ISO_8859_1));
            }
        }
        assertEquals(read(plain.resolve("out.hist")), read(dir.resolve("out.hist")));
    }

    @Test
    void emptyGzipOutputIsTwentyBytes() throws IOException {
        input("");
        Path dir = tmp.resolve("gz");
        run(output(dir).gzip());
        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                Files.readAllBytes(dir.resolve("out.extendedFrags.fastq.gz")));
    }

    @Test
    void suffixRules() throws IOException {
        input("cu");
        Path none = tmp.resolve("none");
        run(output(none).gzip().suffix(""));
        assertTrue(files(none).contains("out.extendedFrags.fastq"));
        assertTrue(gunzip(none.resolve("out.extendedFrags.fastq")).startsWith("@p0\n")); // still gzip data
        Path custom = tmp.resolve("custom");
        run(output(custom).suffix("foo"));
        assertEquals(List.of("out.extendedFrags.fastq.foo", "out.hist", "out.histogram", "out.notCombined_1.fastq.foo",
                "out.notCombined_2.fastq.foo"), files(custom));
        assertTrue(read(custom.resolve("out.extendedFrags.fastq.foo")).startsWith("@p0\n")); // plain text
        Path dotted = tmp.resolve("dotted");
        run(output(dotted).gzip().suffix(".x"));
        assertTrue(files(dotted).contains("out.extendedFrags.fastq..x"));
    }

    @Test
    void interleavedOutput() throws IOException {
        input("uucuu");
        Path dir = tmp.resolve("il");
        FlashOutput sink = output(dir).interleaved(true).build();
        assertEquals(2, sink.readFileNames().size());
        TestData.run(FastqInputs.pairedFiles(m1, m2), sink);
        assertEquals(List.of("out.extendedFrags.fastq", "out.hist", "out.histogram", "out.notCombined.fastq"),
                files(dir));
        StringBuilder expected = new StringBuilder();
        for (TestData.Pair p : pairs) {
            if (p.seq1().length() == 60) {
                expected.append(p.fastq1()).append(p.fastq2());
            }
        }
        assertEquals(expected.toString(), read(dir.resolve("out.notCombined.fastq")));
    }

    /** FLASH's tab-delimited record order (see the oracle notes): blocks of 35. */
    private List<String> tabOrder(List<String> records, String pattern) {
        List<String> out = new ArrayList<>();
        List<String> c = new ArrayList<>();
        List<String> u = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) == 'c') {
                c.add(records.get(i));
                if (c.size() == 35) {
                    out.addAll(c);
                    c.clear();
                }
            } else {
                if (u.size() == 35) {
                    out.addAll(u);
                    u.clear();
                }
                u.add(records.get(i));
            }
        }
        out.addAll(u);
        out.addAll(c);
        return out;
    }

    private List<String> tabLines(String pattern) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            TestData.Pair p = pairs.get(i);
            lines.add(pattern.charAt(i) == 'c' ? "p" + i : "p" + i + "\t" + p.seq1() + "\t" + p.qual1() + "\t"
                    + p.seq2() + "\t" + p.qual2());
        }
        return lines;
    }

    private void checkTabOrder(String pattern) throws IOException {
        input(pattern);
        Path dir = tmp.resolve("tab" + pattern.length() + "_" + Math.abs(pattern.hashCode()));
        FlashOutput sink = output(dir).format(FlashOutput.Format.TAB_DELIMITED).build();
        assertEquals(List.of(dir + "/out.readsAndPairs.tab"), sink.readFileNames());
        TestData.run(FastqInputs.pairedFiles(m1, m2), sink);
        assertEquals(List.of("out.hist", "out.histogram", "out.readsAndPairs.tab"), files(dir));
        List<String> actual = new ArrayList<>();
        for (String line : read(dir.resolve("out.readsAndPairs.tab")).split("\n", -1)) {
            // merged lines: keep the tag only (sequence checked elsewhere)
            String[] f = line.split("\t", -1);
            if (f.length == 3) {
                assertEquals(150, f[1].length());
                assertEquals(150, f[2].length());
                actual.add(f[0]);
            } else if (!line.isEmpty()) {
                assertEquals(5, f.length, line);
                actual.add(line);
            }
        }
        assertEquals(tabOrder(tabLines(pattern), pattern), actual, pattern);
    }

    @Test
    void tabDelimitedOutputOrder() throws IOException {
        input("cu");
        checkTabOrder("cu"); // the uncombined line comes first
        String t = read(tmp.resolve("tab2_" + Math.abs("cu".hashCode())).resolve("out.readsAndPairs.tab"));
        assertTrue(t.startsWith("p1\t"), t);
        checkTabOrder("u".repeat(36));
        checkTabOrder("u".repeat(35) + "c".repeat(35));
        checkTabOrder("c".repeat(36) + "u".repeat(71));
        Random r = new Random(9);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            sb.append(r.nextInt(3) == 0 ? 'u' : 'c');
        }
        checkTabOrder(sb.toString());
    }

    @Test
    void tabDelimitedLineFormat() throws IOException {
        Random r = new Random(10);
        TestData.Pair c = TestData.mergeable("m", r, 150, 100);
        TestData.Pair u = TestData.unmergeable("u1", r, 5, 6);
        m1 = write(tmp.resolve("f_1.fq"), "@m/1\n" + c.seq1() + "\n+\n" + c.qual1() + "\n"
                + "@u1/1\n" + u.seq1() + "\n+\n" + u.qual1() + "\n@u2/2 desc\nac\n+\nII\n@u3/1x\nA\n+\nI\n");
        m2 = write(tmp.resolve("f_2.fq"), c.fastq2() + u.fastq2() + "@zz\nGG\n+\nJJ\n@u3/2\nC\n+\nJ\n");
        Path dir = tmp.resolve("fmt");
        run(output(dir).format(FlashOutput.Format.TAB_DELIMITED));
        String[] lines = read(dir.resolve("out.readsAndPairs.tab")).split("\n");
        assertEquals("u1\t" + u.seq1() + "\t" + u.qual1() + "\t" + u.seq2() + "\t" + u.qual2(), lines[0]);
        assertEquals("u2/2 desc\tAC\tII\tGG\tJJ", lines[1]);
        assertEquals("u3/1x\tA\tI\tC\tJ", lines[2]);
        assertTrue(lines[3].startsWith("m\t"), lines[3]);
        assertEquals(4, lines.length);
        // gzip: .tab.gz
        Path gz = tmp.resolve("fmtgz");
        run(output(gz).format(FlashOutput.Format.TAB_DELIMITED).gzip());
        assertEquals(read(dir.resolve("out.readsAndPairs.tab")), gunzip(gz.resolve("out.readsAndPairs.tab.gz")));
    }

    @Test
    void toStreamHasOnlyMergedReadsAndNoFiles() throws IOException {
        input("cucuc");
        Path dir = tmp.resolve("s");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        FlashOutput sink = output(dir).toStream(stdout).build();
        assertEquals(List.of("-"), sink.readFileNames());
        assertEquals(List.of(), sink.histogramFileNames());
        TestData.run(FastqInputs.pairedFiles(m1, m2), sink);
        assertEquals(List.of(), files(dir));
        Path plain = tmp.resolve("plain");
        run(output(plain));
        assertEquals(read(plain.resolve("out.extendedFrags.fastq")), stdout.toString(StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream tab = new ByteArrayOutputStream();
        run(output(dir).toStream(tab).format(FlashOutput.Format.TAB_DELIMITED));
        assertEquals(5, tab.toString(StandardCharsets.ISO_8859_1).split("\n").length);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        run(output(dir).toStream(gz).gzip());
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz.toByteArray()))) {
            assertEquals(stdout.toString(StandardCharsets.ISO_8859_1),
                    new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
        assertEquals(List.of(), files(dir));
    }

    /** Pairs merging into the given lengths, in order. */
    private void lengths(int... fragmentLengths) {
        Random r = new Random(11);
        pairs = new ArrayList<>();
        for (int i = 0; i < fragmentLengths.length; i++) {
            pairs.add(TestData.mergeable("h" + i, r, fragmentLengths[i], 100));
        }
        m1 = write(tmp.resolve("h_1.fq"), mates1(pairs));
        m2 = write(tmp.resolve("h_2.fq"), mates2(pairs));
    }

    @Test
    void histograms() throws IOException {
        lengths(155, 150, 150, 152, 150, 155);
        Path dir = tmp.resolve("h");
        run(output(dir));
        assertEquals("150\t3\n152\t1\n155\t2\n", read(dir.resolve("out.hist")));
        assertEquals("150\t" + "*".repeat(72) + "\n151\t\n152\t" + "*".repeat(24) + "\n153\t\n154\t\n155\t"
                + "*".repeat(48) + "\n", read(dir.resolve("out.histogram")));
    }

    @Test
    void histogramStarsRoundDown() throws IOException {
        int[] lens = new int[66 + 55 + 1];
        Arrays.fill(lens, 0, 66, 150);
        Arrays.fill(lens, 66, 121, 151);
        lens[121] = 160;
        lengths(lens);
        Path dir = tmp.resolve("h");
        run(output(dir));
        String[] lines = read(dir.resolve("out.histogram")).split("\n");
        assertEquals("150\t" + "*".repeat(72), lines[0]);
        assertEquals("151\t" + "*".repeat(59), lines[1]); // 55 * (72.0 / 66) = 59.99..
        assertEquals("160\t" + "*".repeat(1), lines[10]); // 72/66 = 1.09
        assertEquals(11, lines.length);
    }

    @Test
    void emptyHistogramsWhenNothingMerged() throws IOException {
        input("uuu");
        Path dir = tmp.resolve("h");
        run(output(dir).orientationHistograms(true));
        for (String name : List.of("out.hist", "out.histogram", "out.hist.innie", "out.hist.outie",
                "out.histogram.innie", "out.histogram.outie")) {
            assertEquals("", read(dir.resolve(name)), name);
        }
        Path none = tmp.resolve("none");
        run(output(none).histograms(false));
        assertEquals(List.of("out.extendedFrags.fastq", "out.notCombined_1.fastq", "out.notCombined_2.fastq"),
                files(none));
    }

    @Test
    void innieAndOutieHistograms() throws IOException {
        Random r = new Random(12);
        pairs = new ArrayList<>();
        pairs.add(TestData.mergeable("i0", r, 150, 100));
        pairs.add(TestData.mergeable("i1", r, 150, 100));
        pairs.add(TestData.mergeable("i2", r, 160, 100));
        // An outie: read 2 (reverse-complemented) lies before read 1, overlapping by 20.
        String frag = TestData.random(r, "ACGT", 60);
        pairs.add(new TestData.Pair("o/1", frag.substring(20), TestData.quals(r, 40), "o/2",
                TestData.revcomp(frag.substring(0, 40)), TestData.quals(r, 40)));
        m1 = write(tmp.resolve("o_1.fq"), mates1(pairs));
        m2 = write(tmp.resolve("o_2.fq"), mates2(pairs));
        Path dir = tmp.resolve("io");
        FlashOutput sink = output(dir).build();
        assertEquals(2, sink.histogramFileNames().size());
        // Outies allowed: the innie and outie histograms too, as flash -O writes them.
        JobStatistics stats = TestData.job(FastqInputs.pairedFiles(m1, m2), sink).allowOuties(true).build().run();
        assertEquals(6, sink.histogramFileNames().size());
        assertEquals(3, stats.combinedInnie());
        assertEquals(1, stats.combinedOutie());
        assertEquals("60\t1\n150\t2\n160\t1\n", read(dir.resolve("out.hist")));
        assertEquals("150\t2\n160\t1\n", read(dir.resolve("out.hist.innie")));
        assertEquals("60\t1\n", read(dir.resolve("out.hist.outie")));
        assertEquals("60\t" + "*".repeat(72) + "\n", read(dir.resolve("out.histogram.outie")));
        String innie = read(dir.resolve("out.histogram.innie"));
        assertTrue(innie.startsWith("150\t" + "*".repeat(72) + "\n151\t\n"), innie);
        assertTrue(innie.endsWith("160\t" + "*".repeat(36) + "\n"), innie);
        assertEquals(11, innie.split("\n").length);
    }

    @Test
    void compressProgram() throws IOException, InterruptedException {
        assumeTrue(TestData.onPath("gzip") && TestData.onPath("zcat"));
        input("cuuc");
        Path dir = tmp.resolve("prog");
        FlashOutput sink = output(dir).compressProgram("gzip", "-1").build();
        assertEquals(", filtered through 'gzip -1 -c -'", sink.compressionDescription());
        TestData.run(FastqInputs.pairedFiles(m1, m2), sink);
        assertEquals(List.of("out.extendedFrags.fastq.gzip", "out.hist", "out.histogram",
                "out.notCombined_1.fastq.gzip", "out.notCombined_2.fastq.gzip"), files(dir));
        Path plain = tmp.resolve("plain");
        run(output(plain));
        for (String name : List.of("out.extendedFrags.fastq", "out.notCombined_1.fastq", "out.notCombined_2.fastq")) {
            assertEquals(read(plain.resolve(name)), new String(TestData.runProcess("zcat",
                    dir.resolve(name + ".gzip").toString()), StandardCharsets.ISO_8859_1));
        }
        Path suffixed = tmp.resolve("suffixed");
        run(output(suffixed).compressProgram("gzip", null).suffix("gz"));
        assertEquals(read(plain.resolve("out.extendedFrags.fastq")),
                gunzip(suffixed.resolve("out.extendedFrags.fastq.gz")));
    }

    @Test
    void failingCompressProgram() throws IOException {
        input("cuuc".repeat(2000));
        for (String program : List.of("flashj-no-such-program", "false")) {
            Path dir = tmp.resolve(program);
            IOException e = assertThrows(IOException.class, () -> run(output(dir).compressProgram(program, "")));
            assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
            assertEquals(List.of(), files(dir), program);
        }
        input("");
        Path empty = tmp.resolve("empty");
        assertThrows(IOException.class, () -> run(output(empty).compressProgram("false", "")));
        assertEquals(List.of(), files(empty));
    }
}
