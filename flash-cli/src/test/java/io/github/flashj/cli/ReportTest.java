package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --report} and {@code --json}: the figures agree with the run's statistics, the page is
 * self-contained (uPlot and the data inline, nothing fetched) and describes the run, the warnings
 * and why pairs were not combined, the sample is named as MultiQC's FLASH module names it,
 * mismatches in overlaps are counted as the merge counts them, and a failed run writes neither file.
 */
class ReportTest {
    @TempDir
    Path dir;

    @Test
    void theFiguresAgreeWithTheRun() throws Exception {
        Path[] mates = TestData.artPairs(dir, "HS25", 150, 10, 250, 60, 17);
        Path report = dir.resolve("report.html");
        Path json = dir.resolve("sample_mqc.json");
        Oracle.Run run = CliRunner.flashj(List.of("-O", "-M", "150", "-d", dir.resolve("out").toString(),
                "--report=" + report, "--json=" + json, mates[0].toString(), mates[1].toString()));
        assertEquals(0, run.status(), run.stderr());
        Map<String, String> facts = OutputComparison.facts(run.stdoutText());
        String j = Files.readString(json);
        long combined = number(j, "combined_pairs");
        assertEquals(Long.parseLong(facts.get("Combined pairs")), combined);
        assertEquals(Long.parseLong(facts.get("Total pairs")), number(j, "total_pairs"));
        assertEquals(combined, number(j, "innie_pairs") + number(j, "outie_pairs"));
        String figures = j.substring(j.indexOf("\"figures\""));
        assertEquals(combined, sum(section(figures, "merged_length")));
        assertEquals(combined, sum(section(figures, "overlap_length")));
        assertEquals(combined, sum(section(figures, "overlap_mismatches")));
        assertTrue(j.contains("\"plot_type\": \"linegraph\""));
        String reasons = section(j, "not_combined");
        assertEquals(number(j, "uncombined_pairs"), sum(reasons.replaceAll("\"[a-z_]+\": ", "\"0\": ")),
                "every pair not combined has its reason: " + reasons);
        assertTrue(number(reasons, "mismatch_density_above_max") > 0, reasons);
        String reads = section(figures, "read_quality");
        assertTrue(reads.contains("\"read 1\": {\"1\": ") && reads.contains("\"read 2\": {\"1\": "), reads);
        assertTrue(section(reads, "read 2").contains("\"150\": "), "150 positions of read 2");
        assertTrue(j.contains("\"command_line\": \"flash -O -M 150 -d "), j);
        assertTrue(j.contains("\"bytes\": " + Files.size(mates[0])), "the inputs' sizes");
        assertTrue(j.contains("\"warnings\": []"), "no warning with -M 150");

        String page = Files.readString(report);
        for (String id : List.of("outcomes", "merged_length", "overlap_length", "overlap_mismatches",
                "merged_quality", "read_quality")) {
            assertTrue(page.contains("<figure id=\"" + id + "\">"), id);
        }
        assertTrue(page.contains("var uPlot="), "uPlot inline");
        for (String network : List.of("<link", " src=", "href=\"http", "url(http", "@import")) {
            assertFalse(page.contains(network), "the page fetches nothing: " + network);
        }
        assertTrue(page.contains(String.format("%,d", combined)), "the summary table");
        assertTrue(page.contains("FlashJ version") && page.contains(Help.FLASHJ_VERSION), "the version");
        assertTrue(page.contains(String.format("%,d bytes", Files.size(mates[1]))), "the inputs' sizes");
        assertTrue(page.contains("Why pairs were not combined"), "the reasons");
    }

    @Test
    void theRunsWarningsAreInTheReport() throws Exception {
        // ART pairs of 150 bp from fragments of 250: most overlap by more than the default -M 65.
        Path[] mates = TestData.artPairs(dir, "HS25", 150, 5, 250, 20, 5);
        Path report = dir.resolve("w.html");
        Path json = dir.resolve("w.json");
        Oracle.Run run = CliRunner.flashj(List.of("-d", dir.resolve("w").toString(), "--report=" + report,
                "--json=" + json, mates[0].toString(), mates[1].toString()));
        assertEquals(0, run.status(), run.stderr());
        assertTrue(run.stderr().contains("overlapped by more than 65 bp"), run.stderr());
        assertTrue(Files.readString(json).contains("overlapped by more than 65 bp, the --max-overlap (-M)"));
        assertTrue(Files.readString(report).contains("overlapped by more than 65 bp, the --max-overlap (-M)"));
    }

    @Test
    void theSampleIsNamedAsMultiqcsFlashModuleNamesIt() {
        assertEquals("lambda_1", MultiqcSampleName.of("examples/data/lambda_1.fastq.gz", "out"));
        assertEquals("sample_R1", MultiqcSampleName.of("/data/sample_R1.fq.gz", "out"));
        assertEquals("pairs", MultiqcSampleName.of("pairs.txt", "out"));
        assertEquals("out", MultiqcSampleName.of("-", "out"));
    }

    @Test
    void mismatchesInTheOverlapAreThoseTheMergeCounts() throws Exception {
        // Innie: read 2 ends over read 1's end with 2 mismatches and an N in a 30 bp overlap.
        String fragment = "ACGTTGCAACGGTACCATGGCTAGCTAGGATCCAGTACGATCGGCATGCAAGTCC";
        String read1 = fragment.substring(0, 45);
        char[] r1 = read1.toCharArray();
        r1[20] = r1[20] == 'A' ? 'C' : 'A';
        r1[30] = r1[30] == 'G' ? 'T' : 'G';
        r1[35] = 'N';
        String read2 = reverseComplement(fragment.substring(15));
        Path m1 = Files.writeString(dir.resolve("m_1.fq"), "@p/1\n" + new String(r1) + "\n+\n" + "I".repeat(45) + "\n");
        Path m2 = Files.writeString(dir.resolve("m_2.fq"), "@p/2\n" + read2 + "\n+\n" + "I".repeat(read2.length())
                + "\n");
        Path json = dir.resolve("m.json");
        Oracle.Run run = CliRunner.flashj(List.of("-d", dir.resolve("m").toString(), "-x", "0.2", "--json=" + json,
                m1.toString(), m2.toString()));
        assertEquals(0, run.status(), run.stderr());
        String figures = Files.readString(json);
        figures = figures.substring(figures.indexOf("\"figures\""));
        assertEquals("{\"m_1\": {\"2\": 1}}", section(figures, "overlap_mismatches"));
        assertEquals("{\"m_1\": {\"30\": 1}}", section(figures, "overlap_length"));
    }

    @Test
    void qualityBeforeMergingIsTheMeanOverTheReadsThatReachEachPosition() throws Exception {
        // Qualities 40 (I), 20 (5) and 10 (+); reads shorter than -m 10, so none merges.
        Path m1 = Files.writeString(dir.resolve("q_1.fq"), "@a/1\nACGT\n+\nIIII\n@b/1\nAC\n+\n++\n");
        Path m2 = Files.writeString(dir.resolve("q_2.fq"), "@a/2\nACGT\n+\n5555\n@b/2\nACGTAC\n+\nIIIIII\n");
        Path json = dir.resolve("q.json");
        Oracle.Run run = CliRunner.flashj(List.of("-d", dir.resolve("q").toString(), "--json=" + json, m1.toString(),
                m2.toString()));
        assertEquals(0, run.status(), run.stderr());
        String j = Files.readString(json);
        assertEquals("{\"read 1\": {\"1\": 25, \"2\": 25, \"3\": 40, \"4\": 40}, \"read 2\": {\"1\": 30, \"2\": 30, "
                + "\"3\": 30, \"4\": 30, \"5\": 40, \"6\": 40}}", section(j.substring(j.indexOf("\"figures\"")),
                "read_quality"));
        assertEquals(2, number(j, "read_shorter_than_min_overlap"));
        assertEquals(0, number(j, "mismatch_density_above_max"));
    }

    @Test
    void aFailedRunWritesNoReport() throws Exception {
        Path bad1 = Files.writeString(dir.resolve("b_1.fq"), "@a\nACGT\n+\nII\n");
        Path bad2 = Files.writeString(dir.resolve("b_2.fq"), "@a\nACGT\n+\nIIII\n");
        Oracle.Run run = CliRunner.flashj(List.of("-d", dir.resolve("b").toString(), "--report=" + dir.resolve("b.html"),
                "--json=" + dir.resolve("b.json"), bad1.toString(), bad2.toString()));
        assertEquals(1, run.status());
        assertFalse(Files.exists(dir.resolve("b.html")));
        assertFalse(Files.exists(dir.resolve("b.json")));
    }

    private static String reverseComplement(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = s.length() - 1; i >= 0; i--) {
            b.append(switch (s.charAt(i)) {
                case 'A' -> 'T';
                case 'C' -> 'G';
                case 'G' -> 'C';
                case 'T' -> 'A';
                default -> 'N';
            });
        }
        return b.toString();
    }

    private static long number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": ([0-9]+)").matcher(json);
        assertTrue(m.find(), key);
        return Long.parseLong(m.group(1));
    }

    /** The object after {@code "key": }, braces matched. */
    private static String section(String json, String key) {
        int start = json.indexOf('{', json.indexOf("\"" + key + "\""));
        int depth = 0;
        for (int i = start; i < json.length(); i++) {
            depth += json.charAt(i) == '{' ? 1 : json.charAt(i) == '}' ? -1 : 0;
            if (depth == 0) {
                return json.substring(start, i + 1);
            }
        }
        throw new AssertionError(key);
    }

    private static long sum(String series) {
        long total = 0;
        Matcher m = Pattern.compile("\"[0-9]+\": ([0-9]+)").matcher(series);
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }
}
