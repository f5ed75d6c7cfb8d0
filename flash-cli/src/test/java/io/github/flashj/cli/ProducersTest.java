package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --producers}: plain mate files read by several threads at once give the files
 * {@code flash -t 1} writes, and bad input the same message as with one producer.
 */
class ProducersTest {
    @TempDir
    static Path dir;
    static Path[] art;
    static Path[] random;

    @BeforeAll
    static void makeData() throws Exception {
        Oracle.require();
        art = TestData.artPairs(dir, "HS25", 150, 60, 250, 25, 31);
        random = TestData.randomPairs(dir, 20_000, 32);
    }

    @Test
    void threeProducers_writeWhatFlashWrites() throws Exception {
        for (Path[] mates : List.of(art, random)) {
            Path oracleDir = Files.createTempDirectory(dir, "oracle");
            Oracle.Run want = Oracle.flash(oracleDir, List.of("-t", "1", "-M", "150", "-O", "-d",
                    oracleDir.toString(), mates[0].toString(), mates[1].toString()));
            for (String batchSize : List.of("100", "4096")) {
                Path flashjDir = Files.createTempDirectory(dir, "flashj");
                Oracle.Run got = CliRunner.flashj(List.of("--producers", "3", "-t", "2", "--batch-size", batchSize,
                        "-M", "150", "-O", "-d", flashjDir.toString(), mates[0].toString(), mates[1].toString()));
                String context = mates[0].getFileName() + " --producers 3 --batch-size " + batchSize;
                assertEquals(want.status(), got.status(), context + ": " + got.stderr());
                OutputComparison.assertSameFiles(oracleDir, flashjDir, context);
                OutputComparison.assertSameFacts(want.stdoutText(),
                        new String(got.stdout(), StandardCharsets.ISO_8859_1), context);
            }
        }
    }

    @Test
    void badInput_givesTheSameMessageWithAnyNumberOfProducers() throws Exception {
        String good1 = Files.readString(art[0], StandardCharsets.ISO_8859_1);
        int cut = good1.indexOf('@', good1.length() / 2);
        cut = good1.indexOf("\n@", cut) + 1;
        Path bad = Files.writeString(dir.resolve("bad_1.fq"), good1.substring(0, cut) + "@x/1\nACGTA\n+\nIIII\n"
                + good1.substring(cut), StandardCharsets.ISO_8859_1);
        String first = null;
        for (String producers : List.of("1", "2", "3")) {
            Path out = Files.createTempDirectory(dir, "bad");
            Oracle.Run got = CliRunner.flashj(List.of("--producers", producers, "-t", "2", "--batch-size", "50", "-d",
                    out.toString(), bad.toString(), art[1].toString()));
            assertEquals(1, got.status());
            String error = got.stderr().lines().filter(l -> l.contains("ERROR")).findFirst().orElse("");
            assertTrue(error.contains("bad_1.fq"), got.stderr());
            if (first == null) {
                first = error;
            }
            assertEquals(first, error, "--producers " + producers);
        }
    }

    @Test
    void aNegativeProducerCount_isRejected() {
        Oracle.Run got = CliRunner.flashj(List.of("--producers", "-1", art[0].toString(), art[1].toString()));
        assertEquals(1, got.status());
        assertTrue(got.stderr().contains("Producers must be a non-negative integer!"), got.stderr());
    }
}
