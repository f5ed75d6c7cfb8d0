package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Batch sizes and batches in flight that cannot fit in memory are refused up front, with a message
 * that says what to lower, exit status 1, no stack trace and no file left.
 */
class MemoryBoundsTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "data");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--batch-size=100000000|Batch size must be at most 1048576!",
        "--batch-size=2147483647|Batch size must be at most 1048576!",
        "--in-flight=2147483647|must be at most 4194304 pairs in memory",
        "--batch-size=1048576 --in-flight=8|must be at most 4194304 pairs in memory"})
    void refusedUpFront(String options, String message) throws Exception {
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of(options.split(" ")));
        args.addAll(List.of("-d", out.toString(), EXAMPLES.resolve("lambda_1.fastq.gz").toString(),
                EXAMPLES.resolve("lambda_2.fastq.gz").toString()));
        Oracle.Run run = CliRunner.flashj(args);
        assertEquals(1, run.status(), run.stderr());
        assertTrue(run.stderr().contains("[FLASH] ERROR: ") && run.stderr().contains(message), run.stderr());
        assertTrue(!run.stderr().contains("\tat "), "no stack trace: " + run.stderr());
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.list(out)) {
                assertEquals(List.of(), s.toList(), "no file is left");
            }
        }
    }
}
