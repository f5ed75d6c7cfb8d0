package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command on the newer Temurin JDK under /usr/lib/jvm gives the same files as on this JVM,
 * with the Vector API kernel (module added) and with the scalar kernel (module absent). The vector
 * kernel is asked for, as the example pairs are too few for the command to choose it.
 */
class OtherJdkTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "data");

    @TempDir
    Path dir;

    static Path temurinJava() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> s = Files.list(jvms)) {
                for (Path p : s.sorted().toList()) {
                    Path java = p.resolve("bin/java");
                    if (p.getFileName().toString().startsWith("temurin") && Files.isExecutable(java)) {
                        return java;
                    }
                }
            }
        }
        return null;
    }

    @Test
    void temurinGivesTheSameFiles() throws Exception {
        Path java = temurinJava();
        Assumptions.assumeTrue(java != null, "no Temurin JDK under /usr/lib/jvm");
        List<String> args = List.of("-O", "-M", "150", EXAMPLES.resolve("lambda_1.fastq.gz").toString(),
                EXAMPLES.resolve("lambda_2.fastq.gz").toString());
        Path here = Files.createDirectory(dir.resolve("here"));
        Oracle.Run local = CliRunner.flashj(DifferentialTest.concat(List.of("-t", "2", "-d", here.toString()), args));
        assertEquals(0, local.status(), local.stderr());
        for (boolean vector : new boolean[] {true, false}) {
            Path there = Files.createDirectory(dir.resolve(vector ? "vector" : "scalar"));
            List<String> command = new ArrayList<>(List.of(java.toString(), "-Dflashj.kernel=vector"));
            if (vector) {
                command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), FlashCli.class.getName(), "-t", "2",
                    "-d", there.toString()));
            command.addAll(args);
            Oracle.Run run = Oracle.exec(Path.of("").toAbsolutePath(), command, null);
            assertEquals(0, run.status(), run.stderr());
            OutputComparison.assertSameFiles(here, there, "Temurin, " + (vector ? "vector" : "scalar") + " kernel");
            // Without the module, one warning names the flag that turns the Vector API kernel on.
            assertEquals(vector ? 0 : 1, run.stderr().split("--add-modules jdk.incubator.vector", -1).length - 1,
                    run.stderr());
        }
    }
}
