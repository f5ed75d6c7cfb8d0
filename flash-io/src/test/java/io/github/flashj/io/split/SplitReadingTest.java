package io.github.flashj.io.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flashj.FlashJob;
import io.github.flashj.JobStatistics;
import io.github.flashj.PairSource;
import io.github.flashj.gzip.SeekableGzipInputStream;
import io.github.flashj.io.TestData;
import io.github.flashj.io.fastq.MateFilesReader;
import io.github.flashj.io.input.FastqInputs;
import io.github.flashj.io.plan.FastqFileIndex;
import io.github.flashj.io.plan.PositionalInput;
import io.github.flashj.io.split.SplitMateFilesReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Plain mate files read by several producers at once: the same pairs, output and errors as one. */
public class SplitReadingTest {
    @TempDir
    Path dir;

    @AfterEach
    void noThreadOutlivesARun() {
        List<String> left = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("flashj-")).map(Thread::getName).toList();
        assertEquals(List.of(), left);
    }

    /** One FASTQ record, its lines joined by {@code eol}. */
    static String record(String tag, String seq, String separator, String qual, String eol) {
        return "@" + tag + eol + seq + eol + separator + eol + qual + eol;
    }

    /**
     * Records chosen to mislead a search by '@' at a line start: quality lines starting with '@'
     * and '+', separators repeating the tag, an '@' in the sequence position's neighbours, short
     * and long reads.
     */
    static List<String> trickyRecords(String eol) {
        Random r = new Random(7);
        List<String> records = new ArrayList<>();
        String[] firstQual = {"@", "+", "@", "I", "+", "@"};
        for (int i = 0; i < 24; i++) {
            int len = 1 + r.nextInt(i % 5 == 0 ? 3 : 40);
            String seq = TestData.random(r, "ACGTN", len);
            String qual = firstQual[i % firstQual.length] + qualChars(r, len - 1);
            String separator = i % 3 == 0 ? "+" + "r" + i : "+";
            records.add(record(i % 4 == 1 ? "@r" + i + " x" : "r" + i, seq, separator, qual, eol));
        }
        return records;
    }

    static String qualChars(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            sb.append("@+!#IJ5"
                    .charAt(r.nextInt(7)));
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "line ends {0}")
    @ValueSource(strings = {"LF", "CRLF"})
    void boundary_fromEveryByteOffset_isTheFirstRecordStartAtOrAfterIt(String eolName) throws IOException {
        String eol = eolName.equals("LF") ? "\n" : "\r\n";
        List<String> records = trickyRecords(eol);
        TreeSet<Long> starts = new TreeSet<>();
        StringBuilder content = new StringBuilder();
        for (String rec : records) {
            starts.add((long) content.length());
            content.append(rec);
        }
        Path file = TestData.write(dir.resolve("tricky.fq"), content.toString());
        long size = Files.size(file);
        try (FileChannel channel = FileChannel.open(file)) {
            PositionalInput ch = PositionalInput.of(channel);
            assertTrue(FastqFileIndex.startsWithRecord(ch, size));
            for (long from = 0; from <= size; from++) {
                Long expected = starts.ceiling(from);
                assertEquals(expected == null ? -1 : expected, FastqFileIndex.findBoundary(ch, size, from, size),
                        "from byte " + from);
                // Within a range that ends before the next record start, there is none.
                if (expected != null && expected > from) {
                    assertEquals(-1, FastqFileIndex.findBoundary(ch, size, from, expected), "from byte " + from);
                }
            }
        }
    }

    // ---- whole runs: split against in order ----

    /** Pairs whose two mates differ in length, with tricky quality lines, about 60 kB per file. */
    public static String[] mates(int pairs, long seed, String eol) {
        Random r = new Random(seed);
        StringBuilder m1 = new StringBuilder();
        StringBuilder m2 = new StringBuilder();
        for (int i = 0; i < pairs; i++) {
            int fragment = 60 + r.nextInt(200);
            String f = TestData.random(r, "ACGT", fragment);
            int len1 = Math.min(fragment, 20 + r.nextInt(130));
            int len2 = Math.min(fragment, 10 + r.nextInt(240));
            String seq1 = f.substring(0, len1);
            String seq2 = i % 5 == 0 ? TestData.random(r, "ACGTN", len2) : TestData.revcomp(f.substring(fragment - len2));
            String q1 = (i % 3 == 0 ? "@" : "+") + qualChars(r, len1 - 1);
            String q2 = (i % 4 == 0 ? "+" : "@") + qualChars(r, len2 - 1);
            m1.append(record("p" + i + "/1", seq1, i % 2 == 0 ? "+" : "+p" + i, q1, eol));
            m2.append(record("p" + i + "/2", seq2, "+", q2, eol));
        }
        return new String[] {m1.toString(), m2.toString()};
    }

    /** What a run wrote (every file's bytes, by name) or the error it failed with. */
    record Outcome(Map<String, String> files, String error, long pairs) {
    }

    Outcome run(Path m1, Path m2, int producers, int batchSize, int workers, boolean expectSplit) throws IOException {
        Path out = Files.createTempDirectory(dir, "out");
        PairSource source = FastqInputs.options().producers(producers).gzipSeekSpacing(16 << 10)
                .paired(m1.toString(), m2.toString());
        SplitMateFilesReader split = source instanceof SplitMateFilesReader s ? s.geometry(997, 2) : null;
        try {
            JobStatistics stats = FlashJob.builder().source(source).sink(TestData.output(out).build())
                    .workers(workers).batchSize(batchSize).inFlight(Math.max(2, 2 * workers)).build().run();
            if (split != null) {
                assertEquals(expectSplit, split.isSplit(), "split");
            }
            Map<String, String> files = new LinkedHashMap<>();
            for (String name : TestData.files(out)) {
                files.put(name, TestData.read(out.resolve(name)));
            }
            return new Outcome(files, null, stats.pairs());
        } catch (IOException | RuntimeException e) {
            if (split != null) {
                assertEquals(expectSplit, split.isSplit(), "split");
            }
            return new Outcome(Map.of(), e.getClass().getName() + ": " + e.getMessage(), -1);
        }
    }

    static Stream<Arguments> shapes() {
        List<Arguments> shapes = new ArrayList<>();
        for (int producers : new int[] {2, 3, 4}) {
            for (int batchSize : new int[] {1, 3, 64, 100, 4096}) {
                shapes.add(Arguments.of(producers, batchSize));
            }
        }
        return shapes.stream();
    }

    @ParameterizedTest(name = "producers {0}, batch size {1}")
    @MethodSource("shapes")
    void splitOutput_equalsInOrderOutput(int producers, int batchSize) throws IOException {
        String[] m = mates(400, 11, "\n");
        Path m1 = TestData.write(dir.resolve("m_1.fq"), m[0]);
        Path m2 = TestData.write(dir.resolve("m_2.fq"), m[1]);
        Outcome inOrder = run(m1, m2, 1, batchSize, 2, false);
        assertEquals(400, inOrder.pairs());
        Outcome split = run(m1, m2, producers, batchSize, 2, true);
        assertEquals(inOrder, split);
    }

    @Test
    void splitOutput_withOneProducerAsked_readsInOrder() throws IOException {
        String[] m = mates(50, 12, "\n");
        Path m1 = TestData.write(dir.resolve("m_1.fq"), m[0]);
        Path m2 = TestData.write(dir.resolve("m_2.fq"), m[1]);
        assertTrue(FastqInputs.options().producers(1).paired(m1.toString(), m2.toString()) instanceof MateFilesReader);
        assertTrue(FastqInputs.options().producers(0).paired(m1.toString(), m2.toString()) instanceof SplitMateFilesReader);
    }

    @Test
    void automaticChoice_splitsOnlyLargeInputWithManyWorkers() {
        assertEquals(1, SplitMateFilesReader.automaticProducers(100L << 20, 8, 16));
        assertEquals(1, SplitMateFilesReader.automaticProducers(10L << 30, 2, 16));
        assertEquals(1, SplitMateFilesReader.automaticProducers(10L << 30, 4, 2));
        assertEquals(2, SplitMateFilesReader.automaticProducers(10L << 30, 8, 16));
        assertEquals(4, SplitMateFilesReader.automaticProducers(10L << 30, 64, 64));
        assertEquals(1, SplitMateFilesReader.automaticProducers(10L << 30, 8, 8, true), "gzip on 8 processors");
        assertEquals(1, SplitMateFilesReader.automaticProducers(10L << 30, 64, 64, true), "gzip only when asked");
        assertEquals(2, SplitMateFilesReader.automaticProducers(10L << 30, 8, 16, false));
    }

    // ---- irregular and bad input: the same result as in order ----

    static Stream<Arguments> badInputs() {
        String[] m = mates(300, 21, "\n");
        String[] crlf = mates(300, 22, "\r\n");
        String m1 = m[0];
        String m2 = m[1];
        int cut = m1.indexOf("@p150/1");
        int cut2 = m2.indexOf("@p100/2");
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("valid", m1, m2, true));
        cases.add(Arguments.of("CRLF line ends", crlf[0], crlf[1], true));
        cases.add(Arguments.of("no newline at the end", m1, m2.substring(0, m2.length() - 1), true));
        cases.add(Arguments.of("quality shorter than the sequence in mate 1",
                m1.substring(0, cut) + record("p150/1", "ACGTA", "+", "IIII", "\n")
                        + m1.substring(m1.indexOf("@p151/1")), m2, true));
        cases.add(Arguments.of("quality character below the offset",
                m1.substring(0, cut) + record("p150/1", "ACGT", "+", "II I", "\n")
                        + m1.substring(m1.indexOf("@p151/1")), m2, true));
        cases.add(Arguments.of("whitespace inside a sequence",
                m1.substring(0, cut) + record("p150/1", "AC T", "+", "IIII", "\n")
                        + m1.substring(m1.indexOf("@p151/1")), m2, true));
        // Whole four-line records throughout: split, and the worker parsing the chunk reports it.
        cases.add(Arguments.of("no separator in mate 2", m1,
                m2.substring(0, cut2) + "@p100/2\nACGT\n-\nIIII\n" + m2.substring(m2.indexOf("@p101/2")), true));
        cases.add(Arguments.of("the last record cut short", m1, m2.substring(0, m2.lastIndexOf("+\n")), false));
        cases.add(Arguments.of("mate 2 has fewer records", m1, m2.substring(0, cut2), false));
        cases.add(Arguments.of("mate 1 has fewer records", m1.substring(0, cut), m2, false));
        cases.add(Arguments.of("an empty line inside mate 1", m1.substring(0, cut) + "\n" + m1.substring(cut), m2,
                false));
        cases.add(Arguments.of("a first record without a tag line", m1.substring(m1.indexOf('\n') + 1), m2, false));
        cases.add(Arguments.of("both empty", "", "", false));
        cases.add(Arguments.of("old Mac line ends", m1.replace('\n', '\r'), m2.replace('\n', '\r'), false));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void irregularOrBadInput_givesTheSameResultAsInOrder(String name, String mate1, String mate2, boolean splits)
            throws IOException {
        Path m1 = TestData.write(dir.resolve("bad_1.fq"), mate1);
        Path m2 = TestData.write(dir.resolve("bad_2.fq"), mate2);
        // One worker: with several bad records, the first reported is then the first in the file.
        // (With more workers, or several producers, whichever worker fails first reports.)
        Outcome inOrder = run(m1, m2, 1, 16, 1, false);
        for (int producers : new int[] {2, 3}) {
            Outcome split = run(m1, m2, producers, 16, 1, splits);
            assertEquals(inOrder, split, name + ", " + producers + " producers");
        }
    }

    @Test
    void errorMessage_isTheSameInBothModes_withItsLineNumber() throws IOException {
        String[] m = mates(300, 23, "\n");
        int cut = m[0].indexOf("@p250/1");
        String bad = m[0].substring(0, cut) + record("p250/1", "ACGTA", "+", "IIII", "\n")
                + m[0].substring(m[0].indexOf("@p251/1"));
        Path m1 = TestData.write(dir.resolve("e_1.fq"), bad);
        Path m2 = TestData.write(dir.resolve("e_2.fq"), m[1]);
        Outcome inOrder = run(m1, m2, 1, 7, 2, false);
        Outcome split = run(m1, m2, 3, 7, 2, true);
        assertNotNull(inOrder.error());
        assertTrue(inOrder.error().contains("line " + (250 * 4 + 4)), inOrder.error());
        assertEquals(inOrder.error(), split.error());
    }

    /** A gzip file in one of the layouts that tools write. */
    static byte[] compressed(String layout, String text, Path dir) throws IOException, InterruptedException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        switch (layout) {
            case "gzip":
                return TestData.gzip(bytes);
            case "tiny members": {
                List<byte[]> members = new ArrayList<>();
                for (int at = 0; at < bytes.length; at += 1000) {
                    members.add(TestData.gzip(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 1000))));
                }
                return TestData.concat(members.toArray(new byte[0][]));
            }
            case "tiny and huge members": {
                int cut = bytes.length / 3;
                return TestData.concat(TestData.gzip(Arrays.copyOfRange(bytes, 0, 10)),
                        TestData.gzip(Arrays.copyOfRange(bytes, 10, cut)), TestData.gzip(new byte[0]),
                        TestData.gzip(Arrays.copyOfRange(bytes, cut, bytes.length)));
            }
            case "bgzf":
                return bgzip(bytes, dir);
            default: {
                int cut = bytes.length / 2;
                return TestData.concat(bgzip(Arrays.copyOfRange(bytes, 0, cut), dir),
                        TestData.gzip(Arrays.copyOfRange(bytes, cut, bytes.length)));
            }
        }
    }

    static byte[] bgzip(byte[] bytes, Path dir) throws IOException, InterruptedException {
        Path plain = Files.write(Files.createTempFile(dir, "bgzf", ".txt"), bytes);
        Process p = new ProcessBuilder("bgzip", "-f", plain.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        return Files.readAllBytes(Path.of(plain + ".gz"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gzip", "tiny members", "tiny and huge members", "bgzf", "bgzf then gzip"})
    void gzipInput_splitByItsSeekPoints_givesTheInOrderOutput(String layout) throws Exception {
        assumeTrue(!layout.startsWith("bgzf") || TestData.onPath("bgzip"), "bgzip");
        assumeTrue(layout.equals("bgzf") || SeekableGzipInputStream.nativeAvailable(), "the native library");
        String[] m = mates(3000, 26, "\n");
        Path p1 = TestData.write(dir.resolve("p_1.fq"), m[0]);
        Path p2 = TestData.write(dir.resolve("p_2.fq"), m[1]);
        Path z1 = TestData.write(dir.resolve("z_1.fq.gz"), compressed(layout, m[0], dir));
        Path z2 = TestData.write(dir.resolve("z_2.fq.gz"), compressed(layout, m[1], dir));
        Outcome plain = run(p1, p2, 1, 100, 2, false);
        assertEquals(3000, plain.pairs());
        for (int producers = 2; producers <= 4; producers++) {
            assertEquals(plain, run(z1, z2, producers, 100, producers, true), "producers " + producers);
        }
        assertEquals(plain, run(z1, p2, 3, 1, 2, true), "gzip with plain");
    }

    @Test
    void emptyGzip_isReadInOrder() throws Exception {
        Path z1 = TestData.write(dir.resolve("e_1.fq.gz"), TestData.gzip(new byte[0]));
        Path z2 = TestData.write(dir.resolve("e_2.fq.gz"), TestData.gzip(new byte[0]));
        Outcome empty = run(z1, z2, 3, 16, 2, false);
        assertEquals(0, empty.pairs(), String.valueOf(empty.error()));
    }

    @Test
    void otherCompressions_areReadInOrder() throws IOException {
        String[] m = mates(100, 24, "\n");
        Path m1 = TestData.write(dir.resolve("z_1.fq.zst"), com.github.luben.zstd.Zstd.compress(
                m[0].getBytes(StandardCharsets.ISO_8859_1)));
        Path m2 = TestData.write(dir.resolve("z_2.fq"), m[1]);
        Path p1 = TestData.write(dir.resolve("p_1.fq"), m[0]);
        Outcome plain = run(p1, m2, 1, 16, 2, false);
        assertEquals(plain, run(m1, m2, 3, 16, 2, false));
        assertFalse(plain.files().isEmpty());
    }

    @Test
    void largeBatchesOverManyRanges_readEveryByteOnce() throws IOException {
        String[] m = mates(3000, 25, "\n");
        Path m1 = TestData.write(dir.resolve("l_1.fq"), m[0]);
        Path m2 = TestData.write(dir.resolve("l_2.fq"), m[1]);
        Outcome inOrder = run(m1, m2, 1, 1000, 3, false);
        Outcome split = run(m1, m2, 4, 1000, 3, true);
        assertEquals(inOrder, split);
        assertArrayEquals(new long[] {3000}, new long[] {split.pairs()});
        assertEquals(m[0].getBytes(StandardCharsets.ISO_8859_1).length, Files.size(m1));
    }
}
