package io.github.flashj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.cli.Oracle;
import io.github.flashj.cli.OutputComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/flashj-spark} as a user runs it after {@code mvn package}, with no Spark installation:
 * a {@code local-cluster} master, whose executors are JVMs of their own, on the example pairs of
 * {@code examples/data}. Same files as {@code flash -t 1}, and the same log on standard output.
 */
class FlashjSparkCommandIT {
    @TempDir
    Path dir;

    @Test
    void mergesTheExamplePairsOnALocalCluster() throws Exception {
        Path root = Path.of(System.getProperty("flashj.root", "..")).toAbsolutePath().normalize();
        List<String> inputs = List.of(root.resolve("examples/data/lambda_1.fastq.gz").toString(),
                root.resolve("examples/data/lambda_2.fastq.gz").toString());
        Path oracleDir = Files.createDirectories(dir.resolve("oracle"));
        Path sparkDir = dir.resolve("spark");
        Oracle.Run want = Oracle.flash(oracleDir, List.of("-M", "150", "-O", "-z", "-d", oracleDir.toString(),
                inputs.get(0), inputs.get(1)));
        Oracle.Run got = Oracle.exec(dir, List.of(root.resolve("bin/flashj-spark").toString(), "--master",
                "local-cluster[2,1,1024]", "-M", "150", "-O", "-z", "-d", sparkDir.toString(), inputs.get(0),
                inputs.get(1)), null);
        assertEquals(0, got.status(), got.stderr());
        assertTrue(got.stdoutText().contains("[FLASH] FLASH v1.2.11 complete!"), got.stdoutText());
        for (String line : got.stdoutText().split("\n")) {
            assertTrue(line.startsWith("[FLASH]"), "standard output holds FLASH's log alone: " + line);
        }
        OutputComparison.assertSameFacts(want.stdoutText(), got.stdoutText(), "bin/flashj-spark");
        OutputComparison.assertSameFiles(oracleDir, sparkDir, "bin/flashj-spark");
    }
}
