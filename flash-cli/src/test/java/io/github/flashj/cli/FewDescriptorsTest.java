package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With very few file descriptors ({@code ulimit -n}), the run fails where the system refuses one:
 * opening an output, or the Java runtime loading a library or class of its own, which it does on
 * first use. Either way the command says so in a {@code [FLASH] ERROR:} line, never with a stack
 * trace.
 */
class FewDescriptorsTest {
    @TempDir
    Path dir;

    @Test
    void tooFewDescriptors_failWithAnErrorLine() throws Exception {
        Path[] mates = TestData.randomPairs(dir, 200, 3);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int errors = 0;
        int successes = 0;
        for (int limit = 12; limit <= 60 && successes < 2; limit++) {
            String command = "ulimit -n " + limit + " && exec '" + java + "' -cp '"
                    + System.getProperty("java.class.path") + "' " + FlashCli.class.getName() + " -d out" + limit
                    + " '" + mates[0] + "' '" + mates[1] + "'";
            Process flashj = new ProcessBuilder("bash", "-c", command).directory(dir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String stderr = new String(flashj.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(flashj.waitFor(60, TimeUnit.SECONDS), "the run ended");
            if (stderr.contains("Error occurred during initialization of VM")) {
                continue;
            }
            assertTrue(!stderr.contains("Exception in thread") && !stderr.contains("\tat "),
                    "ulimit -n " + limit + ":\n" + stderr);
            if (flashj.exitValue() == 0) {
                successes++;
            } else {
                assertEquals(1, flashj.exitValue(), stderr);
                assertTrue(stderr.contains("[FLASH] ERROR: ") && stderr.contains("open files"),
                        "ulimit -n " + limit + ":\n" + stderr);
                errors++;
            }
        }
        assertTrue(errors > 0 && successes > 0, errors + " failed runs, " + successes + " successful");
    }
}
