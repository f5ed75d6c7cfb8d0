package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MultiQC (from PyPI, pinned, installed once under {@code target/}) on a run of {@code bin/flashj}:
 * its FLASH module reads FlashJ's log, and the {@code --json} figures, named {@code *_mqc.json},
 * become a custom content section with every figure, under the sample name the FLASH module gives.
 */
class MultiqcIT {
    private static final String MULTIQC = "multiqc==1.35";
    private static final Path ROOT = Path.of(System.getProperty("flashj.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void multiqcReadsTheLogAndTheFigures() throws Exception {
        Path venv = ROOT.resolve("flash-cli/target/multiqc-venv");
        Path multiqc = venv.resolve("bin/multiqc");
        if (!Files.isExecutable(multiqc)) {
            assertEquals(0, Oracle.exec(dir, List.of("python3", "-m", "venv", venv.toString()), null).status());
            Oracle.Run pip = Oracle.exec(dir, List.of(venv.resolve("bin/pip").toString(), "install", "-q", MULTIQC),
                    null);
            assertEquals(0, pip.status(), pip.stderr());
        }
        Path run = Files.createDirectory(dir.resolve("run"));
        Oracle.Run flashj = Oracle.exec(run, List.of(ROOT.resolve("bin/flashj").toString(), "-O", "-M", "150",
                "--json=sample1_mqc.json", ROOT.resolve("examples/data/lambda_1.fastq.gz").toString(),
                ROOT.resolve("examples/data/lambda_2.fastq.gz").toString()), null);
        assertEquals(0, flashj.status(), flashj.stderr());
        Files.write(run.resolve("sample1.log"), flashj.stdout());
        Oracle.Run report = Oracle.exec(dir, List.of(multiqc.toString(), "-q", "-o", dir.resolve("report").toString(),
                run.toString()), null);
        assertEquals(0, report.status(), report.stderr());
        Path data = dir.resolve("report/multiqc_data");
        String sources = Files.readString(data.resolve("multiqc_sources.txt"));
        assertTrue(sources.contains("FLASh") && sources.contains("sample1.log"), sources);
        List<String> stats = Files.readAllLines(data.resolve("multiqc_flash_combo_stats.txt"));
        assertTrue(stats.size() >= 2, "the FLASH module's statistics");
        String sample = stats.get(1).split("\t")[0];
        assertEquals("lambda_1", sample, "the FLASH module's name for the run");
        for (int figure = 0; figure < 5; figure++) {
            Path table = data.resolve("multiqc_flashj_plot" + (figure == 0 ? "" : "_" + figure) + ".txt");
            assertTrue(Files.isRegularFile(table), table + " (figure " + figure + ")");
            for (String line : Files.readAllLines(table).subList(1, 2)) {
                assertTrue(line.startsWith(sample + "\t") || line.startsWith(sample + " "),
                        "FlashJ's figures under the FLASH module's name: " + table + ": " + line);
            }
        }
    }
}
