package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress line in a real terminal: {@code bin/flashj} runs in a tmux pane, which the test
 * reads as the run goes. The line shows the percent of the input read, the time left, pairs done
 * and pairs per second, and is gone when the run ends; with standard error in a file there is no
 * progress line at all.
 */
class TerminalProgressIT {
    private static final Pattern LIVE = Pattern.compile(
            "Merging +\\d+% .*MB \\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\) [\\d,]+ pairs, [\\d,]+ pairs/s");
    private static final Path ROOT = Path.of(System.getProperty("flashj.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aLiveLineOnATerminalThatIsGoneAtTheEnd() throws Exception {
        Assumptions.assumeTrue(Oracle.onPath("tmux") != null || Boolean.getBoolean("flashj.requireOracle"),
                "tmux is not installed");
        Path[] mates = {big(1), big(2)};
        String session = "flashj-progress-" + ProcessHandle.current().pid();
        String command = "cd '" + dir + "' && '" + ROOT.resolve("bin/flashj") + "' -t 1 -M 150 -d out '" + mates[0]
                + "' '" + mates[1] + "'; echo FLASHJ-EXIT=$?; sleep 600";
        run("tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "40", command);
        List<String> live = new ArrayList<>();
        String pane = "";
        try {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!pane.contains("FLASHJ-EXIT=") && System.nanoTime() < deadline) {
                pane = run("tmux", "capture-pane", "-p", "-t", session);
                for (String line : pane.split("\n")) {
                    if (LIVE.matcher(line).find()) {
                        live.add(line);
                    }
                }
                Thread.sleep(50);
            }
        } finally {
            run("tmux", "kill-session", "-t", session);
        }
        assertTrue(pane.contains("FLASHJ-EXIT=0"), pane);
        assertTrue(pane.contains("[FLASH] FLASH v1.2.11 complete!"), pane);
        assertFalse(live.isEmpty(), "a progress line was seen while the run went on:\n" + pane);
        for (String line : pane.split("\n")) {
            assertFalse(line.contains("Merging "), "the progress line is gone at the end: " + line);
        }

        Process toFile = new ProcessBuilder(ROOT.resolve("bin/flashj").toString(), "-M", "150", "-d",
                dir.resolve("out2").toString(), mates[0].toString(), mates[1].toString())
                .redirectError(dir.resolve("stderr.txt").toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertEquals(0, toFile.waitFor());
        assertFalse(Files.readString(dir.resolve("stderr.txt")).contains("Merging"));
    }

    /** The example pairs 300 times over (about 730,000 pairs), so that the run lasts a few seconds. */
    private Path big(int mate) throws Exception {
        byte[] one;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(
                ROOT.resolve("examples/data/lambda_" + mate + ".fastq.gz")))) {
            one = in.readAllBytes();
        }
        Path file = dir.resolve("big_" + mate + ".fq");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int k = 0; k < 300; k++) {
                out.write(one);
            }
        }
        return file;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return output;
    }
}
