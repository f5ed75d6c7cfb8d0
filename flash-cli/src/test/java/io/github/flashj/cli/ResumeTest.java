package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --resume}: the command, in a JVM of its own that records a checkpoint every few
 * milliseconds, is killed ({@code kill -9}) at seeded points after its first checkpoint (during a
 * journal write, right after a rename, between two), then resumed with another {@code -t}; its
 * files are those of a run that never stopped, byte for byte. A resume that cannot be trusted (a
 * damaged journal, a changed input, other parameters, standard input) is refused with a message,
 * and a run without {@code --resume} starts afresh.
 */
class ResumeTest {
    /** How often the command records a checkpoint here: many checkpoints in a run of a second. */
    private static final String CHECKPOINT_MILLIS = "5";

    @TempDir
    static Path data;
    private static Path[] mates;
    private static Path[] gzipped;

    @TempDir
    Path dir;

    @BeforeAll
    static void input() throws Exception {
        // About 160,000 pairs of 2x150: a run on one thread lasts about a second.
        mates = TestData.artPairs(data, "HS25", 150, 1000, 250, 25, 7);
        gzipped = new Path[] {TestData.gzip(mates[0], data.resolve("r1.fq.gz")),
            TestData.gzip(mates[1], data.resolve("r2.fq.gz"))};
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"plain, '', false, 4", "gzip, -z, false, 3", "lz4, --compress-format=lz4, false, 2",
        // A Zstandard file is cut only every 64 batches: smaller batches give the kills a cut to follow.
        "zstd, --compress-format=zstd --batch-size=256, false, 2",
        "interleaved output, --interleaved-output, false, 3", "outies, -O, false, 3", "gzip input, '', true, 3"})
    void aKilledRunResumesToTheSameFiles(String label, String options, boolean gzipInput, int kills) throws Exception {
        Path[] in = gzipInput ? gzipped : mates;
        List<String> opts = options.isEmpty() ? List.of() : List.of(options.split(" "));
        Path reference = dir.resolve("reference");
        Run whole = command("0", reference, opts, List.of("-t", "2"), in);
        assertEquals(0, whole.status, whole.log);
        Random random = new Random(label.hashCode());
        int resumed = 0;
        for (int k = 0; k < kills; k++) {
            Path out = dir.resolve("killed-" + k);
            killAfterCheckpoint(out, opts, in, random.nextInt(400));
            Run again = command(CHECKPOINT_MILLIS, out, opts, List.of("-t", "2", "--resume"), in);
            assertEquals(0, again.status, again.log);
            resumed += again.log.contains("[FLASH] Resumed at pair ") ? 1 : 0;
            assertSameFiles(reference, out, label + ", kill " + k);
        }
        assertTrue(resumed * 2 >= kills, resumed + " of " + kills + " runs were killed before they ended");
    }

    @Test
    void aRunStoppedBySigtermAfterACheckpointLeavesItsFilesToResume() throws Exception {
        Path reference = dir.resolve("reference");
        assertEquals(0, command("0", reference, List.of(), List.of(), mates).status);
        Path out = dir.resolve("out");
        Process p = new ProcessBuilder(javaCommand(CHECKPOINT_MILLIS, out, List.of(), List.of("-t", "1"), mates))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            while (p.isAlive() && !hasJournal(out)) {
                Thread.sleep(2);
            }
            Thread.sleep(100);
            assertTrue(p.isAlive(), "the run was still running");
            assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        assertEquals(143, p.exitValue());
        assertTrue(hasJournal(out), "the journal is left");
        Run again = command(CHECKPOINT_MILLIS, out, List.of(), List.of("--resume"), mates);
        assertEquals(0, again.status, again.log);
        assertTrue(again.log.contains("[FLASH] Resumed at pair "), again.log);
        assertSameFiles(reference, out, "resumed after SIGTERM");
    }

    @Test
    void aTruncatedJournalIsRefused() throws Exception {
        Path out = dir.resolve("out");
        killAfterCheckpoint(out, List.of(), mates, 50);
        Path journal = journal(out);
        try (RandomAccessFile f = new RandomAccessFile(journal.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        assertRefused(out, List.of(), mates, "is damaged (its length is wrong");
        startsAfreshWithoutResume(out, mates);
    }

    @Test
    void aJournalWithGarbageIsRefused() throws Exception {
        Path out = dir.resolve("out");
        killAfterCheckpoint(out, List.of(), mates, 50);
        Path journal = journal(out);
        byte[] bytes = Files.readAllBytes(journal);
        for (int k = bytes.length / 3; k < bytes.length / 2; k++) {
            bytes[k] ^= 0x5A;
        }
        Files.write(journal, bytes);
        assertRefused(out, List.of(), mates, "is damaged (its checksum is wrong)");
        startsAfreshWithoutResume(out, mates);
    }

    @Test
    void anInputAppendedToIsRefused() throws Exception {
        Path[] copies = copies();
        Path out = dir.resolve("out");
        killAfterCheckpoint(out, List.of(), copies, 50);
        Files.write(copies[1], "@extra\nACGT\n+\nIIII\n".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        assertRefused(out, List.of(), copies, "has changed since the run stopped");
    }

    @Test
    void anInputReplacedIsRefused() throws Exception {
        Path[] copies = copies();
        Path out = dir.resolve("out");
        killAfterCheckpoint(out, List.of(), copies, 50);
        // The same size and modification time, one base changed near the start.
        FileTime modified = Files.getLastModifiedTime(copies[0]);
        byte[] bytes = Files.readAllBytes(copies[0]);
        int base = bytes.length > 200 ? indexOfBase(bytes) : 0;
        bytes[base] = (byte) (bytes[base] == 'A' ? 'C' : 'A');
        Files.write(copies[0], bytes);
        Files.setLastModifiedTime(copies[0], modified);
        assertRefused(out, List.of(), copies, "has changed since the run stopped");
    }

    @Test
    void otherParametersAreRefused() throws Exception {
        Path out = dir.resolve("out");
        killAfterCheckpoint(out, List.of(), mates, 50);
        assertRefused(out, List.of("-m", "12"), mates, "its parameters differ from those of the stopped run");
        startsAfreshWithoutResume(out, mates);
    }

    @Test
    void anotherThreadCountIsAllowedAndChangesNoByte() throws Exception {
        Path reference = dir.resolve("reference");
        assertEquals(0, command("0", reference, List.of(), List.of("-t", "1"), mates).status);
        Path out = dir.resolve("out");
        killAfterCheckpoint(out, List.of(), mates, 100);
        // The same directory, named otherwise.
        Run again = command(CHECKPOINT_MILLIS, out.resolve("."), List.of(), List.of("-t", "3", "--resume"), mates);
        assertEquals(0, again.status, again.log);
        assertTrue(again.log.contains("[FLASH] Resumed at pair "), again.log);
        assertSameFiles(reference, out, "-t 3 after -t 1");
    }

    /**
     * Zstandard files are flushed after fixed batches, not when a checkpoint falls: runs with no
     * checkpoint, with one every few milliseconds and one every millisecond, on 1 to 3 threads,
     * write the same bytes.
     */
    @Test
    void zstdFilesHoldTheSameBytesWhateverTheCheckpointsAndThreads() throws Exception {
        List<String> zstd = List.of("--compress-format=zstd");
        Path reference = dir.resolve("reference");
        assertEquals(0, command("0", reference, zstd, List.of("-t", "1"), mates).status);
        String[][] runs = {{CHECKPOINT_MILLIS, "2"}, {"1", "3"}};
        for (String[] run : runs) {
            Path out = dir.resolve("checkpoints-" + run[0] + "-t" + run[1]);
            Run r = command(run[0], out, zstd, List.of("-t", run[1]), mates);
            assertEquals(0, r.status, r.log);
            for (String file : List.of("out.extendedFrags.fastq.zst", "out.notCombined_1.fastq.zst",
                    "out.notCombined_2.fastq.zst")) {
                assertArrayEquals(Files.readAllBytes(reference.resolve(file)), Files.readAllBytes(out.resolve(file)),
                        file + " with a checkpoint every " + run[0] + " ms on " + run[1] + " threads");
            }
        }
    }

    @Test
    void standardInputIsRefused() throws Exception {
        Path interleaved = TestData.interleave(data, mates, "interleaved.fq");
        Path out = dir.resolve("out");
        List<String> command = javaCommand(CHECKPOINT_MILLIS, out, List.of("--interleaved-input", "--resume"),
                List.of(), new Path[] {Path.of("-")});
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(interleaved.toFile())
                .redirectOutput(dir.resolve("stdin.log").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String log = Files.readString(dir.resolve("stdin.log"));
        assertEquals(1, p.exitValue(), log);
        assertTrue(log.contains("[FLASH] ERROR: cannot resume the run: standard input is a stream, read once"), log);
    }

    @Test
    void standardOutputIsRefused() throws Exception {
        Run r = command(CHECKPOINT_MILLIS, dir.resolve("out"), List.of("-c", "--resume"), List.of(), mates);
        assertEquals(1, r.status, r.log);
        assertTrue(r.log.contains("[FLASH] ERROR: cannot resume the run: the merged reads go to standard output"),
                r.log);
    }

    @Test
    void withNoJournalTheRunStartsFromTheBeginning() throws Exception {
        Path reference = dir.resolve("reference");
        assertEquals(0, command("0", reference, List.of(), List.of(), mates).status);
        Path out = dir.resolve("out");
        Run r = command(CHECKPOINT_MILLIS, out, List.of(), List.of("--resume"), mates);
        assertEquals(0, r.status, r.log);
        assertTrue(r.log.contains("[WARN] No journal of a stopped run of these outputs in "), r.log);
        assertSameFiles(reference, out, "no journal");
    }

    /** A run without {@code --resume} removes the stopped run's files and journal, and writes its own. */
    private void startsAfreshWithoutResume(Path out, Path[] in) throws Exception {
        Path reference = dir.resolve("reference");
        assertEquals(0, command("0", reference, List.of(), List.of(), in).status);
        Run fresh = command(CHECKPOINT_MILLIS, out, List.of(), List.of(), in);
        assertEquals(0, fresh.status, fresh.log);
        assertSameFiles(reference, out, "a fresh run after a stopped one");
    }

    private void assertRefused(Path out, List<String> options, Path[] in, String reason) throws Exception {
        List<String> resume = new ArrayList<>(options);
        resume.add("--resume");
        Run r = command(CHECKPOINT_MILLIS, out, resume, List.of(), in);
        assertEquals(1, r.status, r.log);
        assertTrue(r.log.contains("[FLASH] ERROR: cannot resume the run: "), r.log);
        assertTrue(r.log.contains(reason), r.log);
        assertTrue(Files.exists(journal(out)), "a refused resume leaves the stopped run as it was");
    }

    /** Copies of the mate files, to be changed. */
    private Path[] copies() throws IOException {
        return new Path[] {Files.copy(mates[0], dir.resolve("c1.fq")), Files.copy(mates[1], dir.resolve("c2.fq"))};
    }

    /** The first base of the second record's sequence. */
    private static int indexOfBase(byte[] b) {
        int lines = 0;
        for (int k = 0; k < b.length; k++) {
            if (b[k] == '\n' && ++lines == 5) {
                return k + 1;
            }
        }
        return 0;
    }

    /**
     * Runs the command into {@code out}, recording checkpoints, and kills it ({@code kill -9})
     * {@code delayMillis} after its first checkpoint is in place.
     */
    private void killAfterCheckpoint(Path out, List<String> options, Path[] in, int delayMillis) throws Exception {
        List<String> command = javaCommand(CHECKPOINT_MILLIS, out, options, List.of("-t", "1"), in);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (p.isAlive() && !hasJournal(out)) {
                assertTrue(System.nanoTime() < deadline, "no checkpoint was recorded");
                Thread.sleep(2);
            }
            Thread.sleep(delayMillis);
        } finally {
            p.destroyForcibly();
            p.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static boolean hasJournal(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return false;
        }
        try (Stream<Path> s = Files.list(out)) {
            return s.anyMatch(f -> f.getFileName().toString().endsWith(".journal"));
        }
    }

    private static Path journal(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".journal")).findFirst()
                    .orElseThrow(() -> new AssertionError("no journal in " + out));
        }
    }

    private static void assertSameFiles(Path expected, Path actual, String what) throws IOException {
        List<String> names = OutputComparison.names(expected);
        assertEquals(names, OutputComparison.names(actual), what + ": the files, and nothing else");
        for (String name : names) {
            // A resumed Zstandard file holds a frame more: the same content.
            assertArrayEquals(content(expected.resolve(name)), content(actual.resolve(name)), what + ": " + name);
        }
    }

    private static byte[] content(Path file) throws IOException {
        if (!file.toString().endsWith(".zst")) {
            return Files.readAllBytes(file);
        }
        try (InputStream in = new ZstdInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private record Run(int status, String log) {
    }

    private Run command(String checkpointMillis, Path out, List<String> options, List<String> more, Path[] in)
            throws Exception {
        Path log = Files.createTempFile(dir, "log", ".txt");
        Process p = new ProcessBuilder(javaCommand(checkpointMillis, out, options, more, in)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the command ended");
        return new Run(p.exitValue(), Files.readString(log));
    }

    private static List<String> javaCommand(String checkpointMillis, Path out, List<String> options,
            List<String> more, Path[] in) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CheckpointingCommand.class.getName(), checkpointMillis,
                "-d", out.toString()));
        c.addAll(options);
        c.addAll(more);
        for (Path p : in) {
            c.add(p.toString());
        }
        return c;
    }
}
