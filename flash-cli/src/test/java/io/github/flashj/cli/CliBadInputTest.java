package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input through the command: a message that names the file and the line, exit status 1, no
 * stack trace, and no output file left behind to look complete.
 */
class CliBadInputTest {
    private static final String GOOD = "@r1/1\nACGTACGTACGTACGTACGTAAAA\n+\nIIIIIIIIIIIIIIIIIIIIIIII\n";
    private static final String GOOD2 = "@r1/2\nTTTTACGTACGTACGTACGTACGT\n+\nIIIIIIIIIIIIIIIIIIIIIIII\n";

    @TempDir
    Path dir;

    @Test
    void truncatedRecord() throws IOException {
        for (int lines = 1; lines <= 3; lines++) {
            String cut = String.join("\n", Arrays.copyOf(GOOD.split("\n"), lines)) + "\n";
            assertFails(GOOD + cut, GOOD2 + GOOD2, "r_1.fq", "line " + (4 + lines + 1));
        }
    }

    @Test
    void sequenceAndQualityLengthsDiffer() throws IOException {
        assertFails(GOOD + "@r2/1\nACGT\n+\nIII\n", GOOD2 + GOOD2, "r_1.fq", "line 8");
    }

    @Test
    void separatorWithoutPlus() throws IOException {
        assertFails(GOOD + "@r2/1\nACGT\n-\nIIII\n", GOOD2 + GOOD2, "r_1.fq", "line 7");
    }

    @Test
    void qualityBelowPhredOffset() throws IOException {
        assertFails(GOOD, "@r1/2\nACGT\n+\nII I\n", "r_2.fq", "line 4");
        assertFails(GOOD.replace('I', '5'), GOOD2, "r_1.fq", "line 4", "-p", "64");
    }

    @Test
    void matesWithDifferentRecordCounts() throws IOException {
        assertFails(GOOD + GOOD, GOOD2, "r_2.fq", "r_1.fq");
        assertFails(GOOD, GOOD2 + GOOD2, "r_1.fq", "r_2.fq");
    }

    @Test
    void binaryJunk() throws IOException {
        byte[] junk = new byte[5000];
        new Random(3).nextBytes(junk);
        Path a = dir.resolve("r_1.fq");
        Files.write(a, junk);
        Files.writeString(dir.resolve("r_2.fq"), GOOD2);
        assertFailsWith(a, dir.resolve("r_2.fq"), "r_1.fq", "line");
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] gz = gzip((GOOD.repeat(2000)).getBytes(StandardCharsets.US_ASCII));
        for (int k = 40; k < 60; k++) {
            gz[k] ^= 0x5a;
        }
        Path a = dir.resolve("r_1.fq.gz");
        Files.write(a, gz);
        Files.writeString(dir.resolve("r_2.fq"), GOOD2.repeat(2000));
        // Depending on where the damage falls, the decoder or the FASTQ parser notices first.
        assertFailsWith(a, dir.resolve("r_2.fq"), "r_1.fq.gz", "gzip|line");
    }

    @Test
    void gzipCutShort() throws IOException {
        byte[] gz = gzip((GOOD.repeat(2000)).getBytes(StandardCharsets.US_ASCII));
        Path a = dir.resolve("r_1.fq.gz");
        Files.write(a, Arrays.copyOf(gz, gz.length / 2));
        Files.writeString(dir.resolve("r_2.fq"), GOOD2.repeat(2000));
        assertFailsWith(a, dir.resolve("r_2.fq"), "r_1.fq.gz", "truncated");
    }

    @Test
    void missingFile() throws IOException {
        Files.writeString(dir.resolve("r_2.fq"), GOOD2);
        assertFailsWith(dir.resolve("absent_1.fq"), dir.resolve("r_2.fq"), "absent_1.fq", "No such file");
    }

    @Test
    void outputDirectoryThatIsAFile() throws IOException {
        Path a = dir.resolve("r_1.fq");
        Path b = dir.resolve("r_2.fq");
        Files.writeString(a, GOOD);
        Files.writeString(b, GOOD2);
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        Oracle.Run run = CliRunner.flashj(List.of("-d", file.toString(), a.toString(), b.toString()));
        assertEquals(1, run.status());
        assertTrue(run.stderr().contains("Failed to open \"" + file + "/out.extendedFrags.fastq\" for writing: "
                + "Not a directory"), run.stderr());
    }

    @Test
    void outputDirectoryUnderAFile() throws IOException {
        Path a = dir.resolve("r_1.fq");
        Path b = dir.resolve("r_2.fq");
        Files.writeString(a, GOOD);
        Files.writeString(b, GOOD2);
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        Oracle.Run run = CliRunner.flashj(List.of("-d", file + "/sub", a.toString(), b.toString()));
        assertEquals(1, run.status());
        assertTrue(run.stderr().contains("Failed to create directory \"" + file + "/sub\": Not a directory"),
                run.stderr());
    }

    private void assertFails(String mate1, String mate2, String file, String where, String... options)
            throws IOException {
        Path a = dir.resolve("r_1.fq");
        Path b = dir.resolve("r_2.fq");
        Files.writeString(a, mate1, StandardCharsets.ISO_8859_1);
        Files.writeString(b, mate2, StandardCharsets.ISO_8859_1);
        assertFailsWith(a, b, file, where, options);
    }

    private void assertFailsWith(Path a, Path b, String file, String where, String... options) throws IOException {
        Path out = Files.createTempDirectory(dir, "out");
        List<String> args = DifferentialTest.concat(List.of(options),
                List.of("-t", "2", "-d", out.toString(), a.toString(), b.toString()));
        Oracle.Run run = CliRunner.flashj(args);
        String err = run.stderr();
        assertEquals(1, run.status(), "exit status; stderr: " + err);
        assertTrue(err.contains("[FLASH] ERROR: "), err);
        assertTrue(err.contains(file), "names the file: " + err);
        assertTrue(java.util.Arrays.stream(where.split("\\|")).anyMatch(err::contains),
                "says where (" + where + "): " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        assertTrue(run.stdoutText().contains("FLASH did not complete successfully"), run.stdoutText());
        assertEquals(List.of(), OutputComparison.names(out), "no output file is left behind");
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }
}
