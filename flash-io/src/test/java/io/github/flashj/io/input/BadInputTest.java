package io.github.flashj.io.input;

import static io.github.flashj.io.TestData.concat;
import static io.github.flashj.io.TestData.files;
import static io.github.flashj.io.TestData.gzip;
import static io.github.flashj.io.TestData.mates1;
import static io.github.flashj.io.TestData.mates2;
import static io.github.flashj.io.TestData.output;
import static io.github.flashj.io.TestData.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.InputFormatException;
import io.github.flashj.PairSource;
import io.github.flashj.gzip.GzipFormatException;
import io.github.flashj.io.TestData;
import io.github.flashj.io.output.FlashOutput;
import java.io.FileNotFoundException;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every class of bad input fails the run with a typed exception naming the file and the line (or
 * record), and leaves no output file behind.
 */
class BadInputTest {
    /** Good pairs before the bad record, so that some batches have been written before the failure. */
    private static final int GOOD = 30;

    @TempDir
    Path tmp;

    private Path out() {
        return tmp.resolve("out");
    }

    private interface SourceFactory {
        PairSource open() throws IOException;
    }

    /**
     * Runs the job (batches of 2 pairs, so output has been written when the error comes) with the
     * output opened up front (as the CLI does) or lazily, and checks the failure type and that no
     * output file is left.
     */
    private <T extends IOException> T fails(Class<T> type, SourceFactory source) throws IOException {
        T first = null;
        for (boolean openFirst : new boolean[] {true, false}) {
            Path dir = out().resolve(openFirst ? "eager" : "lazy");
            FlashOutput sink = output(dir).build();
            if (openFirst) {
                sink.open();
                // Staged: the three read files, the two histograms, and the run's lock file.
                assertEquals(6, files(dir).size());
            }
            T e;
            PairSource in;
            try {
                in = source.open();
            } catch (IOException failure) {
                // Failed before the run (a missing file, a bad gzip header): nothing to clean up yet.
                assertTrue(type.isInstance(failure), failure.toString());
                e = type.cast(failure);
                sink.abort(failure);
                assertEquals(List.of(), files(dir), "output left after: " + e.getMessage());
                first = first == null ? e : first;
                continue;
            }
            e = assertThrows(type, () -> TestData.job(in, sink).batchSize(2).inFlight(2).build().run());
            assertEquals(List.of(), files(dir), "output left after: " + e.getMessage());
            if (first == null) {
                first = e;
            } else {
                assertEquals(first.getMessage(), e.getMessage());
            }
        }
        return first;
    }

    private static void assertNames(InputFormatException e, Path file, long line) {
        assertEquals(file.toString(), e.source());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        if (line > 0) {
            assertTrue(e.getMessage().contains("line " + line), e.getMessage());
        }
    }

    private List<TestData.Pair> good() {
        List<TestData.Pair> pairs = new ArrayList<>(TestData.mergeable(GOOD / 2, 1));
        pairs.addAll(TestData.unmergeable(GOOD / 2, 2, 80));
        return pairs;
    }

    /** Mate 1 = the good records then {@code bad}; mate 2 = the good records then a good record. */
    private InputFormatException badRecordInMate1(String bad, long line) throws IOException {
        List<TestData.Pair> pairs = good();
        Path m1 = write(tmp.resolve("bad_1.fq"), mates1(pairs) + bad);
        Path m2 = write(tmp.resolve("bad_2.fq"), mates2(pairs) + "@x/2\nACGT\n+\nIIII\n");
        InputFormatException e = fails(InputFormatException.class, () -> FastqInputs.pairedFiles(m1, m2));
        assertNames(e, m1, line);
        return e;
    }

    private static final long BAD = 4L * GOOD + 1; // the first line of the bad record

    @Test
    void fileEndsAfterOneLineOfARecord() throws IOException {
        badRecordInMate1("@x/1\n", BAD + 1); // the missing line, as FLASH
        badRecordInMate1("@x/1", BAD + 1); // no newline either
    }

    @Test
    void fileEndsAfterTwoLinesOfARecord() throws IOException {
        InputFormatException e = badRecordInMate1("@x/1\nACGT\n", BAD + 2);
        assertTrue(e.getMessage().contains("line " + BAD), e.getMessage()); // where the record starts
    }

    @Test
    void fileEndsAfterThreeLinesOfARecord() throws IOException {
        badRecordInMate1("@x/1\nACGT\n+\n", BAD + 3);
        badRecordInMate1("@x/1\nACGT\n+", BAD + 3);
    }

    @Test
    void blankLineAtTheEndStartsARecord() throws IOException {
        badRecordInMate1("\n", BAD + 1);
    }

    @Test
    void truncatedSecondMate() throws IOException {
        List<TestData.Pair> pairs = good();
        Path m1 = write(tmp.resolve("t_1.fq"), mates1(pairs) + "@x/1\nACGT\n+\nIIII\n");
        Path m2 = write(tmp.resolve("t_2.fq"), mates2(pairs) + "@x/2\nACGT\n");
        InputFormatException e = fails(InputFormatException.class, () -> FastqInputs.pairedFiles(m1, m2));
        assertNames(e, m2, BAD + 2);
    }

    @Test
    void sequenceAndQualityLengthsDiffer() throws IOException {
        InputFormatException e = badRecordInMate1("@x/1\nACGTA\n+\nIIII\n", BAD + 3);
        assertTrue(e.getMessage().contains("(4)") && e.getMessage().contains("(5)"), e.getMessage());
        badRecordInMate1("@x/1\nACGT\n+\nIIIII\n", BAD + 3);
        badRecordInMate1("@x/1\nACGT\n+\nIII", BAD + 3); // qual cut short at the end of the file
        badRecordInMate1("@x/1\nACGT\n+\nIII I\n", BAD + 3 /* a space is below the offset, but first the length */);
    }

    @Test
    void separatorWithoutPlus() throws IOException {
        badRecordInMate1("@x/1\nACGT\n-\nIIII\n", BAD + 2);
        badRecordInMate1("@x/1\nACGT\n\nIIII\n", BAD + 2);
        badRecordInMate1("@x/1\nACGT\n +\nIIII\n", BAD + 2);
        badRecordInMate1("@x/1\nACGT\n@x/1\nIIII\n", BAD + 2);
    }

    @Test
    void qualityBelowThePhredOffset() throws IOException {
        InputFormatException e = badRecordInMate1("@x/1\nACGT\n+\nII I\n", BAD + 3);
        assertTrue(e.getMessage().contains("33"), e.getMessage());
        badRecordInMate1("@x/1\nACGT\n+\nII\u001fI\n", BAD + 3);
        badRecordInMate1("@x/1\nACGT\n+\n I I\n", BAD + 3);
    }

    @Test
    void qualityBelowPhredOffset64() throws IOException {
        Random r = new Random(3);
        StringBuilder m1 = new StringBuilder();
        StringBuilder m2 = new StringBuilder();
        for (int i = 0; i < GOOD; i++) {
            String s = TestData.random(r, "ACGT", 50);
            m1.append("@p").append(i).append("/1\n").append(s).append("\n+\n").append("@".repeat(25) + "h".repeat(25))
                    .append('\n');
            m2.append("@p").append(i).append("/2\n").append(s).append("\n+\n").append("h".repeat(50)).append('\n');
        }
        m1.append("@x/1\nACGT\n+\nhh?h\n"); // '?' = 63 < 64
        m2.append("@x/2\nACGT\n+\nhhhh\n");
        Path f1 = write(tmp.resolve("p64_1.fq"), m1.toString());
        Path f2 = write(tmp.resolve("p64_2.fq"), m2.toString());
        // With offset 33 every quality is fine.
        assertEquals(GOOD + 1, TestData.run(FastqInputs.pairedFiles(f1, f2), output(out().resolve("p33")).build())
                .pairs());
        Path dir = out().resolve("p64");
        InputFormatException e64 = assertThrows(InputFormatException.class,
                () -> TestData.job(FastqInputs.pairedFiles(f1, f2), output(dir).build()).phredOffset(64).batchSize(2)
                        .inFlight(2).build().run());
        assertNames(e64, f1, BAD + 3);
        assertTrue(e64.getMessage().contains("64"), e64.getMessage());
        assertEquals(List.of(), files(dir));
    }

    @Test
    void phred64DataIsFineWithOffset64() throws IOException {
        Path f1 = write(tmp.resolve("ok_1.fq"), "@a/1\nACGT\n+\n@@hh\n");
        Path f2 = write(tmp.resolve("ok_2.fq"), "@a/2\nACGT\n+\nhh@@\n");
        Path dir = out().resolve("ok64");
        TestData.job(FastqInputs.pairedFiles(f1, f2), output(dir).build()).phredOffset(64).build().run();
        assertEquals("@a/1\nACGT\n+\n@@hh\n", TestData.read(dir.resolve("out.notCombined_1.fastq")));
    }

    @Test
    void matesWithDifferentRecordCounts() throws IOException {
        List<TestData.Pair> pairs = good();
        Path longer = write(tmp.resolve("long_1.fq"), mates1(pairs) + "@x/1\nACGT\n+\nIIII\n");
        Path shorter = write(tmp.resolve("short_2.fq"), mates2(pairs));
        InputFormatException e = fails(InputFormatException.class, () -> FastqInputs.pairedFiles(longer, shorter));
        assertNames(e, shorter, 0);
        assertTrue(e.getMessage().contains(longer.toString()) && e.getMessage().contains("line " + BAD),
                e.getMessage());

        Path shorter1 = write(tmp.resolve("short_1.fq"), mates1(pairs));
        Path longer2 = write(tmp.resolve("long_2.fq"), mates2(pairs) + "@x/2\nACGT\n+\nIIII\n");
        e = fails(InputFormatException.class, () -> FastqInputs.pairedFiles(shorter1, longer2));
        assertNames(e, shorter1, 0);
        assertTrue(e.getMessage().contains(longer2.toString()), e.getMessage());

        Path empty = write(tmp.resolve("empty_2.fq"), "");
        e = fails(InputFormatException.class, () -> FastqInputs.pairedFiles(shorter1, empty));
        assertNames(e, empty, 0);
    }

    @Test
    void binaryJunk() throws IOException {
        List<TestData.Pair> pairs = good();
        Path m2 = write(tmp.resolve("j_2.fq"), mates2(pairs));
        Random r = new Random(4);
        for (int trial = 0; trial < 5; trial++) {
            byte[] junk = new byte[1000 + r.nextInt(5000)];
            r.nextBytes(junk);
            junk[0] = '@'; // not a gzip header by chance
            Path m1 = write(tmp.resolve("j" + trial + "_1.fq"), junk);
            InputFormatException e = fails(InputFormatException.class, () -> FastqInputs.pairedFiles(m1, m2));
            assertEquals(m1.toString(), e.source());
            assertTrue(e.line() >= 1, e.getMessage());
        }
        Path nuls = write(tmp.resolve("nul_1.fq"), new byte[4096]);
        InputFormatException e = fails(InputFormatException.class, () -> FastqInputs.pairedFiles(nuls, m2));
        assertNames(e, nuls, 2);
        byte[] nulLines = "\0\n\0\n\0\n\0\n".repeat(3).getBytes(StandardCharsets.ISO_8859_1);
        Path nl = write(tmp.resolve("nulLines_1.fq"), nulLines);
        e = fails(InputFormatException.class, () -> FastqInputs.pairedFiles(nl, m2));
        assertNames(e, nl, 3);
    }

    @Test
    void corruptGzip() throws IOException {
        List<TestData.Pair> pairs = good();
        byte[] gz = gzip(mates1(pairs));
        Path m2 = write(tmp.resolve("g_2.fq"), mates2(pairs));
        byte[] reserved = gz.clone();
        reserved[10] = 0x07; // first deflate block of the reserved type
        Path m1 = write(tmp.resolve("reserved_1.fq.gz"), reserved);
        GzipFormatException e = fails(GzipFormatException.class, () -> FastqInputs.pairedFiles(m1, m2));
        assertEquals(m1.toString(), e.source());
        assertTrue(e.getMessage().startsWith(m1.toString()), e.getMessage());

        Random r = new Random(5);
        for (int trial = 0; trial < 10; trial++) {
            byte[] bad = gz.clone();
            int at = 10 + r.nextInt(gz.length - 18);
            bad[at] ^= (byte) (1 + r.nextInt(255));
            Path f = write(tmp.resolve("flip" + trial + "_1.fq.gz"), bad);
            // Garbage that decodes may break the FASTQ rules first; either way a typed error naming the file.
            IOException ex = fails(IOException.class, () -> FastqInputs.pairedFiles(f, m2));
            assertTrue(ex instanceof GzipFormatException || ex instanceof InputFormatException, ex.toString());
            assertTrue(ex.getMessage().contains(f.toString()), ex.getMessage());
        }
    }

    @Test
    void gzipCutShort() throws IOException {
        List<TestData.Pair> pairs = good();
        byte[] gz = gzip(mates1(pairs));
        Path m2 = write(tmp.resolve("c_2.fq"), mates2(pairs));
        for (int cut : new int[] {2, 5, 10, 11, gz.length / 4, gz.length / 2, gz.length - 8, gz.length - 3}) {
            Path m1 = write(tmp.resolve("cut" + cut + "_1.fq.gz"), Arrays.copyOf(gz, cut));
            GzipFormatException e = fails(GzipFormatException.class, () -> FastqInputs.pairedFiles(m1, m2));
            assertEquals(m1.toString(), e.source());
            assertTrue(e.getMessage().contains(m1.toString()) && e.getMessage().contains("truncated"),
                    e.getMessage());
        }
        // Cut inside a second member.
        byte[] two = concat(gzip(mates1(pairs.subList(0, 10))), gzip(mates1(pairs.subList(10, pairs.size()))));
        int firstLength = gzip(mates1(pairs.subList(0, 10))).length;
        for (int cut : new int[] {firstLength + 5, firstLength + 12, two.length - 1}) {
            Path m1 = write(tmp.resolve("cut2m" + cut + "_1.fq.gz"), Arrays.copyOf(two, cut));
            GzipFormatException e = fails(GzipFormatException.class, () -> FastqInputs.pairedFiles(m1, m2));
            assertEquals(m1.toString(), e.source());
        }
    }

    @Test
    void gzipCrcFailure() throws IOException {
        List<TestData.Pair> pairs = good();
        Path m2 = write(tmp.resolve("crc_2.fq"), mates2(pairs));
        // The CRC's bytes (the size after it is checked by the Java decoder only: GzipDecodingTest).
        for (int k : new int[] {8, 7, 5}) {
            byte[] gz = gzip(mates1(pairs));
            gz[gz.length - k] ^= 0x10;
            Path m1 = write(tmp.resolve("crc" + k + "_1.fq.gz"), gz);
            GzipFormatException e = fails(GzipFormatException.class, () -> FastqInputs.pairedFiles(m1, m2));
            assertEquals(m1.toString(), e.source());
            assertTrue(e.getMessage().contains(m1.toString()), e.getMessage());
        }
    }

    @Test
    void missingFile() throws IOException {
        Path present = write(tmp.resolve("here_1.fq"), "@a/1\nACGT\n+\nIIII\n");
        Path missing = tmp.resolve("nonexist_2.fq");
        Path dir = out();
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> TestData.run(FastqInputs.pairedFiles(present, missing), output(dir).build()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        e = assertThrows(FileNotFoundException.class,
                () -> TestData.run(FastqInputs.pairedFiles(missing, present), output(dir).build()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        e = assertThrows(FileNotFoundException.class,
                () -> TestData.run(FastqInputs.interleaved(missing.toString()), output(dir).build()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        e = assertThrows(FileNotFoundException.class,
                () -> TestData.run(FastqInputs.tabDelimited(missing.toString()), output(dir).build()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertEquals(List.of(), files(dir));
        IOException dirAsFile = assertThrows(IOException.class,
                () -> TestData.run(FastqInputs.pairedFiles(tmp, present), output(out()).build()));
        assertTrue(dirAsFile.getMessage().contains(tmp.toString()), dirAsFile.getMessage());
        assertEquals(List.of(), files(dir));
    }

    @Test
    void whitespaceInsideASequence() throws IOException {
        badRecordInMate1("@x/1\nAC GT\n+\nIIIII\n", BAD + 1);
        badRecordInMate1("@x/1\nAC\tGT\n+\nIIIII\n", BAD + 1);
        badRecordInMate1("@x/1\n ACGT\n+\nIIIII\n", BAD + 1);
        badRecordInMate1("@x/1\nAC\rGT\n+\nIIIII\n", BAD + 1);
    }

    @Test
    void interleavedWithAnOddNumberOfRecords() throws IOException {
        List<TestData.Pair> pairs = good();
        Path f = write(tmp.resolve("odd.fq"), TestData.interleaved(pairs) + "@x/1\nACGT\n+\nIIII\n");
        InputFormatException e = fails(InputFormatException.class, () -> FastqInputs.interleaved(f.toString()));
        assertNames(e, f, 8L * GOOD + 1);
        Path one = write(tmp.resolve("one.fq"), "@x/1\nACGT\n+\nIIII\n");
        e = fails(InputFormatException.class, () -> FastqInputs.interleaved(one.toString()));
        assertNames(e, one, 1);
        // A bad record inside interleaved input names its own line.
        Path bad = write(tmp.resolve("badsep.fq"), TestData.interleaved(pairs) + "@x/1\nACGT\nx\nIIII\n");
        e = fails(InputFormatException.class, () -> FastqInputs.interleaved(bad.toString()));
        assertNames(e, bad, 8L * GOOD + 3);
    }

    private String goodTab() {
        StringBuilder sb = new StringBuilder();
        for (TestData.Pair p : good()) {
            sb.append(p.tag1()).append('\t').append(p.seq1()).append('\t').append(p.qual1()).append('\t')
                    .append(p.seq2()).append('\t').append(p.qual2()).append('\n');
        }
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"t\tACGT\n", "t\tACGT\tIIII\tAC\n", "t\tACGT\tIIII\tAC\tII\tx\n", "t\n", "\n",
        "t\tACGT\tIIII\t\n", "t\tACGT\tIIII\tAC\tII\t\n", "t\tACGT\tIIII\tAC\tII\t\t\t\n", "t\tACGT\tIII\n",
        "t\tACGT\tIIII\tACG\tII\n", "t\tAC GT\tIIIII\n", "t\tACGT\tII I\n"})
    void tabDelimitedWithoutThreeOrFiveFields(String badLine) throws IOException {
        Path f = write(tmp.resolve("bad.tab"), goodTab() + badLine + "ok\tAC\tII\tAC\tII\n");
        InputFormatException e = fails(InputFormatException.class, () -> FastqInputs.tabDelimited(f.toString()));
        assertNames(e, f, GOOD + 1);
    }

    @Test
    void tabDelimitedFieldCountsInTheMessage() throws IOException {
        for (String line : new String[] {"a\tb\n", "a\tb\tc\td\n", "a\tb\tc\td\te\tf\n"}) {
            Path f = write(tmp.resolve("fields.tab"), line);
            InputFormatException e = fails(InputFormatException.class,
                    () -> FastqInputs.tabDelimited(f.toString()));
            assertNames(e, f, 1);
            assertTrue(e.getMessage().contains("field"), e.getMessage());
        }
    }

    @Test
    void streamsAreNamedAsGiven() throws IOException {
        byte[] bad = "@x/1\nACGT\n-\nIIII\n".getBytes(StandardCharsets.US_ASCII);
        byte[] good = "@x/2\nACGT\n+\nIIII\n".getBytes(StandardCharsets.US_ASCII);
        InputFormatException e = fails(InputFormatException.class,
                () -> FastqInputs.pairedStreams(new java.io.ByteArrayInputStream(bad), "left",
                        new java.io.ByteArrayInputStream(good), "right"));
        assertEquals("left", e.source());
        assertEquals(3, e.line());
        byte[] cut = Arrays.copyOf(gzip("@x/1\nACGT\n+\nIIII\n".repeat(100)), 30);
        GzipFormatException g = fails(GzipFormatException.class,
                () -> FastqInputs.interleavedStream(new java.io.ByteArrayInputStream(cut), "pipe"));
        assertEquals("pipe", g.source());
    }

    @Test
    void noOutputIsLeftWithGzipOrInterleavedOrTabOutput() throws IOException {
        List<TestData.Pair> pairs = good();
        Path m1 = write(tmp.resolve("o_1.fq"), mates1(pairs) + "@x/1\nACGT\n+\nIII\n");
        Path m2 = write(tmp.resolve("o_2.fq"), mates2(pairs) + "@x/2\nACGT\n+\nIIII\n");
        List<FlashOutput.Builder> layouts = List.of(output(out().resolve("gz")).gzip(),
                output(out().resolve("il")).interleaved(true),
                output(out().resolve("tab")).format(FlashOutput.Format.TAB_DELIMITED),
                output(out().resolve("innie")).orientationHistograms(true),
                output(out().resolve("prog")).compressProgram("gzip", "-1"));
        for (FlashOutput.Builder layout : layouts) {
            FlashOutput sink = layout.build();
            sink.open();
            assertThrows(InputFormatException.class, () -> TestData.job(FastqInputs.pairedFiles(m1, m2), sink)
                    .allowOuties(true).batchSize(2).inFlight(2).build().run());
        }
        assertEquals(List.of(), files(out()));
        assertTrue(Files.isDirectory(out().resolve("gz")));
    }
}
