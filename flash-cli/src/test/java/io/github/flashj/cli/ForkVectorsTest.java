package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The FLASH-lowercase-overhang fork's options ({@code -l -e -a -E}), which have no binary here,
 * against the fork's recorded outputs in ../shared/golden/fork.
 */
class ForkVectorsTest {
    @TempDir
    Path out;

    static Stream<Arguments> cases() throws IOException {
        Path golden = TestData.sharedDir().resolve("golden/fork");
        Path table = golden.resolve("cases.tsv");
        if (!Files.isRegularFile(table)) {
            if (Boolean.getBoolean("flashj.requireOracle")) {
                throw new AssertionError("the fork's test vectors are missing: " + table);
            }
            return Stream.empty();
        }
        List<Arguments> cases = new ArrayList<>();
        List<String> lines = Files.readAllLines(table, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            cases.add(Arguments.of(f[0], f[2], f[3]));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("cases")
    void sameFilesAsTheFork(String name, String input, String args) throws IOException {
        Path golden = TestData.sharedDir().resolve("golden/fork");
        List<String> argv = new ArrayList<>(List.of("-t", "2", "-z", "-d", out.toString()));
        argv.addAll(List.of(args.split(" ")));
        argv.add(golden.resolve("inputs/" + input + "_1.fq.gz").toString());
        argv.add(golden.resolve("inputs/" + input + "_2.fq.gz").toString());
        Oracle.Run run = CliRunner.flashj(argv);
        assertEquals(0, run.status(), run.stderr());
        Path expected = golden.resolve("expected/" + name);
        List<String> names = OutputComparison.names(expected);
        assertTrue(names.size() >= 5, "expected files in " + expected);
        assertEquals(names, OutputComparison.names(out), name + ": output file names");
        for (String file : names) {
            OutputComparison.assertSameBytes(OutputComparison.content(expected.resolve(file)),
                    OutputComparison.content(out.resolve(file)), name + ": " + file);
        }
    }
}
