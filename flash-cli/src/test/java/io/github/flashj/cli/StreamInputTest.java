package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input from standard input ({@code -}) and from pipes ({@code <(zcat x.gz)}), plain and gzip,
 * gives the files {@code flash} writes from the same data in regular files. (FLASH itself loses
 * the first two bytes of a named pipe, so the oracle always reads regular files here.)
 */
class StreamInputTest {
    @TempDir
    static Path dir;
    static Path[] mates;
    static Path interleaved;

    @BeforeAll
    static void makeData() throws Exception {
        Oracle.require();
        mates = TestData.artPairs(dir, "HS25", 150, 10, 250, 25, 21);
        interleaved = TestData.interleave(dir, mates, "art.interleaved.fq");
    }

    @Test
    void standardInput() throws Exception {
        Path gz = TestData.gzip(interleaved, dir.resolve("interleaved.gz"));
        for (Path stdin : List.of(interleaved, gz)) {
            Path oracleDir = Files.createTempDirectory(dir, "oracle");
            Path flashjDir = Files.createTempDirectory(dir, "flashj");
            Oracle.flash(oracleDir, List.of("--interleaved-input", "-d", oracleDir.toString(), interleaved.toString()));
            InputStream saved = System.in;
            try (InputStream in = Files.newInputStream(stdin)) {
                System.setIn(in);
                Oracle.Run got = CliRunner.flashj(List.of("-t", "2", "--interleaved-input", "-d", flashjDir.toString(),
                        "-"));
                assertEquals(0, got.status(), got.stderr());
            } finally {
                System.setIn(saved);
            }
            OutputComparison.assertSameFiles(oracleDir, flashjDir, "standard input " + stdin.getFileName());
        }
    }

    @Test
    void namedPipes() throws Exception {
        Path fifo1 = dir.resolve("fifo1");
        Path fifo2 = dir.resolve("fifo2");
        Oracle.exec(dir, List.of("mkfifo", fifo1.toString(), fifo2.toString()), null);
        Path gz2 = TestData.gzip(mates[1], dir.resolve("mate2.gz"));
        Thread w1 = feed(mates[0], fifo1);
        Thread w2 = feed(gz2, fifo2);
        Path oracleDir = Files.createTempDirectory(dir, "oracle");
        Path flashjDir = Files.createTempDirectory(dir, "flashj");
        Oracle.flash(oracleDir, List.of("-d", oracleDir.toString(), mates[0].toString(), mates[1].toString()));
        Oracle.Run got = CliRunner.flashj(List.of("-t", "2", "-d", flashjDir.toString(), fifo1.toString(),
                fifo2.toString()));
        w1.join();
        w2.join();
        assertEquals(0, got.status(), got.stderr());
        OutputComparison.assertSameFiles(oracleDir, flashjDir, "named pipes");
    }

    private static Thread feed(Path from, Path fifo) {
        Thread t = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                Files.copy(from, out);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        return t;
    }
}
