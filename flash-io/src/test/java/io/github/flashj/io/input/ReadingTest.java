package io.github.flashj.io.input;

import static io.github.flashj.io.TestData.concat;
import static io.github.flashj.io.TestData.gzip;
import static io.github.flashj.io.TestData.mates1;
import static io.github.flashj.io.TestData.mates2;
import static io.github.flashj.io.TestData.output;
import static io.github.flashj.io.TestData.read;
import static io.github.flashj.io.TestData.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.JobStatistics;
import io.github.flashj.io.TestData;
import io.github.flashj.io.output.FlashOutput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the readers accept, checked through the uncombined output (which echoes the input). */
class ReadingTest {
    @TempDir
    Path tmp;

    private String notCombined1;
    private String notCombined2;
    private String combined;

    private JobStatistics runFiles(Path m1, Path m2) throws IOException {
        Path dir = tmp.resolve("out");
        JobStatistics stats = TestData.run(FastqInputs.pairedFiles(m1, m2), output(dir).build());
        collect(dir);
        return stats;
    }

    private void collect(Path dir) throws IOException {
        combined = read(dir.resolve("out.extendedFrags.fastq"));
        notCombined1 = read(dir.resolve("out.notCombined_1.fastq"));
        notCombined2 = read(dir.resolve("out.notCombined_2.fastq"));
    }

    @Test
    void crlfAndTrailingWhitespaceAreTrimmed() throws IOException {
        Path m1 = write(tmp.resolve("a_1.fq"), "@r1/1 desc \r\nACGT \t\r\n+r1/1\r\nIIII\t\r\n");
        Path m2 = write(tmp.resolve("a_2.fq"), "@r1/2\r\nAACC\r\n+\r\nJJJJ  \r\n");
        assertEquals(1, runFiles(m1, m2).pairs());
        assertEquals("@r1/1 desc\nACGT\n+\nIIII\n", notCombined1);
        assertEquals("@r1/2\nAACC\n+\nJJJJ\n", notCombined2);
    }

    @Test
    void basesAreCanonical() throws IOException {
        String seq = "acgtNnRYKMSWBDHV.-*0\u007f\u00e9\u0000AcGt";
        String qual = "I".repeat(seq.length());
        Path m1 = write(tmp.resolve("b_1.fq"), "@x/1\n" + seq + "\n+\n" + qual + "\n");
        Path m2 = write(tmp.resolve("b_2.fq"), "@x/2\nac\n+\nII\n");
        runFiles(m1, m2);
        assertEquals("@x/1\nACGT" + "N".repeat(19) + "ACGT\n+\n" + qual + "\n", notCombined1);
        assertEquals(TestData.canonical(seq), "ACGT" + "N".repeat(19) + "ACGT");
        assertEquals("@x/2\nAC\n+\nII\n", notCombined2);
    }

    @Test
    void lastLineWithoutNewline() throws IOException {
        Path m1 = write(tmp.resolve("c_1.fq"), "@x/1\nACGT\n+\nIIII\n@y/1\nAC\n+\nII");
        Path m2 = write(tmp.resolve("c_2.fq"), "@x/2\nACGT\n+\nIIII\n@y/2\nCA\n+\nII\r");
        assertEquals(2, runFiles(m1, m2).pairs());
        assertEquals("@x/1\nACGT\n+\nIIII\n@y/1\nAC\n+\nII\n", notCombined1);
        assertEquals("@x/2\nACGT\n+\nIIII\n@y/2\nCA\n+\nII\n", notCombined2);
    }

    @Test
    void emptyInput() throws IOException {
        Path m1 = write(tmp.resolve("e_1.fq"), "");
        Path m2 = write(tmp.resolve("e_2.fq"), "");
        JobStatistics stats = runFiles(m1, m2);
        assertEquals(0, stats.pairs());
        assertEquals("", combined + notCombined1 + notCombined2);
        assertEquals("", read(tmp.resolve("out/out.hist")) + read(tmp.resolve("out/out.histogram")));
        Path dir = tmp.resolve("il");
        TestData.run(FastqInputs.interleaved(m1.toString()), output(dir).build());
        assertEquals(5, TestData.files(dir).size());
        Path gz = write(tmp.resolve("e.gz"), gzip(""));
        TestData.run(FastqInputs.pairedFiles(gz, gz), output(tmp.resolve("gz")).build());
        assertEquals("", read(tmp.resolve("gz/out.extendedFrags.fastq")));
    }

    @Test
    void zeroLengthReads() throws IOException {
        Path m1 = write(tmp.resolve("z_1.fq"), "@x/1\n\n+\n\n");
        Path m2 = write(tmp.resolve("z_2.fq"), "@x/2\n\n+\n\n");
        runFiles(m1, m2);
        assertEquals("@x/1\n\n+\n\n", notCombined1);
    }

    @Test
    void gzipIsRecognisedByItsMagicBytesWhateverTheName() throws IOException {
        List<TestData.Pair> pairs = new ArrayList<>(TestData.unmergeable(20, 1, 60));
        pairs.addAll(TestData.mergeable(20, 2));
        Path m1 = write(tmp.resolve("reads_1.fastq"), gzip(mates1(pairs)));
        Path m2 = write(tmp.resolve("reads_2.txt"), mates2(pairs));
        runFiles(m1, m2);
        String gzCombined = combined;
        String gzNot1 = notCombined1;
        Path p1 = write(tmp.resolve("plain_1.fq.gz"), mates1(pairs));
        runFiles(p1, m2);
        assertEquals(combined, gzCombined);
        assertEquals(notCombined1, gzNot1);
        assertEquals(mates1(pairs.subList(0, 20)), notCombined1);
        assertEquals(20, combined.split("\n").length / 4);
    }

    @Test
    void multiMemberEmptyMemberAndBgzf() throws IOException {
        List<TestData.Pair> pairs = TestData.unmergeable(300, 3, 100);
        String m1 = mates1(pairs);
        String m2 = mates2(pairs);
        int half = m1.indexOf("@u150/1");
        byte[] multi = concat(gzip(m1.substring(0, half)), gzip(""), gzip(m1.substring(half)), gzip(""));
        ByteArrayOutputStream bgzf = new ByteArrayOutputStream();
        byte[] m2bytes = m2.getBytes(StandardCharsets.ISO_8859_1);
        for (int off = 0; off < m2bytes.length; off += 10000) { // members split records anywhere
            bgzf.writeBytes(bgzfMember(java.util.Arrays.copyOfRange(m2bytes, off, Math.min(m2bytes.length, off + 10000))));
        }
        bgzf.writeBytes(bgzfMember(new byte[0]));
        assertEquals(300, runFiles(write(tmp.resolve("multi_1.fq.gz"), multi),
                write(tmp.resolve("bgzf_2.fq.gz"), bgzf.toByteArray())).pairs());
        assertEquals(m1, notCombined1);
        assertEquals(m2, notCombined2);

        // The same through streams that hand out a few bytes at a time and report nothing available.
        Path dir = tmp.resolve("streams");
        TestData.run(FastqInputs.pairedStreams(new Trickle(multi, 5), "m1", new Trickle(bgzf.toByteArray(), 3), "m2"),
                output(dir).build());
        collect(dir);
        assertEquals(m1, notCombined1);
        assertEquals(m2, notCombined2);
    }

    static byte[] bgzfMember(byte[] data) {
        Deflater d = new Deflater(6, true);
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length + 1024];
        int n = 0;
        while (!d.finished()) {
            n += d.deflate(buf, n, buf.length - n);
        }
        d.end();
        int bsize = 18 + n + 8 - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 4, 0, 0, 0, 0, 0, (byte) 0xff, 6, 0, 'B', 'C', 2, 0,
            (byte) bsize, (byte) (bsize >>> 8)});
        out.write(buf, 0, n);
        CRC32 crc = new CRC32();
        crc.update(data);
        long[] words = {crc.getValue(), data.length};
        for (long v : words) {
            for (int k = 0; k < 4; k++) {
                out.write((int) (v >>> (8 * k)));
            }
        }
        return out.toByteArray();
    }

    /** A pipe-like stream: small reads, available() always 0. */
    static final class Trickle extends InputStream {
        private final ByteArrayInputStream in;
        private final int chunk;

        Trickle(byte[] data, int chunk) {
            this.in = new ByteArrayInputStream(data);
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, chunk));
        }

        @Override
        public int available() {
            return 0;
        }
    }

    @Test
    void readsLongerThanTheInitialBuffer() throws IOException {
        Random r = new Random(4);
        TestData.Pair longUnmerged = TestData.unmergeable("long", r, 300_000, 250_000);
        TestData.Pair longMerged = TestData.mergeable("longm", r, 320_000, 300_000);
        List<TestData.Pair> pairs = List.of(TestData.unmergeable("a", r, 10, 10), longUnmerged, longMerged,
                TestData.unmergeable("b", r, 10, 10));
        Path m1 = write(tmp.resolve("l_1.fq"), mates1(pairs));
        Path m2 = write(tmp.resolve("l_2.fq"), mates2(pairs));
        JobStatistics stats = runFiles(m1, m2);
        assertEquals(4, stats.pairs());
        assertEquals(1, stats.combined());
        assertEquals(mates1(List.of(pairs.get(0), pairs.get(1), pairs.get(3))), notCombined1);
        assertEquals(mates2(List.of(pairs.get(0), pairs.get(1), pairs.get(3))), notCombined2);
        assertTrue(combined.startsWith("@longm\n"));
        assertEquals(320_000, combined.split("\n")[1].length());
        // gzip and a trickling stream too
        Path dir = tmp.resolve("gz");
        TestData.run(FastqInputs.pairedStreams(new Trickle(gzip(mates1(pairs)), 4093), "a",
                new ByteArrayInputStream(mates2(pairs).getBytes(StandardCharsets.ISO_8859_1)), "b"), output(dir).build());
        assertEquals(notCombined1, read(dir.resolve("out.notCombined_1.fastq")));
    }

    @Test
    void recordsStraddlingBufferRefills() throws IOException {
        Random r = new Random(5);
        List<TestData.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            pairs.add(TestData.unmergeable("s" + i + " some description", r, 1 + r.nextInt(400), r.nextInt(300)));
        }
        String m1 = mates1(pairs);
        String m2 = mates2(pairs);
        assertEquals(4000, runFiles(write(tmp.resolve("s_1.fq"), m1), write(tmp.resolve("s_2.fq"), m2)).pairs());
        assertEquals(m1, notCombined1);
        assertEquals(m2, notCombined2);
        for (int chunk : new int[] {1, 7, 4096}) {
            Path dir = tmp.resolve("t" + chunk);
            TestData.run(FastqInputs.pairedStreams(new Trickle(m1.getBytes(StandardCharsets.ISO_8859_1), chunk), "a",
                    new Trickle(gzip(m2), chunk), "b"), output(dir).build());
            collect(dir);
            assertEquals(m1, notCombined1);
            assertEquals(m2, notCombined2);
        }
    }

    @Test
    void tagRule() throws IOException {
        Path m1 = write(tmp.resolve("t_1.fq"), "@r1/1\nAC\n+\nII\n@@r2/1\nAC\n+\nII\nr3/1\nAC\n+\nII\n @r4/1\nAC\n+\nII\n"
                + "@\nAC\n+\nII\n\nAC\n+\nII\n");
        Path m2 = write(tmp.resolve("t_2.fq"), "r1/2\nCA\n+\nII\n".repeat(6));
        runFiles(m1, m2);
        assertEquals("@r1/1\nAC\n+\nII\n@@r2/1\nAC\n+\nII\n@r3/1\nAC\n+\nII\n@ @r4/1\nAC\n+\nII\n"
                + "@\nAC\n+\nII\n@\nAC\n+\nII\n", notCombined1);
        assertEquals("@r1/2\nCA\n+\nII\n".repeat(6), notCombined2);
        // Merged: the tag less its last /.. (with the '@' written back), tab output without '@'.
        Random r = new Random(6);
        List<TestData.Pair> merged = List.of(TestData.mergeable("@q7", r, 150, 100), TestData.mergeable("q8", r, 150,
                100));
        List<TestData.Pair> noAt = List.of(new TestData.Pair("q8/1", merged.get(1).seq1(), merged.get(1).qual1(),
                "zz/9", merged.get(1).seq2(), merged.get(1).qual2()));
        Path a1 = write(tmp.resolve("m_1.fq"), mates1(merged).replace("@@q7", "@q7").replace("@q8", "q8")
                + noAt.get(0).fastq1().substring(1));
        Path a2 = write(tmp.resolve("m_2.fq"), mates2(merged) + noAt.get(0).fastq2());
        Path dir = tmp.resolve("m");
        TestData.run(FastqInputs.pairedFiles(a1, a2), output(dir).build());
        String[] lines = read(dir.resolve("out.extendedFrags.fastq")).split("\n");
        assertEquals("@q7", lines[0]);
        assertEquals("@q8", lines[4]);
        assertEquals("@q8", lines[8]);
        Path tab = tmp.resolve("tab");
        TestData.run(FastqInputs.pairedFiles(a1, a2), output(tab).format(FlashOutput.Format.TAB_DELIMITED).build());
        String t = read(tab.resolve("out.readsAndPairs.tab"));
        assertTrue(t.startsWith("q7\t") && t.contains("\nq8\t"), t);
    }

    @Test
    void tabDelimitedInput() throws IOException {
        Path f = write(tmp.resolve("in.tab"), "@u1/1 desc\tacgt\tIIII\tCCAA\tJJJJ\r\n"
                + "x1\t\t\t\t\n" + "t  \tACGT  \tIIII\t \t\n" + "s1\tAC\tII\t\t\r\n" + "e\t\t\tAC\tII\n" + "last\tA\tI\tC\tI");
        Path dir = tmp.resolve("tabfq");
        JobStatistics stats = TestData.run(FastqInputs.tabDelimited(f.toString()), output(dir).build());
        assertEquals(3, stats.pairs());
        assertEquals(3, stats.singles());
        collect(dir);
        assertEquals("@u1/1 desc\nACGT\n+\nIIII\n@e\n\n+\n\n@last\nA\n+\nI\n", notCombined1);
        assertEquals("@u1/1 desc\nCCAA\n+\nJJJJ\n@e\nAC\n+\nII\n@last\nC\n+\nI\n", notCombined2);
        Path tab = tmp.resolve("tabtab");
        TestData.run(FastqInputs.tabDelimited(f.toString()), output(tab).format(FlashOutput.Format.TAB_DELIMITED)
                .build());
        String t = read(tab.resolve("out.readsAndPairs.tab"));
        assertTrue(t.contains("x1\t\t\n") && t.contains("t\tACGT\tIIII\n") && t.contains("s1\tAC\tII\n"), t);
        assertTrue(t.contains("u1/1 desc\tACGT\tIIII\tCCAA\tJJJJ\n") && t.contains("last\tA\tI\tC\tI\n"), t);
    }

    @Test
    void interleavedInput() throws IOException {
        List<TestData.Pair> pairs = new ArrayList<>(TestData.unmergeable(30, 7, 50));
        pairs.addAll(TestData.mergeable(10, 8));
        Path f = write(tmp.resolve("il.fq"), TestData.interleaved(pairs));
        Path dir = tmp.resolve("il");
        JobStatistics stats = TestData.run(FastqInputs.interleaved(f.toString()), output(dir).build());
        assertEquals(40, stats.pairs());
        assertEquals(10, stats.combined());
        collect(dir);
        assertEquals(mates1(pairs.subList(0, 30)), notCombined1);
        assertEquals(mates2(pairs.subList(0, 30)), notCombined2);
    }
}
