package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SIGTERM, SIGINT and SIGHUP in the middle of a run: the command (its own JVM, reading mate files
 * from named pipes that the test holds open) exits with the shell's status for the signal, and no
 * output file is left, under a final name or a temporary one; with {@code -z} too.
 */
class SignalTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {2}")
    @CsvSource({"TERM, 143, ''", "INT, 130, ''", "HUP, 129, ''", "TERM, 143, -z"})
    void aSignalLeavesNoOutput(String signal, int status, String options) throws Exception {
        // Under nohup the command inherits SIGHUP ignored, and the JVM then leaves it ignored, as
        // nohup asks: the run goes on, which is right, and there is nothing to test.
        assumeFalse(signal.equals("HUP") && ignoredHere(1), "SIGHUP is ignored by this process (nohup)");
        Path[] mates = TestData.artPairs(dir, "HS25", 150, 20, 250, 25, 21);
        Path fifo1 = dir.resolve("r1.fifo");
        Path fifo2 = dir.resolve("r2.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo1.toString(), fifo2.toString()).start().waitFor());
        Path out = dir.resolve("out-" + signal + options);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), FlashCli.class.getName(), "-t", "2",
                "--batch-size", "64", "-d", out.toString()));
        if (!options.isEmpty()) {
            command.add(options);
        }
        command.addAll(List.of(fifo1.toString(), fifo2.toString()));
        Process flashj = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // Half of each file from a thread of its own (the command reads the two in turn), then the
        // pipes stay open: the run is in the middle of its input until the signal comes.
        CountDownLatch release = new CountDownLatch(1);
        Thread writer1 = feed(fifo1, mates[0], release);
        Thread writer2 = feed(fifo2, mates[1], release);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (files(out).stream().noneMatch(n -> n.endsWith(".tmp"))) {
                assertTrue(System.nanoTime() < deadline, "the run did not start writing");
                Thread.sleep(50);
            }
            assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(flashj.pid())).start().waitFor());
            assertTrue(flashj.waitFor(60, TimeUnit.SECONDS), "the run stopped");
        } finally {
            release.countDown();
            flashj.destroyForcibly();
            writer1.join(10_000);
            writer2.join(10_000);
        }
        assertEquals(status, flashj.exitValue(), "exit status for SIG" + signal);
        assertEquals(List.of(), files(out), "no output is left");
    }

    /** Whether this process ignores signal {@code number}, as its children then do (Linux's status file). */
    private static boolean ignoredHere(int number) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) >>> (number - 1) & 1) != 0;
            }
        }
        return false;
    }

    /** Writes the first half of {@code file} into {@code fifo}, and holds it open until {@code release}. */
    private static Thread feed(Path fifo, Path file, CountDownLatch release) {
        Thread t = new Thread(() -> {
            try (OutputStream w = Files.newOutputStream(fifo)) {
                byte[] data = Files.readAllBytes(file);
                w.write(data, 0, data.length / 2);
                w.flush();
                release.await();
            } catch (IOException | InterruptedException ignored) {
                // The run stopped reading: what is checked is its status and its files.
            }
        }, "feed-" + fifo.getFileName());
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
