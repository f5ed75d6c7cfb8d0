package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A rerun into a directory that still holds files under the output names (a pipeline's retry, or
 * another run's files) writes exactly the files a run into an empty directory writes, byte for byte,
 * in every output form; the earlier files are written over or removed, whatever their sizes.
 */
class RerunTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "data");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"", "-z", "--interleaved-output", "-To", "-To -z", "-c"})
    void aRerunWritesWhatAFreshRunWrites(String options) throws Exception {
        List<String> args = DifferentialTest.concat(options.isEmpty() ? List.of() : List.of(options.split(" ")),
                List.of("-O", "-M", "150", EXAMPLES.resolve("lambda_1.fastq.gz").toString(),
                        EXAMPLES.resolve("lambda_2.fastq.gz").toString()));
        Path fresh = Files.createDirectory(dir.resolve("fresh"));
        Oracle.Run first = CliRunner.flashj(DifferentialTest.concat(List.of("-d", fresh.toString()), args));
        assertEquals(0, first.status(), first.stderr());
        Path rerun = Files.createDirectory(dir.resolve("rerun"));
        Random random = new Random(options.hashCode());
        List<String> names = OutputComparison.names(fresh);
        for (int k = 0; k < names.size(); k++) {
            // Earlier files of every size: empty, shorter, and longer than this run's.
            long size = Files.size(fresh.resolve(names.get(k)));
            byte[] earlier = new byte[(int) (k % 3 == 0 ? 0 : k % 3 == 1 ? size / 2 : size * 2 + 70_000)];
            random.nextBytes(earlier);
            Files.write(rerun.resolve(names.get(k)), earlier);
        }
        for (int round = 0; round < 2; round++) {
            Oracle.Run again = CliRunner.flashj(DifferentialTest.concat(List.of("-d", rerun.toString()), args));
            assertEquals(0, again.status(), again.stderr());
            assertEquals(names, OutputComparison.names(rerun), "round " + round);
            for (String name : names) {
                assertArrayEquals(Files.readAllBytes(fresh.resolve(name)), Files.readAllBytes(rerun.resolve(name)),
                        name + ", round " + round);
            }
        }
    }
}
