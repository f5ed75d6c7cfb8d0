package io.github.flashj.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.JobStatistics;
import io.github.flashj.cli.OutputComparison;
import io.github.flashj.cli.TestData;
import io.github.flashj.io.output.OutputCompression;
import io.github.flashj.spark.exec.ChunkTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resumable job that fails keeps its work directory, and a rerun with resume merges only the
 * chunks it did not commit, with the same bytes and counts as a run that never failed; a rerun
 * whose input changed, or whose record is damaged, starts over.
 */
class SparkResumeTest {
    /** Chunks whose tasks ran, per test run: the observer acts on the executor, here this JVM. */
    static final Set<Integer> RAN = ConcurrentHashMap.newKeySet();

    @TempDir
    static Path data;
    static SparkSession spark;
    static Path[] art;
    static Path wholeDir;
    static JobStatistics whole;

    @BeforeAll
    static void start() throws Exception {
        art = TestData.artPairs(data, "HS25", 150, 20, 250, 25, 5);
        spark = SparkSession.builder().master("local[2]").appName("SparkResumeTest")
                .config("spark.ui.enabled", "false").getOrCreate();
        wholeDir = Files.createTempDirectory(data, "whole");
        whole = run(wholeDir, art, null, false);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** Notes each chunk that runs, and fails every attempt of chunk {@code failing} (none when -1). */
    record Watch(int failing) implements ChunkTask.BatchObserver {
        @Override
        public void batchWritten(int chunk, long batch) {
            RAN.add(chunk);
            if (chunk == failing) {
                throw new IllegalStateException("injected failure of chunk " + chunk);
            }
        }
    }

    @Test
    void aResumedRunMergesOnlyTheChunksThatWereNotCommitted() throws Exception {
        Path dir = Files.createTempDirectory(data, "resumed");
        RAN.clear();
        assertThrows(Exception.class, () -> run(dir, art, new Watch(5), true));
        Path work = workDirectory(dir);
        List<Integer> committed = committedChunks(work);
        assertFalse(committed.contains(5), "the failed chunk committed nothing");
        assertFalse(committed.isEmpty(), "chunks were committed before the failure");

        RAN.clear();
        JobStatistics resumed = run(dir, art, new Watch(-1), true);
        for (int chunk : committed) {
            assertFalse(RAN.contains(chunk), "committed chunk " + chunk + " ran again");
        }
        assertTrue(RAN.contains(5));
        assertEquals(whole.pairs(), resumed.pairs());
        assertEquals(whole.combinedInnie(), resumed.combinedInnie());
        assertArrayEquals(whole.histogram(), resumed.histogram());
        OutputComparison.assertSameFiles(wholeDir, dir, "a resumed run against an uninterrupted one");
        assertFalse(Files.exists(work), "a finished run removes its work directory");
    }

    /**
     * A resumable run keeps each plain gzip input's index in its work directory (one directory per
     * input: their file names may be the same), and the rerun that takes the directory over reuses
     * it rather than index the input again.
     */
    @Test
    void aResumedGzipRunReusesTheIndexesItKept() throws Exception {
        Path first = Files.createDirectories(data.resolve("gzip-first"));
        Path second = Files.createDirectories(data.resolve("gzip-second"));
        Path[] mates = {TestData.gzip(art[0], first.resolve("reads.fq.gz")),
            TestData.gzip(art[1], second.resolve("reads.fq.gz"))};
        Path dir = Files.createTempDirectory(data, "gzip-resumed");
        try (CapturedLog captured = new CapturedLog("flashj-resume-test")) {
            List<String> log = captured.messages();
            RAN.clear();
            assertThrows(Exception.class, () -> run(dir, mates, new Watch(5), true));
            Path work = workDirectory(dir);
            for (int f = 0; f < 2; f++) {
                assertTrue(Files.size(work.resolve("gzip-index").resolve(Integer.toString(f))
                        .resolve("reads.fq.gz.gzidx")) > 0, "index of input " + f + " kept");
            }
            assertEquals(2, log.stream().filter(l -> l.contains("is gzip: indexed by")).count(), "indexed: " + log);

            log.clear();
            RAN.clear();
            JobStatistics resumed = run(dir, mates, new Watch(-1), true);
            assertEquals(2, log.stream().filter(l -> l.contains("is gzip: its index") && l.contains("belongs to it"))
                    .count(), "both indexes reused: " + log);
            assertTrue(log.stream().noneMatch(l -> l.contains("indexed by") || l.contains("does not belong")),
                    "nothing indexed again: " + log);
            assertTrue(RAN.contains(5));
            assertEquals(whole.pairs(), resumed.pairs());
            assertArrayEquals(whole.histogram(), resumed.histogram());
            OutputComparison.assertSameFiles(wholeDir, dir, "a resumed gzip run against an uninterrupted one");
            assertFalse(Files.exists(work), "a finished run removes its work directory");
        }
    }

    @Test
    void aChangedInputMakesTheRerunStartOver() throws Exception {
        Path dir = Files.createTempDirectory(data, "changed");
        Path copy = Files.createDirectories(data.resolve("changed-inputs"));
        Path[] mates = {copy.resolve("r1.fq"), copy.resolve("r2.fq")};
        Files.copy(art[0], mates[0]);
        Files.copy(art[1], mates[1]);
        RAN.clear();
        assertThrows(Exception.class, () -> run(dir, mates, new Watch(5), true));
        // Appending a pair to both mates: the record's fingerprints no longer match.
        List<String> r1 = Files.readAllLines(art[0]).subList(0, 4);
        List<String> r2 = Files.readAllLines(art[1]).subList(0, 4);
        Files.write(mates[0], r1, StandardOpenOption.APPEND);
        Files.write(mates[1], r2, StandardOpenOption.APPEND);

        RAN.clear();
        JobStatistics rerun = run(dir, mates, new Watch(-1), true);
        assertTrue(RAN.contains(0), "the rerun merged every chunk again");
        assertEquals(whole.pairs() + 1, rerun.pairs());
    }

    @Test
    void aDamagedRecordIsNotTrusted() throws Exception {
        Path dir = Files.createTempDirectory(data, "damaged");
        RAN.clear();
        assertThrows(Exception.class, () -> run(dir, art, new Watch(5), true));
        Path record = workDirectory(dir).resolve("run.record");
        byte[] bytes = Files.readAllBytes(record);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(record, bytes);

        RAN.clear();
        run(dir, art, new Watch(-1), true);
        assertTrue(RAN.contains(0), "the rerun merged every chunk again");
        OutputComparison.assertSameFiles(wholeDir, dir, "a run that started over");
    }

    @Test
    void aRunWithoutResumeRemovesAStoppedRunsWorkDirectory() throws Exception {
        Path dir = Files.createTempDirectory(data, "noresume");
        assertThrows(Exception.class, () -> run(dir, art, new Watch(5), true));
        Path work = workDirectory(dir);
        run(dir, art, null, false);
        assertFalse(Files.exists(work));
        OutputComparison.assertSameFiles(wholeDir, dir, "a run without resume");
    }

    private static JobStatistics run(Path dir, Path[] mates, ChunkTask.BatchObserver observer, boolean resume)
            throws IOException {
        return FlashSpark.builder(spark).inputs(mates[0].toString(), mates[1].toString())
                .output(dir.toString(), "out").compression(OutputCompression.gzip()).pairsPerChunk(300)
                .rangeBytes(1 << 16).batchObserver(observer).resume(resume).build().run();
    }

    private static Path workDirectory(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> work = entries.filter(p -> p.getFileName().toString().startsWith(".flashj-")).toList();
            assertEquals(1, work.size(), "one work directory kept: " + work);
            return work.get(0);
        }
    }

    private static List<Integer> committedChunks(Path work) throws IOException {
        try (Stream<Path> parts = Files.list(work.resolve("parts"))) {
            return parts.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tally"))
                    .map(n -> Integer.parseInt(n.substring("chunk-".length(), n.indexOf('.')))).sorted().toList();
        }
    }
}
