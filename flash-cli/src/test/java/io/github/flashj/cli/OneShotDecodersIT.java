package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/flashj}'s gzip, Zstandard and LZ4 files, written by two workers in many batches, are
 * read whole by decoders that read one member or frame ({@link OneShotDecoders}).
 */
class OneShotDecodersIT {
    private static final Path ROOT = Path.of(System.getProperty("flashj.root", "..")).toAbsolutePath().normalize();
    private static final List<String> READ_FILES = List.of("out.extendedFrags.fastq", "out.notCombined_1.fastq",
            "out.notCombined_2.fastq");

    @TempDir
    Path dir;

    private Path run(Path[] mates, String name, List<String> options) throws Exception {
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/flashj").toString(), "-q", "-t", "2",
                "--batch-size=200", "-M", "150", "-d", out.toString()));
        command.addAll(options);
        command.add(mates[0].toString());
        command.add(mates[1].toString());
        Oracle.Run r = Oracle.exec(dir, command, null);
        assertEquals(0, r.status(), r.stderr());
        return out;
    }

    @Test
    void everyCompressedFileIsReadWholeByOneShotDecoders() throws Exception {
        Path[] mates = TestData.artPairs(dir, "HS25", 150, 150, 250, 25, 9);
        Path plain = run(mates, "plain", List.of());
        String[][] cases = {{"-z", ".gz"}, {"--compress-level=0 -z", ".gz"}, {"-z --compress-level=3", ".gz"},
            {"--compress-format=zstd", ".zst"}, {"--compress-format=zstd --compress-level=12", ".zst"},
            {"--compress-format=lz4", ".lz4"}};
        int k = 0;
        for (String[] c : cases) {
            Path out = run(mates, "case" + k++, List.of(c[0].split(" ")));
            for (String file : READ_FILES) {
                byte[] expected = Files.readAllBytes(plain.resolve(file));
                assertTrue(expected.length > 200_000, file + " spans many batches of 200 pairs");
                assertArrayEquals(expected, OneShotDecoders.decode(out.resolve(file + c[1]), dir), c[0] + ": " + file);
            }
        }
    }

    @Test
    void gzipOnStandardOutputIsReadWholeToo() throws Exception {
        Path[] mates = TestData.artPairs(dir, "HS25", 150, 60, 250, 25, 10);
        Path plain = run(mates, "plain", List.of());
        Oracle.Run r = Oracle.exec(dir, List.of(ROOT.resolve("bin/flashj").toString(), "-t", "2", "--batch-size=200",
                "-M", "150", "-z", "-c", mates[0].toString(), mates[1].toString()), null);
        assertEquals(0, r.status(), r.stderr());
        Path gz = Files.write(dir.resolve("stdout.fastq.gz"), r.stdout());
        assertArrayEquals(Files.readAllBytes(plain.resolve(READ_FILES.get(0))), OneShotDecoders.decode(gz, dir));
    }
}
