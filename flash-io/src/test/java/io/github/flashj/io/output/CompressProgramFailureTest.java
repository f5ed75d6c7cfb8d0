package io.github.flashj.io.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.FlashJob;
import io.github.flashj.io.TestData;
import io.github.flashj.io.input.FastqInputs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compression program that fails ({@code --compress-prog}) is named with its exit status, not
 * reported by the pipe's "Stream closed" or "Broken pipe".
 */
class CompressProgramFailureTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"false, failed with exit status 1", "cat, failed with exit status 1",
            "no-such-program-flashj, failed with exit status 127 (not found)",
            "true, ended (exit status 0) before reading all of its input"})
    void aFailingProgram_isNamedWithItsExitStatus(String program, String failure) throws IOException {
        String expected = "'" + program + " -c -' " + failure;
        // Enough merged reads (the only output of a run to standard output) to fill the pipe, so
        // that writes meet the program's end.
        List<TestData.Pair> pairs = TestData.mergeable(4000, 11);
        Path r1 = TestData.write(dir.resolve("r1.fq"), TestData.mates1(pairs));
        Path r2 = TestData.write(dir.resolve("r2.fq"), TestData.mates2(pairs));
        for (boolean toStdout : new boolean[] {false, true}) {
            FlashOutput.Builder out = TestData.output(dir.resolve("out")).compressProgram(program, "");
            if (toStdout) {
                out.toStream(new ByteArrayOutputStream());
            }
            IOException e = assertThrows(IOException.class, () -> FlashJob.builder()
                    .source(FastqInputs.paired(r1.toString(), r2.toString())).sink(out.build()).workers(2).build()
                    .run());
            assertTrue(e.getMessage().contains("the compression program " + expected), e.getMessage());
            assertEquals(-1, e.getMessage().indexOf("Stream closed"), e.getMessage());
        }
    }
}
