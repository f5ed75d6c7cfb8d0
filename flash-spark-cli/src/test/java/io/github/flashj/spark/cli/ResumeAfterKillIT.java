package io.github.flashj.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.cli.Oracle;
import io.github.flashj.cli.OutputComparison;
import io.github.flashj.cli.TestData;
import io.github.flashj.spark.StandaloneCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/flashj-spark} with {@code --resume} (or {@code spark.flashj.resume=true}), its driver
 * JVM killed with SIGKILL once a few chunks are committed, then run again: the rerun merges only the chunks that
 * were not committed, and its files are {@code flash -t 1}'s. On a {@code local[2]} master and on
 * a standalone cluster whose executors outlive the killed driver's application.
 */
class ResumeAfterKillIT {
    private static final Path ROOT = Path.of(System.getProperty("flashj.root", "..")).toAbsolutePath().normalize();
    private static final Path TARGET = ROOT.resolve("flash-spark-cli/target");
    private static final Pattern RESUMED = Pattern.compile("Resuming the run stopped in \\S+: (\\d+) of (\\d+) chunks"
            + " were committed; merging the other (\\d+)");
    /** Chunks committed before the driver is killed. */
    private static final int COMMITTED_BEFORE_KILL = 3;

    @TempDir
    Path dir;

    @Test
    void aKilledLocalRunIsResumed() throws Exception {
        resumeAfterKill(List.of("--master", "local[2]", "--resume"));
    }

    @Test
    void aKilledRunOnAStandaloneClusterIsResumed() throws Exception {
        String sparkJars = Files.readString(TARGET.resolve("spark-classpath.txt")).trim();
        Path home = StandaloneCluster.sparkHome(dir, sparkJars);
        try (StandaloneCluster cluster = StandaloneCluster.start(dir, home, home.resolve("jars") + "/*", 17287,
                18290, 1)) {
            resumeAfterKill(List.of("--master", cluster.url(), "--spark-conf", "spark.driver.host=127.0.0.1",
                    "--spark-conf", "spark.executor.memory=512m", "--spark-conf", "spark.executor.extraClassPath=",
                    "--spark-conf", "spark.flashj.resume=true"));
        }
    }

    private void resumeAfterKill(List<String> sparkOptions) throws Exception {
        Path[] mates = TestData.artPairs(dir, "HS25", 150, 200, 250, 25, 11);
        List<String> flashArgs = List.of("-M", "150", "-z", mates[0].toString(), mates[1].toString());
        Path oracleDir = Files.createDirectories(dir.resolve("oracle"));
        List<String> oracleArgs = new ArrayList<>(List.of("-d", oracleDir.toString()));
        oracleArgs.addAll(flashArgs);
        Oracle.Run want = Oracle.flash(oracleDir, oracleArgs);

        Path merged = dir.resolve("merged");
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/flashj-spark").toString()));
        command.addAll(sparkOptions);
        command.addAll(List.of("--spark-conf", "spark.flashj.pairsPerChunk=200", "-d", merged.toString()));
        command.addAll(flashArgs);

        Process first = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("first.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (committed(merged) < COMMITTED_BEFORE_KILL && first.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(first.isAlive(), "the run was still going when it was to be killed: "
                    + Files.readString(dir.resolve("first.log")));
        } finally {
            // bin/flashj-spark execs the driver's JVM: this is SIGKILL to the driver.
            first.destroyForcibly();
            first.waitFor();
        }
        int committedBefore = committed(merged);
        assertTrue(committedBefore >= COMMITTED_BEFORE_KILL, "chunks committed before the kill: " + committedBefore);

        Oracle.Run got = Oracle.exec(dir, command, null);
        assertEquals(0, got.status(), got.stderr());
        Matcher m = RESUMED.matcher(got.stderr());
        assertTrue(m.find(), "the rerun resumed: " + got.stderr());
        int reused = Integer.parseInt(m.group(1));
        int total = Integer.parseInt(m.group(2));
        assertTrue(reused >= committedBefore, reused + " chunks reused, " + committedBefore + " were committed");
        assertTrue(reused < total, "some chunks were left to merge");
        assertTrue(got.stderr().contains("Merged ") && got.stderr().contains(" in " + m.group(3) + " tasks"),
                "only the missing chunks ran: " + got.stderr());
        OutputComparison.assertSameFacts(want.stdoutText(), got.stdoutText(), "a resumed bin/flashj-spark");
        OutputComparison.assertSameFiles(oracleDir, merged, "a resumed bin/flashj-spark");
        assertEquals(OutputComparison.names(merged), OutputComparison.everything(merged), "nothing else is left");
    }

    /** The chunks committed in the work directory under {@code output}, if any. */
    private static int committed(Path output) throws IOException {
        if (!Files.isDirectory(output)) {
            return 0;
        }
        int n = 0;
        try (Stream<Path> entries = Files.list(output)) {
            for (Path work : entries.filter(p -> p.getFileName().toString().startsWith(".flashj-")).toList()) {
                Path parts = work.resolve("parts");
                if (Files.isDirectory(parts)) {
                    try (Stream<Path> files = Files.list(parts)) {
                        n += (int) files.filter(p -> p.getFileName().toString().endsWith(".tally")).count();
                    } catch (IOException e) {
                        // The run removed its directory meanwhile.
                    }
                }
            }
        } catch (IOException e) {
            return n;
        }
        return n;
    }
}
