package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code -p 0}: FLASH checks no quality byte and takes each as a signed value, so bytes of 128 and
 * above are negative qualities (which lose every comparison). ART pairs with random quality bytes
 * from the whole byte range (but line ends, whitespace and NUL) give FLASH's files; at any other
 * offset such bytes are bad input in both.
 */
class RawQualityTest {
    @TempDir
    static Path dir;
    static Path[] mates;

    @BeforeAll
    static void makeData() throws Exception {
        Oracle.require();
        Path[] art = TestData.artPairs(dir, "HS25", 150, 10, 250, 40, 5);
        mates = new Path[] {rawQualities(art[0], 1), rawQualities(art[1], 2)};
    }

    @ParameterizedTest
    @ValueSource(strings = {"-p 0", "-p 0 -O", "-p 0 --cap-mismatch-quals -x 0.4", "-p 0 -O -m 4 -M 200"})
    void sameFilesAsFlash(String options) throws Exception {
        List<String> opts = List.of(options.split(" "));
        Oracle.Run want = DifferentialTest.assertSameAsFlash(dir, opts, mates, "raw qualities " + options);
        assertEquals(0, want.status(), want.stderr());
    }

    @Test
    void highBytesAreBadInputAtOtherOffsets() throws Exception {
        Path out = Files.createTempDirectory(dir, "p33");
        Oracle.Run want = Oracle.flash(out, List.of("-d", out.toString(), mates[0].toString(), mates[1].toString()));
        Oracle.Run got = CliRunner.flashj(List.of("-d", out.toString(), mates[0].toString(), mates[1].toString()));
        assertEquals(1, want.status());
        assertEquals(1, got.status());
        assertTrue(got.stderr().contains("is below the PHRED offset 33"), got.stderr());
    }

    /** The file with every quality byte drawn from 1 to 255, but whitespace. */
    private static Path rawQualities(Path mate, long seed) throws IOException {
        Random rnd = new Random(seed);
        byte[] in = Files.readAllBytes(mate);
        List<String> lines = List.of(new String(in, StandardCharsets.ISO_8859_1).split("\n"));
        StringBuilder out = new StringBuilder(in.length);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i % 4 == 3) {
                StringBuilder q = new StringBuilder(line.length());
                while (q.length() < line.length()) {
                    char c = (char) (1 + rnd.nextInt(255));
                    if (!Character.isWhitespace(c)) {
                        q.append(c);
                    }
                }
                line = q.toString();
            }
            out.append(line).append('\n');
        }
        Path p = dir.resolve("raw_" + mate.getFileName());
        Files.write(p, out.toString().getBytes(StandardCharsets.ISO_8859_1));
        return p;
    }
}
