package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Option syntax and values: FlashJ accepts and rejects exactly what {@code flash} does, with the
 * same messages on the same streams and the same exit status. Inputs that do not exist make every
 * accepted command line end at the same "Failed to open" error, so whole outputs compare.
 */
class CliValidationTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        "-m 0", "-m -1", "-m abc", "-m 10x", "-m ", "-m  5", "-m +5", "-m 010", "-m 99999999999",
        "-m -4294967286", "-m 2147483648", "-m 99999999999999999999", "-m10", "--min-overlap 12", "--min-ov=15",
        "-M 0", "-M abc", "-M 4294967306", "-x 1.5", "-x -0.1", "-x 1.00000001", "-x 1.0000001", "-x nan",
        "-x 0x0.8", "-x inf", "-x .3", "-x 1e-1", "-x 0.3x", "-x -0", "-x 0x10",
        "-p 0", "-p 128", "-p 64", "-p -1", "-p 4294967329", "-p 33",
        "-t 0", "-t -3", "-t x", "-t 3",
        "-r 0", "-f 0", "-s 0", "-s 2.5", "-s 1000000000", "-r 1500000000", "-r 150", "-r 1", "-M 100 -r 150 -f 200 -s 20", "-r 150 -f 250 -s 25",
        "-m 300", "-m 70 -M 65", "-m 65 -M 65",
        "-Tx", "-T x", "-Toz", "-T", "-Ti --interleaved-input", "--interleaved-input -Ti",
        "--bogus", "-Z", "--m=15", "--inter", "--tab", "--allow-outies=3", "-m", "--min-overlap",
        "-c -m 0", "-m 0 -c", "-q -m 0", "-q -p 50", "-Oz -m 0", "-Om15 -M 10", "--cap-mismatch-quals=1",
        "-- -m", "-z --compress-prog=bzip2 --suffix=x", "--compress-prog-args=-9"})
    void sameAsFlash(String options) throws Exception {
        List<String> args = new ArrayList<>(options.isEmpty() ? List.of() : split(options));
        args.add("nonexistent_1.fq");
        args.add("nonexistent_2.fq");
        assertSameRun(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "one.fq", "a.fq b.fq c.fq", "--interleaved-input a.fq b.fq", "--interleaved-input",
        "-I", "-Ti", "-I a.fq"})
    void positionalArguments(String args) throws Exception {
        assertSameRun(args.isEmpty() ? List.of() : split(args));
    }

    @Test
    void helpAndVersion() throws Exception {
        for (List<String> args : List.of(List.of("-h"), List.of("--help"), List.of("-v"), List.of("--version"),
                List.of("--version", "a", "b", "c"), List.of("-h", "-m", "0"), List.of("-v", "-h"))) {
            Oracle.Run want = Oracle.flash(dir, args);
            Oracle.Run got = CliRunner.flashj(args);
            assertEquals(want.status(), got.status(), args + ": exit status");
            assertTrue(got.stdout().length > 0, args + ": prints its text");
            assertEquals(want.stderr(), got.stderr(), args + ": standard error");
        }
        Oracle.Run ordered = CliRunner.flashj(List.of("-m", "0", "-h"));
        assertEquals(1, ordered.status(), "-m 0 is checked before -h is reached");
    }

    @Test
    void forkOptionsAreKnownHere() {
        Oracle.Run both = CliRunner.flashj(List.of("-e", "-a", "x_1.fq", "x_2.fq"));
        assertEquals(1, both.status());
        assertTrue(both.stderr().contains("--earliest (-e) and --ambiguous (-a) cannot be used together"));
        Oracle.Run threshold = CliRunner.flashj(List.of("-E", "-1", "x_1.fq", "x_2.fq"));
        assertEquals(1, threshold.status());
        assertTrue(threshold.stderr().contains("Please check option -E"));
    }

    private void assertSameRun(List<String> args) throws Exception {
        Oracle.Run want = Oracle.flash(dir, args);
        Oracle.Run got = CliRunner.flashj(args);
        assertEquals(want.status(), got.status(), args + ": exit status; flash said " + want.stderr()
                + "; flashj said " + got.stderr());
        assertEquals(want.stderr(), got.stderr(), args + ": standard error");
        assertEquals(want.stdoutText(), got.stdoutText(), args + ": standard output");
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        if (s.equals("-m ")) {
            return List.of("-m", "");
        }
        if (s.equals("-m  5")) {
            return List.of("-m", " 5");
        }
        for (String part : s.split(" ")) {
            out.add(part);
        }
        return out;
    }
}
