package io.github.flashj.cli;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 120,000 seeded random pairs (random lengths and overlaps, errors, N runs, equal qualities, junk
 * bases, CRLF lines, varied tags) through FlashJ and {@code flash -t 1} under several option sets.
 */
class RandomDifferentialTest {
    private static final int PAIRS = 120_000;
    private static final long SEED = 20261121L;

    @TempDir
    static Path dir;
    static Path[] mates;

    @BeforeAll
    static void makeData() throws Exception {
        Oracle.require();
        mates = TestData.randomPairs(dir, PAIRS, SEED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-O -M 300", "-m 3 -M 40 -x 0.35 --cap-mismatch-quals", "-O -m 1 -M 320 -x 0.05"})
    void sameFilesAsFlash(String options) throws Exception {
        List<String> opts = options.isEmpty() ? List.of() : List.of(options.split(" "));
        DifferentialTest.assertSameAsFlash(dir, opts, mates, "random pairs " + options);
    }
}
