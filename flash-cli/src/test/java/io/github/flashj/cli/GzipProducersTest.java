package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flashj.gzip.SeekableGzipInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --producers} on gzip inputs, plain gzip (a rapidgzip index) and BGZF (its blocks): the
 * files {@code flash -t 1} writes at every producer and thread count from 1 to 4, and the notice
 * naming how each input is read.
 */
class GzipProducersTest {
    @TempDir
    static Path dir;
    static Path[] plain;
    static Path oracleDir;
    static Oracle.Run oracle;
    /** Seek points every 16 KiB of compressed data: these small files then hold many segments. */
    static final EngineOverrides CLOSE_SEEK_POINTS = CliRunner.VECTOR_KERNEL.withGzipSeekSpacing(16384);

    @BeforeAll
    static void makeData() throws Exception {
        Oracle.require();
        plain = TestData.artPairs(dir, "HS25", 150, 60, 250, 25, 41);
        oracleDir = Files.createDirectory(dir.resolve("oracle"));
        oracle = Oracle.flash(oracleDir, List.of("-t", "1", "-M", "150", "-O", "-d", oracleDir.toString(),
                plain[0].toString(), plain[1].toString()));
        assertEquals(0, oracle.status(), oracle.stderr());
    }

    private static Path[] compressed(String layout) throws Exception {
        Path[] out = new Path[2];
        for (int m = 0; m < 2; m++) {
            Path target = dir.resolve(layout + "_" + (m + 1) + ".fq.gz");
            if (!Files.exists(target)) {
                if (layout.equals("bgzf")) {
                    Path copy = Files.copy(plain[m], dir.resolve(layout + "_" + (m + 1) + ".fq"));
                    Process p = new ProcessBuilder("bgzip", copy.toString()).inheritIO().start();
                    assertEquals(0, p.waitFor());
                } else {
                    TestData.gzip(plain[m], target);
                }
            }
            out[m] = target;
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gzip", "bgzf"})
    void everyProducerAndThreadCount_writesWhatFlashWrites(String layout) throws Exception {
        if (layout.equals("gzip")) {
            assumeTrue(SeekableGzipInputStream.nativeAvailable(), "the native library");
        } else {
            assumeTrue(new ProcessBuilder("sh", "-c", "command -v bgzip").start().waitFor() == 0, "bgzip");
        }
        Path[] mates = compressed(layout);
        for (int producers = 1; producers <= 4; producers++) {
            for (int threads = 1; threads <= 4; threads++) {
                Path out = Files.createTempDirectory(dir, "flashj");
                Oracle.Run got = CliRunner.flashj(List.of("--producers", String.valueOf(producers), "-t",
                        String.valueOf(threads), "--batch-size", "200", "-M", "150", "-O", "-d", out.toString(),
                        mates[0].toString(), mates[1].toString()), CLOSE_SEEK_POINTS);
                String context = layout + " --producers " + producers + " -t " + threads;
                assertEquals(0, got.status(), context + ": " + got.stderr());
                OutputComparison.assertSameFiles(oracleDir, out, context);
                OutputComparison.assertSameFacts(oracle.stdoutText(),
                        new String(got.stdout(), StandardCharsets.ISO_8859_1), context);
            }
        }
        // The notice, from a JVM of its own: the log goes to the process's standard error. The
        // seek points are as close, set as an operator would set them.
        Path out = Files.createTempDirectory(dir, "notice");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dflashj.gzip.seekSpacing=16384", "-cp", System.getProperty("java.class.path"),
                FlashCli.class.getName(), "--producers", "3", "-M", "150", "-O", "-d", out.toString(),
                mates[0].toString(), mates[1].toString()));
        Oracle.Run run = Oracle.exec(dir, command, null);
        assertEquals(0, run.status(), run.stderr());
        OutputComparison.assertSameFiles(oracleDir, out, layout + " in a JVM of its own");
        String how = layout.equals("bgzf") ? "(BGZF, " : "(rapidgzip index, ";
        assertTrue(run.stderr().contains("Reading " + mates[0] + " with 3 producers " + how), run.stderr());
    }
}
