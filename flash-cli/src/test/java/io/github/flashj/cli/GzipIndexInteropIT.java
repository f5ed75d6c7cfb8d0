package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flashj.gzip.SeekableGzipInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gzip indexes shared both ways with rapidgzip's command line and indexed_gzip, installed from PyPI
 * into a virtual environment under target/: FlashJ splits gzip input by their indexes (writing what
 * {@code flash -t 1} writes, without building its own), and they read the indexes FlashJ writes.
 */
class GzipIndexInteropIT {
    private static final List<String> PACKAGES = List.of("rapidgzip==0.16.1", "indexed_gzip==1.10.3");
    private static final Path ROOT = Path.of(System.getProperty("flashj.root", "..")).toAbsolutePath().normalize();

    @TempDir
    static Path data;
    static Path[] plain;
    static Path[] gz;
    static Path oracleOut;
    static Path venv;

    @BeforeAll
    static void setUp() throws Exception {
        Oracle.require();
        assumeTrue(SeekableGzipInputStream.nativeAvailable(), "the native library");
        venv = ROOT.resolve("flash-cli/target/gzindex-venv");
        if (!Files.isExecutable(venv.resolve("bin/rapidgzip"))) {
            assertEquals(0, Oracle.exec(data, List.of("python3", "-m", "venv", venv.toString()), null).status());
            List<String> pip = new ArrayList<>(List.of(venv.resolve("bin/pip").toString(), "install", "-q"));
            pip.addAll(PACKAGES);
            Oracle.Run install = Oracle.exec(data, pip, null);
            assertEquals(0, install.status(), install.stderr());
        }
        plain = TestData.artPairs(data, "HS25", 150, 186, 250, 25, 17);
        gz = new Path[] {TestData.gzip(plain[0], data.resolve("reads_1.fq.gz")),
            TestData.gzip(plain[1], data.resolve("reads_2.fq.gz"))};
        oracleOut = Files.createDirectory(data.resolve("oracle"));
        Oracle.Run run = Oracle.flash(oracleOut, List.of("-t", "1", "-M", "150", plain[0].toString(),
                plain[1].toString()));
        assertEquals(0, run.status(), run.stderr());
    }

    private static Oracle.Run flashj(Path out, Path indexes) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), FlashCli.class.getName(), "--producers",
                "2", "--gzip-index", indexes.toString(), "-M", "150", "-d", out.toString(), gz[0].toString(),
                gz[1].toString()));
        Oracle.Run run = Oracle.exec(data, command, null);
        assertEquals(0, run.status(), run.stderr());
        OutputComparison.assertSameFiles(oracleOut, out, "--producers 2 --gzip-index");
        return run;
    }

    private static void python(String script) throws Exception {
        Oracle.Run run = Oracle.exec(data, List.of(venv.resolve("bin/python").toString(), "-c", script), null);
        assertEquals(0, run.status(), run.stderr());
    }

    @Test
    void theToolsIndexes_splitFlashJsInput() throws Exception {
        for (String tool : List.of("rapidgzip", "indexed_gzip")) {
            Path indexes = Files.createDirectory(data.resolve("from-" + tool));
            List<byte[]> written = new ArrayList<>();
            for (Path file : gz) {
                Path index = indexes.resolve(file.getFileName() + ".gzidx");
                if (tool.equals("rapidgzip")) {
                    Oracle.Run run = Oracle.exec(data, List.of(venv.resolve("bin/rapidgzip").toString(), "-d",
                            "--export-index", index.toString(), "-o", "/dev/null", file.toString()), null);
                    assertEquals(0, run.status(), run.stderr());
                } else {
                    python("import indexed_gzip as ig\nf = ig.IndexedGzipFile('" + file + "', spacing=1 << 20)\n"
                            + "f.build_full_index()\nf.export_index('" + index + "')\n");
                }
                written.add(Files.readAllBytes(index));
            }
            Oracle.Run run = flashj(Files.createDirectory(data.resolve("out-" + tool)), indexes);
            assertFalse(run.stderr().contains("does not belong"), run.stderr());
            assertTrue(run.stderr().contains("Using the gzip index " + indexes.resolve("reads_1.fq.gz.gzidx")),
                    run.stderr());
            assertTrue(run.stderr().contains("Reading " + gz[0] + " with 2 producers (rapidgzip index, "),
                    run.stderr());
            for (int m = 0; m < 2; m++) {
                assertArrayEquals(written.get(m), Files.readAllBytes(indexes.resolve(gz[m].getFileName() + ".gzidx")),
                        tool + "'s index is used as it is");
            }
        }
    }

    @Test
    void flashJsIndexes_areReadByTheTools() throws Exception {
        Path indexes = data.resolve("from-flashj");
        Oracle.Run run = flashj(Files.createDirectories(data.resolve("out-flashj")), indexes);
        assertTrue(run.stderr().contains("Wrote the gzip index"), run.stderr());
        Path index = indexes.resolve("reads_1.fq.gz.gzidx");
        Path decoded = data.resolve("by-rapidgzip.fq");
        Oracle.Run rapidgzip = Oracle.exec(data, List.of(venv.resolve("bin/rapidgzip").toString(), "-d",
                "--import-index", index.toString(), "-o", decoded.toString(), gz[0].toString()), null);
        assertEquals(0, rapidgzip.status(), rapidgzip.stderr());
        assertArrayEquals(Files.readAllBytes(plain[0]), Files.readAllBytes(decoded), "rapidgzip with FlashJ's index");
        long size = Files.size(plain[0]);
        Path piece = data.resolve("by-indexed_gzip.bin");
        python("import indexed_gzip as ig\nf = ig.IndexedGzipFile('" + gz[0] + "')\nf.import_index('" + index
                + "')\nf.seek(" + size / 2 + ")\nopen('" + piece + "', 'wb').write(f.read(" + (size - size / 2)
                + "))\n");
        byte[] whole = Files.readAllBytes(plain[0]);
        assertArrayEquals(java.util.Arrays.copyOfRange(whole, (int) (size / 2), whole.length),
                Files.readAllBytes(piece), "indexed_gzip with FlashJ's index, from the middle");
    }
}
