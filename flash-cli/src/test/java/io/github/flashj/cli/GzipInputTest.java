package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flashj.gzip.SeekableGzipInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Gzip input through the command: rapidgzip and ISA-L (native) and java.util.zip (fallback) give
 * flash's bytes, the log says which decoder ran, and {@code --gzip-index} writes an index and
 * reuses it.
 * Each run is a separate JVM, because the native library is chosen once per JVM.
 */
class GzipInputTest {
    @TempDir
    static Path data;

    private static Path[] gz;
    private static Path oracleOut;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeData() throws Exception {
        Oracle.require();
        // About 30,000 pairs of 2x150: several of rapidgzip's chunks per file.
        Path[] mates = TestData.artPairs(data, "HS25", 150, 186, 250, 25, 11);
        gz = new Path[] {TestData.gzip(mates[0], data.resolve("reads_1.fq.gz")),
            TestData.gzip(mates[1], data.resolve("reads_2.fq.gz"))};
        oracleOut = Files.createDirectory(data.resolve("oracle"));
        Oracle.Run run = Oracle.flash(oracleOut, List.of("-M", "150", gz[0].toString(), gz[1].toString()));
        assertEquals(0, run.status(), run.stderr());
    }

    private static Oracle.Run flashj(Path out, List<String> jvmOptions, List<String> options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FlashCli.class.getName(), "-t", "2",
                "-M", "150", "-d", out.toString()));
        command.addAll(options);
        command.add(gz[0].toString());
        command.add(gz[1].toString());
        Oracle.Run run = Oracle.exec(Path.of("").toAbsolutePath(), command, null);
        assertEquals(0, run.status(), run.stderr());
        return run;
    }

    private static void assumeNative() {
        assumeTrue(SeekableGzipInputStream.nativeAvailable(),
                () -> "native library unavailable: " + SeekableGzipInputStream.nativeUnavailableReason());
    }

    @ParameterizedTest(name = "--gzip-threads={0}")
    @CsvSource({"1, 'with ISA-L (native, 1 thread, sequential)'",
        "2, 'with rapidgzip 0.16.1 (native, ISA-L, 2 threads)'"})
    void nativeDecodersGiveFlashsBytesAndSaySo(int threads, String decoder) throws Exception {
        assumeNative();
        Oracle.Run run = flashj(dir, List.of(), List.of("--gzip-threads=" + threads));
        OutputComparison.assertSameFiles(oracleOut, dir, decoder);
        for (Path input : gz) {
            assertTrue(run.stderr().contains("Decoding " + input + " " + decoder), run.stderr());
        }
    }

    @Test
    void javaUtilZipGivesFlashsBytesAndSaysSo() throws Exception {
        Oracle.Run run = flashj(dir, List.of("-Dflashj.gzip.native=false"), List.of());
        OutputComparison.assertSameFiles(oracleOut, dir, "java.util.zip");
        assertTrue(run.stderr().contains("Native gzip library not used: the system property flashj.gzip.native"
                + " is false"), run.stderr());
        assertTrue(run.stderr().contains("Decoding " + gz[0] + " with java.util.zip"), run.stderr());
    }

    @Test
    void gzipIndexIsWrittenThenReused() throws Exception {
        assumeNative();
        Path indexes = dir.resolve("indexes");
        Path first = dir.resolve("first");
        Oracle.Run write = flashj(first, List.of(), List.of("--gzip-index=" + indexes));
        Path index = indexes.resolve("reads_1.fq.gz.gzidx");
        assertTrue(Files.size(index) > 0);
        assertTrue(Files.size(indexes.resolve("reads_2.fq.gz.gzidx")) > 0);
        assertTrue(write.stderr().contains("Wrote the gzip index " + index), write.stderr());
        Path second = dir.resolve("second");
        Oracle.Run reuse = flashj(second, List.of(), List.of("--gzip-index=" + indexes, "--gzip-threads=1"));
        assertTrue(reuse.stderr().contains("Using the gzip index " + index), reuse.stderr());
        assertFalse(reuse.stderr().contains("Wrote the gzip index"), reuse.stderr());
        OutputComparison.assertSameFiles(oracleOut, first, "index written");
        OutputComparison.assertSameFiles(oracleOut, second, "index reused");
        // Producers enter the files at the index's seek points; the reuse is still said once.
        Path split = dir.resolve("split");
        Oracle.Run producers = flashj(split, List.of(), List.of("--gzip-index=" + indexes, "--producers=2"));
        assertEquals(1, producers.stderr().split(Pattern.quote("Using the gzip index " + index), -1).length - 1,
                producers.stderr());
        assertTrue(producers.stderr().contains("Reading " + gz[0] + " with 2 producers"), producers.stderr());
        OutputComparison.assertSameFiles(oracleOut, split, "index reused by two producers");
    }

    @Test
    void badGzipOptionValuesAreRejected() {
        Oracle.Run threads = CliRunner.flashj(List.of("--gzip-threads=-2", gz[0].toString(), gz[1].toString()));
        assertEquals(1, threads.status());
        assertTrue(threads.stderr().contains("Gzip threads must be a non-negative integer!"), threads.stderr());
        Oracle.Run index = CliRunner.flashj(List.of("--gzip-index=", gz[0].toString(), gz[1].toString()));
        assertEquals(1, index.status());
        assertTrue(index.stderr().contains("Gzip index directory cannot be empty!"), index.stderr());
    }

    @Test
    void theIndexOptionIsANoticeWithoutTheNativeLibrary() throws Exception {
        Oracle.Run run = flashj(dir, List.of("-Dflashj.gzip.native=false"),
                List.of("--gzip-index=" + dir.resolve("indexes")));
        OutputComparison.assertSameFiles(oracleOut, dir, "java.util.zip with --gzip-index");
        assertFalse(Files.exists(dir.resolve("indexes")));
    }
}
