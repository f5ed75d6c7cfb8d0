package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FlashJ's {@code --compress-format}, and {@code -z} with a {@code zst} or {@code lz4} suffix. */
class CompressionOptionsTest {
    private static final List<String> INPUTS = List.of(
            Path.of("..", "examples", "data", "lambda_1.fastq.gz").toString(),
            Path.of("..", "examples", "data", "lambda_2.fastq.gz").toString());
    private static final List<String> READ_FILES = List.of("out.extendedFrags.fastq", "out.notCombined_1.fastq",
            "out.notCombined_2.fastq");

    @TempDir
    Path dir;

    private Path run(String name, List<String> options) throws IOException {
        Path out = Files.createDirectory(dir.resolve(name));
        Oracle.Run r = CliRunner.flashj(DifferentialTest.concat(options, List.of("-t", "2", "-M", "150", "-d",
                out.toString()), INPUTS));
        assertEquals(0, r.status(), r.stderr());
        return out;
    }

    private static byte[] decode(Path file, String suffix) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = switch (suffix) {
                case ".gz" -> new GZIPInputStream(raw);
                case ".zst" -> new ZstdInputStream(raw);
                case ".lz4" -> new FramedLZ4CompressorInputStream(raw, true);
                default -> raw;
            };
            return in.readAllBytes();
        }
    }

    @Test
    void everyFormat_decodesToThePlainFiles() throws IOException {
        Path plain = run("plain", List.of());
        String[][] cases = {
            {"--compress-format=zstd", ".zst"}, {"--compress-format=lz4", ".lz4"}, {"--compress-format=gzip", ".gz"},
            {"-z --suffix=zst", ".zst"}, {"-z --output-suffix=lz4", ".lz4"}, {"-z --compress-level=0", ".gz"},
            {"--compress-level=6 -z", ".gz"}, {"--compress-format=zstd --compress-level=19", ".zst"}};
        int k = 0;
        for (String[] c : cases) {
            Path out = run("case" + k++, List.of(c[0].split(" ")));
            for (String file : READ_FILES) {
                Path compressed = out.resolve(file + c[1]);
                assertTrue(Files.exists(compressed), c[0] + ": " + compressed);
                assertArrayEquals(Files.readAllBytes(plain.resolve(file)), decode(compressed, c[1]), c[0] + ": " + file);
            }
            assertArrayEquals(Files.readAllBytes(plain.resolve("out.hist")), Files.readAllBytes(out.resolve("out.hist")));
        }
    }

    @Test
    void unknownFormat_isAnErrorNamingTheOption() {
        Oracle.Run r = CliRunner.flashj(List.of("--compress-format=xz", "a_1.fq", "a_2.fq"));
        assertEquals(1, r.status());
        assertTrue(r.stderr().contains("Unknown compression format \"xz\"")
                && r.stderr().contains("--compress-format"), r.stderr());
    }

    @Test
    void levelsOutOfRangeOrForAFormatWithoutLevels_areErrorsNamingTheOption() {
        for (String[] c : new String[][] {{"-z", "--compress-level=10"},
            {"--compress-format=zstd", "--compress-level=0"}, {"--compress-format=lz4", "--compress-level=1"},
            {"--compress-level=1"}, {"-z", "--compress-level=x"}}) {
            List<String> args = new java.util.ArrayList<>(List.of(c));
            args.addAll(List.of("a_1.fq", "a_2.fq"));
            Oracle.Run r = CliRunner.flashj(args);
            assertEquals(1, r.status(), String.join(" ", c));
            assertTrue(r.stderr().contains("[FLASH] ERROR: ") && r.stderr().contains("--compress-level"),
                    r.stderr());
        }
    }
}
