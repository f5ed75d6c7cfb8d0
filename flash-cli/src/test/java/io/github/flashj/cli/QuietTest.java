package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code -q} in a JVM of its own (the library's notices are logged once per JVM): no
 * informational line on standard error, FlashJ's decoder lines included, as {@code flash -q};
 * without {@code -q} the decoder line is there.
 */
class QuietTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "quiet {0}")
    @ValueSource(booleans = {true, false})
    void quietLeavesOutTheDecoderLines(boolean quiet) throws Exception {
        Path[] mates = TestData.artPairs(dir, "HS25", 150, 5, 250, 25, 31);
        Path gz1 = TestData.gzip(mates[0], dir.resolve("r_1.fq.gz"));
        Path gz2 = TestData.gzip(mates[1], dir.resolve("r_2.fq.gz"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), FlashCli.class.getName(), "-M", "150",
                "-d", dir.resolve("out").toString()));
        if (quiet) {
            command.add("-q");
        }
        command.addAll(List.of(gz1.toString(), gz2.toString()));
        Process flashj = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(flashj.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(flashj.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, flashj.exitValue(), stderr);
        assertEquals(!quiet, stderr.contains("[INFO] Decoding"), stderr);
        if (quiet) {
            for (String line : stderr.split("\n")) {
                // Warnings stay, as with flash -q (this JVM runs without the Vector API module).
                assertTrue(line.isEmpty() || line.startsWith("[WARN]"), line);
            }
        }
    }
}
