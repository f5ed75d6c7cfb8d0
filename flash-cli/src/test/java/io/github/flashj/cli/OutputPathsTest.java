package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the command's files go: {@code --report} and {@code --json} checked at the start and
 * written in place to special files, runs that share an output directory across PID namespaces,
 * the leftovers of a killed run, and odd output directories, against FLASH where it has a say.
 */
class OutputPathsTest {
    private static final List<String> OUTPUTS = List.of("out.extendedFrags.fastq", "out.hist", "out.histogram",
            "out.notCombined_1.fastq", "out.notCombined_2.fastq");

    @TempDir
    Path dir;

    private Path[] mates;

    @BeforeEach
    void inputs() throws IOException {
        mates = TestData.randomPairs(dir, 300, 7);
    }

    private Oracle.Run flashj(Path out, String... options) {
        List<String> args = new ArrayList<>(List.of("-d", out.toString()));
        args.addAll(Arrays.asList(options));
        args.addAll(List.of(mates[0].toString(), mates[1].toString()));
        return CliRunner.flashj(args);
    }

    @Test
    void aReportThroughALinkToADeviceIsWrittenThere_andItsFailureKeepsTheMergedReads() throws Exception {
        Path full = Files.createSymbolicLink(dir.resolve("full.html"), Path.of("/dev/full"));
        Path out = dir.resolve("out");
        Oracle.Run run = flashj(out, "--report=" + full);
        assertEquals(1, run.status(), "the report could not be written");
        assertTrue(run.stderr().contains("[FLASH] ERROR: Failed to write \"" + full + "\": No space left on device"),
                run.stderr());
        assertTrue(Files.isSymbolicLink(full), "the link is left as it was");
        assertEquals(OUTPUTS, names(out), "the merged reads are kept");
    }

    @Test
    void aJsonToAFifoIsWrittenIntoIt() throws Exception {
        Path fifo = dir.resolve("figures.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        Oracle.Run run = flashj(dir.resolve("out"), "--json=" + fifo);
        assertEquals(0, run.status(), run.stderr());
        assertTrue(read.get(30, TimeUnit.SECONDS).contains("\"combined_pairs\""));
        assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(fifo), "still a FIFO");
    }

    @Test
    void aReportInADirectoryThatDoesNotExistFailsTheRunAtTheStart() throws Exception {
        Path report = dir.resolve("missing").resolve("r.html");
        Path out = dir.resolve("out");
        Oracle.Run run = flashj(out, "--report=" + report);
        assertEquals(1, run.status());
        assertTrue(run.stderr().contains("[FLASH] ERROR: Failed to open \"" + report
                + "\" for writing: No such file or directory"), run.stderr());
        assertFalse(run.stdoutText().contains("Read combination statistics"), "before the merge");
        assertEquals(List.of(), names(out));
    }

    @Test
    void aReportOrJsonThatNamesAnOutputOfTheRunIsRefused() throws Exception {
        Path out = dir.resolve("out");
        for (String option : List.of("--report=" + out.resolve("out.hist"),
                "--json=" + dir.resolve("out/../out/out.extendedFrags.fastq"))) {
            Oracle.Run run = flashj(out, option);
            assertEquals(1, run.status(), option);
            assertTrue(run.stderr().contains("is an output file of the run"), run.stderr());
            assertFalse(run.stdoutText().contains("Read combination statistics"), "refused at the start");
        }
    }

    @Test
    void anOutputDirectoryThatIsALinkToNothingFailsAsInFlash() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("d"), dir.resolve("nowhere"));
        List<String> args = List.of("-d", link.toString(), mates[0].toString(), mates[1].toString());
        Oracle.Run flash = Oracle.flash(dir, args);
        Oracle.Run flashj = CliRunner.flashj(args);
        assertEquals(flash.status(), flashj.status());
        assertEquals(errorLine(flash.stderr()), errorLine(flashj.stderr()));
        assertFalse(Files.exists(dir.resolve("nowhere")));
    }

    private static String errorLine(String stderr) {
        return stderr.lines().filter(l -> l.startsWith("[FLASH] ERROR:")).findFirst().orElse(stderr);
    }

    /**
     * Two runs into one directory, each in a PID namespace of its own where it is PID 1 (as in two
     * containers on a shared volume), held in the middle of their input together: each file ends up
     * whole, as one run or the other wrote it, and each run ends well.
     */
    @Test
    void runsInSeparatePidNamespacesKeepTheirFilesApart() throws Exception {
        assumeTrue(unshareWorks(), "assumes `unshare --pid --fork` may run here (root, or user namespaces allowed);"
                + " StagedFilesTest proves the names unique and created exclusively without it");
        Path[][] inputs = {TestData.randomPairs(dir, 20_000, 11), TestData.randomPairs(dir, 20_000, 12)};
        List<Path> fresh = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Path d = dir.resolve("fresh" + r);
            Oracle.Run run = CliRunner.flashj(List.of("-d", d.toString(), inputs[r][0].toString(),
                    inputs[r][1].toString()));
            assertEquals(0, run.status(), run.stderr());
            fresh.add(d);
        }
        Path shared = Files.createDirectory(dir.resolve("shared"));
        CountDownLatch release = new CountDownLatch(1);
        List<Process> runs = new ArrayList<>();
        List<HeldInput> held = new ArrayList<>();
        try {
            for (int r = 0; r < 2; r++) {
                HeldInput in = new HeldInput(dir, "run" + r, inputs[r], release);
                held.add(in);
                List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--fork"));
                command.addAll(flashjCommand(shared, in.fifos));
                runs.add(new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("run" + r + ".log").toFile()).start());
            }
            for (HeldInput in : held) {
                assertTrue(in.halfRead.await(60, TimeUnit.SECONDS), "the run reads its input");
            }
            release.countDown();
            for (int r = 0; r < 2; r++) {
                assertTrue(runs.get(r).waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, runs.get(r).exitValue(), Files.readString(dir.resolve("run" + r + ".log")));
            }
        } finally {
            release.countDown();
            runs.forEach(Process::destroyForcibly);
        }
        assertEquals(OUTPUTS, names(shared), "no temporary file or lock is left");
        for (String name : OUTPUTS) {
            byte[] got = Files.readAllBytes(shared.resolve(name));
            assertTrue(Arrays.equals(got, Files.readAllBytes(fresh.get(0).resolve(name)))
                    || Arrays.equals(got, Files.readAllBytes(fresh.get(1).resolve(name))),
                    name + " is one run's file, whole");
        }
    }

    /** A run killed outright leaves its files; the next run in the directory removes them and says so. */
    @Test
    void theFilesOfAKilledRunAreRemovedByTheNextRun() throws Exception {
        Path out = Files.createDirectory(dir.resolve("out"));
        CountDownLatch release = new CountDownLatch(1);
        HeldInput in = new HeldInput(dir, "killed", TestData.randomPairs(dir, 20_000, 13), release);
        Process killed = new ProcessBuilder(flashjCommand(out, in.fifos)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertTrue(in.halfRead.await(60, TimeUnit.SECONDS), "the run reads its input");
            killed.destroyForcibly();
            assertTrue(killed.waitFor(60, TimeUnit.SECONDS));
        } finally {
            release.countDown();
            killed.destroyForcibly();
        }
        List<String> left = names(out);
        assertTrue(left.stream().anyMatch(n -> n.endsWith(".tmp")) && left.stream().anyMatch(n -> n.endsWith(".lock")),
                left.toString());

        Process next = new ProcessBuilder(flashjCommand(out, mates)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("next.log").toFile()).start();
        assertTrue(next.waitFor(60, TimeUnit.SECONDS));
        String log = Files.readString(dir.resolve("next.log"));
        assertEquals(0, next.exitValue(), log);
        assertTrue(log.contains("left in " + out + " by a run that did not end"), log);
        assertEquals(OUTPUTS, names(out));
    }

    private static boolean unshareWorks() {
        try {
            Process p = new ProcessBuilder("unshare", "--pid", "--fork", "true").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The command in a JVM of its own, writing into {@code out}, with small batches. */
    private static List<String> flashjCommand(Path out, Path[] inputs) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-XX:-UsePerfData", FlashCli.class.getName(), "-t", "2",
                "--batch-size", "64", "-d", out.toString(), inputs[0].toString(), inputs[1].toString());
    }

    /** Mate files through named pipes: the first half of each at once, the rest when released. */
    private static final class HeldInput {
        final Path[] fifos;
        final CountDownLatch halfRead = new CountDownLatch(2);

        HeldInput(Path dir, String name, Path[] files, CountDownLatch release) throws Exception {
            fifos = new Path[] {dir.resolve(name + "_1.fifo"), dir.resolve(name + "_2.fifo")};
            assertEquals(0, new ProcessBuilder("mkfifo", fifos[0].toString(), fifos[1].toString()).start().waitFor());
            for (int m = 0; m < 2; m++) {
                Path fifo = fifos[m];
                Path file = files[m];
                Thread t = new Thread(() -> {
                    try (OutputStream w = Files.newOutputStream(fifo)) {
                        byte[] data = Files.readAllBytes(file);
                        w.write(data, 0, data.length / 2);
                        w.flush();
                        halfRead.countDown();
                        release.await();
                        w.write(data, data.length / 2, data.length - data.length / 2);
                    } catch (IOException | InterruptedException stopped) {
                        // The run was killed: what is checked is what it left.
                    }
                }, "feed-" + fifo.getFileName());
                t.setDaemon(true);
                t.start();
            }
        }
    }

    /** Every name in {@code directory}, hidden ones too; none when it does not exist. */
    private static List<String> names(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(directory)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
