package io.github.flashj.io.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.FlashJob;
import io.github.flashj.PairSource;
import io.github.flashj.batch.PairBatch;
import io.github.flashj.io.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output files take their final names only when the run succeeds; a failed run removes only its own. */
class AtomicOutputTest {
    private static final List<String> FINAL = List.of("out.extendedFrags.fastq", "out.hist", "out.histogram",
            "out.notCombined_1.fastq", "out.notCombined_2.fastq");

    @TempDir
    Path dir;

    /** Pairs in batches; after the first batch it waits for {@code go}, then ends or fails. */
    private static final class GatedSource implements PairSource {
        final CountDownLatch firstBatchRead = new CountDownLatch(1);
        final CountDownLatch go = new CountDownLatch(1);
        private final boolean fail;
        private int batches;

        GatedSource(boolean fail) {
            this.fail = fail;
        }

        @Override
        public boolean fill(PairBatch batch) throws IOException {
            if (batches++ == 1) {
                firstBatchRead.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                if (fail) {
                    throw new IOException("the input went away");
                }
                return false;
            }
            byte[] tag = ("pair" + batches).getBytes(StandardCharsets.ISO_8859_1);
            byte[] seq = "ACGTACGTACGTACGTACGTACGTACGTAC".getBytes(StandardCharsets.ISO_8859_1);
            byte[] qual = "IIIIIIIIIIIIIIIIIIIIIIIIIIIIII".getBytes(StandardCharsets.ISO_8859_1);
            while (!batch.isFull()) {
                batch.appendRead(tag, 0, tag.length, seq, 0, qual, 0, seq.length);
                batch.appendRead(tag, 0, tag.length, seq, 0, qual, 0, seq.length);
            }
            return true;
        }

        @Override
        public void close() {
        }
    }

    private CompletableFuture<Void> start(GatedSource source, Path out) {
        return start(source, TestData.output(out));
    }

    private CompletableFuture<Void> start(GatedSource source, FlashOutput.Builder output) {
        return CompletableFuture.runAsync(() -> {
            try {
                // As the command does: the files are created (and earlier ones removed) before reading.
                FlashOutput sink = output.build();
                sink.open();
                FlashJob.builder().source(source).sink(sink).batchSize(100).workers(2).build().run();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void filesAreTemporaryUntilTheRunSucceeds() throws Exception {
        runCheckingOnlyTemporaryNamesMeanwhile();
        assertEquals(FINAL, TestData.files(dir));
    }

    @Test
    void anEarlierRunsFilesLeaveTheFinalNamesAtTheStart_andAreGoneAtTheEnd() throws Exception {
        for (String name : FINAL) {
            Files.writeString(dir.resolve(name), "from an earlier run\n");
        }
        runCheckingOnlyTemporaryNamesMeanwhile();
        assertEquals(FINAL, TestData.files(dir), "this run's files, and nothing of the earlier run's");
        for (String name : FINAL) {
            assertTrue(!Files.readString(dir.resolve(name)).contains("earlier run"), name);
        }
    }

    @Test
    void aFailedRunLeavesNoOutputAtAll() throws Exception {
        for (String name : FINAL) {
            Files.writeString(dir.resolve(name), "from an earlier run\n");
        }
        Files.writeString(dir.resolve("unrelated.txt"), "not FlashJ's\n");
        GatedSource failing = new GatedSource(true);
        CompletableFuture<Void> run = start(failing, dir);
        assertTrue(failing.firstBatchRead.await(30, TimeUnit.SECONDS));
        failing.go.countDown();
        assertThrows(Exception.class, () -> run.get(30, TimeUnit.SECONDS));
        assertEquals(List.of("unrelated.txt"), TestData.files(dir),
                "no temporary file, and no earlier run's file that would pass for this run's");
    }

    @Test
    void aRunThatFailsLeavesAnotherRunOnTheSameNamesAlone() throws Exception {
        GatedSource succeeding = new GatedSource(false);
        GatedSource failing = new GatedSource(true);
        CompletableFuture<Void> good = start(succeeding, dir);
        CompletableFuture<Void> bad = start(failing, dir);
        assertTrue(succeeding.firstBatchRead.await(30, TimeUnit.SECONDS));
        assertTrue(failing.firstBatchRead.await(30, TimeUnit.SECONDS));
        failing.go.countDown();
        assertThrows(Exception.class, () -> bad.get(30, TimeUnit.SECONDS));
        succeeding.go.countDown();
        good.get(30, TimeUnit.SECONDS);
        assertEquals(FINAL, TestData.files(dir));
        assertTrue(Files.size(dir.resolve("out.extendedFrags.fastq")) > 0, "the successful run's files are whole");
    }

    @Test
    void aFinalNameThatBecomesADirectoryMidRunFailsTheRunBeforeAnyFileIsPublished() throws Exception {
        GatedSource source = new GatedSource(false);
        CompletableFuture<Void> run = start(source, dir);
        assertTrue(source.firstBatchRead.await(30, TimeUnit.SECONDS));
        Files.createDirectory(dir.resolve("out.hist"));
        source.go.countDown();
        Exception e = assertThrows(Exception.class, () -> run.get(30, TimeUnit.SECONDS));
        assertTrue(String.valueOf(e.getMessage()).contains("out.hist") && e.getMessage().contains("Is a directory"),
                String.valueOf(e.getMessage()));
        assertEquals(List.of(), TestData.files(dir), "no file under a final name, no temporary file");
        assertTrue(Files.isDirectory(dir.resolve("out.hist")));
    }

    @Test
    void anEmptyDirectoryUnderAFinalNameFailsTheRunAtTheStart() throws Exception {
        for (String name : List.of("out.hist", "out.extendedFrags.fastq")) {
            Path other = Files.createDirectories(dir.resolve(name.replace('.', '-')));
            Files.createDirectory(other.resolve(name));
            FlashOutput sink = TestData.output(other).build();
            OutputFileException e = assertThrows(OutputFileException.class, sink::open);
            assertEquals(List.of(OutputFileException.Operation.OPEN, other.resolve(name).toString(), "Is a directory"),
                    List.of(e.operation(), e.path(), e.reason()));
            assertTrue(Files.isDirectory(other.resolve(name)), "the directory is left as it was");
            assertEquals(List.of(name), entries(other), "nothing else is made");
        }
    }

    @Test
    void aPrefixAsLongAsTheFileSystemAllowsWorks() throws Exception {
        // "PREFIX.notCombined_1.fastq" is 255 characters, the longest name most file systems take.
        String prefix = "p".repeat(255 - ".notCombined_1.fastq".length());
        GatedSource source = new GatedSource(false);
        CompletableFuture<Void> run = start(source, TestData.output(dir).prefix(prefix));
        assertTrue(source.firstBatchRead.await(30, TimeUnit.SECONDS));
        source.go.countDown();
        run.get(30, TimeUnit.SECONDS);
        assertEquals(5, TestData.files(dir).size(), TestData.files(dir).toString());
        assertTrue(Files.size(dir.resolve(prefix + ".extendedFrags.fastq")) > 0);
    }

    /** Runs to success, checking while the run is held after its first batch that only temporary names exist. */
    private void runCheckingOnlyTemporaryNamesMeanwhile() throws Exception {
        GatedSource source = new GatedSource(false);
        CompletableFuture<Void> run = start(source, dir);
        assertTrue(source.firstBatchRead.await(30, TimeUnit.SECONDS));
        assertOnlyTemporaryNames();
        source.go.countDown();
        run.get(30, TimeUnit.SECONDS);
    }

    /** Every name in {@code directory}: files, directories, hidden ones. */
    static List<String> entries(Path directory) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(directory)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void assertOnlyTemporaryNames() throws IOException {
        for (String name : TestData.files(dir)) {
            assertTrue(name.matches("\\.flashj-[a-z2-7]{20}(-[0-9]+\\.tmp|\\.lock)"),
                    "only temporary names and the run's lock while running: " + name);
        }
    }
}
