package io.github.flashj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.cli.Oracle;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PySpark example as a user runs it after {@code mvn package}: {@code examples/pyspark/run.sh}
 * installs pyspark from PyPI (the build's Spark version, once, under {@code examples/target}),
 * registers {@code flash_merge} both ways from Python, reads the example pairs as a
 * {@code flashj-fastq} table, writes the merged reads over 200 bp with the sink, and checks them
 * against {@code bin/flashj -M 150}.
 */
class PySparkExampleIT {
    @TempDir
    Path dir;

    @Test
    void theExampleRunsAndWritesTheCommandsReads() throws Exception {
        Path root = Path.of(System.getProperty("flashj.root", "..")).toAbsolutePath().normalize();
        Oracle.Run run = Oracle.exec(dir, List.of(root.resolve("examples/pyspark/run.sh").toString()), null);
        assertEquals(0, run.status(), run.stdoutText() + run.stderr());
        assertTrue(run.stdoutText().contains("are those of flashj -M 150"), run.stdoutText());
        assertTrue(run.stdoutText().contains("longer than 200 bp"), run.stdoutText());
    }
}
