package io.github.flashj.spark;

import static io.github.flashj.cli.OutputComparison.everything;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flashj.FlashJob;
import io.github.flashj.InputFormatException;
import io.github.flashj.InvalidParameterException;
import io.github.flashj.JobStatistics;
import io.github.flashj.MergeParameters;
import io.github.flashj.cli.FlashCli;
import io.github.flashj.cli.Oracle;
import io.github.flashj.cli.OutputComparison;
import io.github.flashj.cli.TestData;
import io.github.flashj.io.input.FastqInputs;
import io.github.flashj.io.output.FlashOutput;
import io.github.flashj.io.output.OutputCompression;
import io.github.flashj.spark.exec.ChunkTask;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java API, Spark's task retry and bad input, in {@code local[2,4]} (a failed task is tried
 * up to four times).
 */
class FlashSparkTest {
    @TempDir
    static Path data;
    static SparkSession spark;
    static Path[] art;

    @BeforeAll
    static void start() throws Exception {
        art = TestData.artPairs(data, "HS25", 150, 20, 250, 25, 5);
        spark = SparkSession.builder().master("local[2,4]").appName("FlashSparkTest")
                .config("spark.ui.enabled", "false").getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void statisticsAndHistogramsEqualALocalRun() throws Exception {
        MergeParameters p = MergeParameters.builder().maxOverlap(150).allowOuties(true).build();
        Path localDir = Files.createTempDirectory(data, "local");
        JobStatistics local = FlashJob.builder().parameters(p)
                .source(FastqInputs.pairedFiles(art[0], art[1]))
                .sink(FlashOutput.builder().directory(localDir.toString()).build())
                .build().run();
        Path sparkDir = Files.createTempDirectory(data, "spark");
        JobStatistics distributed = FlashSpark.builder(spark)
                .inputs(art[0].toString(), art[1].toString())
                .parameters(p)
                .output(sparkDir.toString(), "out")
                .pairsPerChunk(250)
                .build()
                .run();
        assertEquals(local.pairs(), distributed.pairs());
        assertEquals(local.combinedInnie(), distributed.combinedInnie());
        assertEquals(local.combinedOutie(), distributed.combinedOutie());
        assertEquals(local.notCombined(), distributed.notCombined());
        assertEquals(local.overlapAboveMaxOverlap(), distributed.overlapAboveMaxOverlap());
        assertArrayEquals(local.histogram(), distributed.histogram());
        assertArrayEquals(local.innieHistogram(), distributed.innieHistogram());
        assertArrayEquals(local.outieHistogram(), distributed.outieHistogram());
        OutputComparison.assertSameFiles(localDir, sparkDir, "FlashJob against FlashSpark");
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheOutputIsExact() throws Exception {
        Path firstDir = Files.createTempDirectory(data, "plain");
        Path retriedDir = Files.createTempDirectory(data, "retried");
        JobStatistics plain = run(firstDir, null);
        TaskFailures failures = TaskFailures.listen(spark.sparkContext());
        JobStatistics retried;
        try {
            retried = run(retriedDir, FaultInjection.failFirstAttempt(3));
        } finally {
            spark.sparkContext().removeSparkListener(failures);
        }
        assertEquals(1, failures.failedTasks.get(), "the first attempt of chunk 3 failed");
        assertEquals(plain.pairs(), retried.pairs(), "no pair counted twice");
        assertArrayEquals(plain.histogram(), retried.histogram());
        OutputComparison.assertSameFiles(firstDir, retriedDir, "a retried chunk");
        assertEquals(List.of("out.extendedFrags.fastq.gz", "out.hist", "out.histogram", "out.notCombined_1.fastq.gz",
                "out.notCombined_2.fastq.gz"), everything(retriedDir), "nothing but FLASH's files is left");
    }

    private JobStatistics run(Path dir, ChunkTask.BatchObserver observer) throws Exception {
        return FlashSpark.builder(spark).inputs(art[0].toString(), art[1].toString())
                .output(dir.toString(), "out").compression(OutputCompression.gzip()).pairsPerChunk(300)
                .rangeBytes(1 << 16).batchObserver(observer).build().run();
    }

    @Test
    void badInputInOneChunkFailsWithTheLineInTheWholeFileAndLeavesNoOutput() throws Exception {
        Path[] bad = withBadQualityAt(art, 2345);
        Path out = Files.createTempDirectory(data, "bad");
        InputFormatException e = assertThrows(InputFormatException.class, () -> FlashSpark.builder(spark)
                .inputs(bad[0].toString(), bad[1].toString())
                .output(out.toString(), "out")
                .pairsPerChunk(200).rangeBytes(1 << 15).build().run());
        assertEquals(bad[1].toString(), e.source());
        assertTrue(e.getMessage().contains("line " + (4 * 2345 + 4) + ": quality length"), e.getMessage());
        assertEquals(List.of(), everything(out), "no output is left");
    }

    @Test
    void badInputGivesTheLocalCommandsMessageAndExitStatus() throws Exception {
        Path[] bad = withBadQualityAt(art, 777);
        Path[] short2 = withoutLastRecord(art);
        Path[] cut = withCutRecordAt(art, 1500);
        for (Path[] inputs : List.of(bad, short2, cut)) {
            Path localDir = Files.createTempDirectory(data, "local");
            Path sparkDir = Files.createTempDirectory(data, "spark");
            Oracle.Run local = localCli(List.of("-d", localDir.toString(), inputs[0].toString(), inputs[1].toString()));
            Oracle.Run distributed = SparkCli.flashj(spark, List.of("-d", sparkDir.toString(), inputs[0].toString(),
                    inputs[1].toString()), 200, 1 << 15);
            assertEquals(1, local.status());
            assertEquals(local.status(), distributed.status());
            assertEquals(errorLine(local.stderr()), errorLine(distributed.stderr()));
            assertEquals(List.of(), everything(sparkDir), "no output is left");
        }
    }

    @Test
    void whatASplitRunCannotWriteIsRefusedUpFront() {
        InvalidParameterException tab = assertThrows(InvalidParameterException.class, () -> FlashSpark.builder(spark)
                .inputs("a", "b").layout(FlashOutput.builder().format(FlashOutput.Format.TAB_DELIMITED).layout())
                .build());
        assertTrue(tab.getMessage().contains("tab-delimited"), tab.getMessage());
        InvalidParameterException program = assertThrows(InvalidParameterException.class, () -> FlashSpark
                .builder(spark).inputs("a", "b").compression(OutputCompression.program("gzip", "")).build());
        assertTrue(program.getMessage().contains("--compress-prog"), program.getMessage());
        assertThrows(InvalidParameterException.class, () -> FlashSpark.builder(spark).inputs("-", "b").build());
        assertThrows(InvalidParameterException.class, () -> FlashSpark.builder(spark).build());
    }

    @Test
    void aMissingInputIsNamed() throws Exception {
        Path dir = Files.createTempDirectory(data, "missing");
        Oracle.Run run = SparkCli.flashj(spark, List.of("-d", dir.toString(), data.resolve("nope_1.fq").toString(),
                art[1].toString()), 0, 0);
        assertEquals(1, run.status());
        assertTrue(run.stderr().contains("Failed to open \"" + data.resolve("nope_1.fq") + "\" for reading"),
                run.stderr());
        assertEquals(List.of(), everything(dir));
    }

    @Test
    void aFailedRunLeavesNoEarlierRunsOutputAsTheLocalCommand() throws Exception {
        Path[] bad = withBadQualityAt(art, 777);
        Path localDir = Files.createTempDirectory(data, "local");
        Path sparkDir = Files.createTempDirectory(data, "spark");
        assertEquals(0, localCli(List.of("-d", localDir.toString(), art[0].toString(), art[1].toString())).status());
        assertEquals(0, SparkCli.flashj(spark, List.of("-d", sparkDir.toString(), art[0].toString(),
                art[1].toString()), 500, 1 << 16).status());
        Oracle.Run local = localCli(List.of("-d", localDir.toString(), bad[0].toString(), bad[1].toString()));
        Oracle.Run distributed = SparkCli.flashj(spark, List.of("-d", sparkDir.toString(), bad[0].toString(),
                bad[1].toString()), 500, 1 << 16);
        assertEquals(1, local.status());
        assertEquals(local.status(), distributed.status());
        assertEquals(List.of(), everything(localDir), "bin/flashj leaves none of the earlier run's files");
        assertEquals(everything(localDir), everything(sparkDir), "nor does FlashJ on Spark");
    }

    @Test
    void aPrefixInADirectoryThatIsNotThereFailsAsTheLocalCommand() throws Exception {
        Path localDir = Files.createTempDirectory(data, "local");
        Path sparkDir = Files.createTempDirectory(data, "spark");
        Oracle.Run local = localCli(List.of("-d", localDir.toString(), "-o", "sub/x", art[0].toString(),
                art[1].toString()));
        Oracle.Run distributed = SparkCli.flashj(spark, List.of("-d", sparkDir.toString(), "-o", "sub/x",
                art[0].toString(), art[1].toString()), 500, 1 << 16);
        assertEquals(1, local.status(), local.stderr());
        assertEquals(local.status(), distributed.status(), distributed.stderr());
        assertEquals(errorLine(local.stderr()).replace(localDir.toString(), "DIR"),
                errorLine(distributed.stderr()).replace(sparkDir.toString(), "DIR"));
        assertEquals(List.of(), everything(sparkDir), "no output is left");
    }

    @Test
    void workDirectoriesOfKilledRunsAreRemovedAndLiveOnesKept() throws Exception {
        Path dir = Files.createTempDirectory(data, "stale");
        Path lockFree = workDirectory(dir);
        Files.createFile(lockFree.resolve("driver.lock"));
        Path old = workDirectory(dir);
        Path fresh = workDirectory(dir);
        Path locked = workDirectory(dir);
        Path notOurs = Files.createDirectories(dir.resolve(".flashj-notes"));
        java.nio.file.attribute.FileTime threeDaysAgo = java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - java.time.Duration.ofDays(3).toMillis());
        Files.setLastModifiedTime(old.resolve("parts"), threeDaysAgo);
        Files.setLastModifiedTime(old, threeDaysAgo);
        Files.setLastModifiedTime(notOurs, threeDaysAgo);
        try (java.nio.channels.FileChannel lock = java.nio.channels.FileChannel.open(
                locked.resolve("driver.lock"), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE)) {
            lock.lock();
            run(dir, null);
        }
        List<String> left = everything(dir).stream().filter(n -> n.startsWith(".flashj-") && !n.contains("/"))
                .toList();
        assertEquals(List.of(fresh, locked, notOurs).stream().map(p -> p.getFileName().toString()).sorted().toList(),
                left, "a work directory with a free lock, or none and three days old, is removed; others stay");
    }

    @Test
    void aFullDiskFailsTheRunInOneLineWithoutRetries() throws Exception {
        Path full = Files.createTempDirectory(data, "full");
        assumeTrue(system(List.of("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", full.toString())),
                "mounting a small tmpfs needs root");
        TaskFailures failures = TaskFailures.listen(spark.sparkContext());
        try {
            Oracle.Run run = SparkCli.flashj(spark, List.of("-d", full.toString(), art[0].toString(),
                    art[1].toString()), 500, 1 << 16);
            assertEquals(1, run.status());
            assertTrue(errorLine(run.stderr()).matches("\\[FLASH\\] ERROR: Failed to write \"" + Pattern.quote(
                    full.toString()) + "/out\\.[a-zA-Z_12]+\\.fastq\": No space left on device"), run.stderr());
            assertEquals(List.of(), everything(full), "no output is left");
        } finally {
            spark.sparkContext().removeSparkListener(failures);
            system(List.of("umount", "-l", full.toString()));
        }
        assertEquals(0, failures.failedTasks.get(), "Spark neither retried a task nor logged its stack trace");
    }

    @Test
    void aDirectoryThatTakesNoFilesIsNamedWithTheReasonAsByTheLocalCommand() throws Exception {
        Path localDir = Files.createTempDirectory(data, "local");
        Path sparkDir = Files.createTempDirectory(data, "spark");
        assumeTrue(system(List.of("chattr", "+i", localDir.toString(), sparkDir.toString())),
                "an immutable directory needs root and a file system with attributes");
        try {
            Oracle.Run local = localCli(List.of("-d", localDir.toString(), art[0].toString(), art[1].toString()));
            Oracle.Run distributed = SparkCli.flashj(spark, List.of("-d", sparkDir.toString(), art[0].toString(),
                    art[1].toString()), 500, 1 << 16);
            assertEquals(1, local.status(), local.stderr());
            assertEquals(local.status(), distributed.status(), distributed.stderr());
            assertEquals(errorLine(local.stderr()).replace(localDir.toString(), "DIR"),
                    errorLine(distributed.stderr()).replace(sparkDir.toString(), "DIR"));
        } finally {
            system(List.of("chattr", "-i", localDir.toString(), sparkDir.toString()));
        }
    }

    /** Runs a system command; whether it succeeded. */
    private static boolean system(List<String> command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static Path workDirectory(Path dir) throws Exception {
        Path work = dir.resolve(".flashj-" + java.util.UUID.randomUUID());
        Files.createDirectories(work.resolve("parts"));
        Files.write(work.resolve("parts/chunk-000000000.0"), new byte[] {'@'});
        return work;
    }

    static String errorLine(String stderr) {
        return stderr.lines().filter(l -> l.startsWith("[FLASH] ERROR")).findFirst().orElse("no error: " + stderr);
    }

    static Oracle.Run localCli(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.ISO_8859_1);
        PrintStream e = new PrintStream(err, true, StandardCharsets.ISO_8859_1);
        int status = FlashCli.run(args.toArray(String[]::new), null, o, o, e);
        return new Oracle.Run(status, out.toByteArray(), err.toString(StandardCharsets.ISO_8859_1));
    }

    /** The mates with record {@code pair} of mate 2 given a quality line one character short. */
    static Path[] withBadQualityAt(Path[] mates, int pair) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(mates[1], StandardCharsets.ISO_8859_1));
        String q = lines.get(4 * pair + 3);
        lines.set(4 * pair + 3, q.substring(1));
        Path dir = Files.createTempDirectory(data, "badq");
        Path m2 = dir.resolve("bad_2.fq");
        Files.write(m2, lines, StandardCharsets.ISO_8859_1);
        return new Path[] {mates[0], m2};
    }

    static Path[] withoutLastRecord(Path[] mates) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(mates[1], StandardCharsets.ISO_8859_1));
        Path dir = Files.createTempDirectory(data, "short");
        Path m2 = dir.resolve("short_2.fq");
        Files.write(m2, lines.subList(0, lines.size() - 4), StandardCharsets.ISO_8859_1);
        return new Path[] {mates[0], m2};
    }

    /** The mates with record {@code pair} of mate 1 missing its last two lines: no longer whole records. */
    static Path[] withCutRecordAt(Path[] mates, int pair) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(mates[0], StandardCharsets.ISO_8859_1));
        lines.remove(4 * pair + 3);
        lines.remove(4 * pair + 2);
        Path dir = Files.createTempDirectory(data, "cut");
        Path m1 = dir.resolve("cut_1.fq");
        Files.write(m1, lines, StandardCharsets.ISO_8859_1);
        return new Path[] {m1, mates[1]};
    }
}
