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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader of standard output that goes away ({@code flashj -c | head}, or the log piped into
 * {@code head}): FLASH is killed by SIGPIPE, and the shell reports status 141. FlashJ stops the run
 * and exits with 141 too, silently, leaving no output file.
 */
class BrokenPipeTest {
    @TempDir
    Path dir;
    private Path[] mates;

    @BeforeEach
    void input() throws IOException {
        // Enough that the merged reads overflow the pipe, and that the run prints progress lines.
        mates = TestData.randomPairs(dir, 60_000, 17);
    }

    /** Runs the command in a JVM of its own, piped into {@code head}; returns its status and standard error. */
    private String[] runInto(String options, String head) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + FlashCli.class.getName() + " " + options + " '" + mates[0] + "' '" + mates[1] + "' 2> err.txt | "
                + head + " > /dev/null; echo ${PIPESTATUS[0]}";
        Process shell = new ProcessBuilder("bash", "-c", command).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String status = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(shell.waitFor(120, TimeUnit.SECONDS), "the run ended");
        return new String[] {status, Files.readString(dir.resolve("err.txt"))};
    }

    @Test
    void mergedReadsToAClosedPipe_exit141() throws Exception {
        Files.createDirectory(dir.resolve("out"));
        String[] run = runInto("-c -d out", "head -c 1000");
        assertEquals("141", run[0], run[1]);
        assertTrue(!run[1].contains("ERROR") && !run[1].contains("Exception"), run[1]);
        assertEquals(List.of(), files(dir.resolve("out")), "no output is left");
    }

    @Test
    void logToAClosedPipe_stopsTheRunWith141() throws Exception {
        Files.createDirectory(dir.resolve("out"));
        String[] run = runInto("-d out", "head -n 3");
        assertEquals("141", run[0], run[1]);
        assertTrue(!run[1].contains("Exception"), run[1]);
        assertEquals(List.of(), files(dir.resolve("out")), "the run stopped and left no output");
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
