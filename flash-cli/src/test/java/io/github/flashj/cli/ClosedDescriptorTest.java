package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command started with standard input or standard output closed (as daemons and cron start
 * commands, {@code <&-} and {@code >&-}) and told to use it: FLASH's reason and status, in a JVM of
 * its own started by the shell, and no output file left behind.
 */
class ClosedDescriptorTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "standard input closed, read as -|--interleaved-input -|<&-|Error reading \"-\": Bad file descriptor",
        "standard output closed, written with -c|-c r_1.fq r_2.fq|>&-|\"-\": Bad file descriptor"})
    void aClosedDescriptorIsABadFileDescriptor(String what, String options, String redirection, String reason)
            throws Exception {
        Path[] mates = TestData.artPairs(dir, "HS25", 150, 20, 250, 25, 21);
        Files.move(mates[0], dir.resolve("r_1.fq"));
        Files.move(mates[1], dir.resolve("r_2.fq"));
        Path out = Files.createDirectory(dir.resolve("out"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "exec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + FlashCli.class.getName() + " -d out " + options + " " + redirection;
        Process flashj = new ProcessBuilder("bash", "-c", command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(flashj.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(flashj.waitFor(60, TimeUnit.SECONDS), "the run ended");
        assertEquals(1, flashj.exitValue(), stderr);
        assertTrue(stderr.contains("[FLASH] ERROR: ") && stderr.contains(reason), stderr);
        assertTrue(!stderr.contains("Exception"), stderr);
        assertEquals(List.of(), files(out), "no output is left");
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
