package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code flash} (FLASH 1.2.11), the reference every differential test compares with.
 *
 * <p>Where it is not installed the tests that need it are skipped, unless the build runs with
 * {@code -Dflashj.requireOracle=true} (as CI does), where they fail instead.
 */
public final class Oracle {
    private Oracle() {
    }

    /** The path of {@code flash}, or a skipped (or, when required, failed) test. */
    public static String require() {
        String path = onPath("flash");
        if (path == null) {
            if (Boolean.getBoolean("flashj.requireOracle")) {
                fail("Debian's flash (FLASH 1.2.11) is required but not on PATH: apt-get install flash");
            }
            Assumptions.abort("Debian's flash is not installed (apt-get install flash)");
        }
        return path;
    }

    /** Finds an executable on PATH; null when absent. */
    public static String onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** What a command did. */
    public record Run(int status, byte[] stdout, String stderr) {
        public String stdoutText() {
            return new String(stdout, StandardCharsets.ISO_8859_1);
        }
    }

    /** Runs {@code flash -t 1 ARGS} in {@code dir}. */
    public static Run flash(Path dir, List<String> args) throws IOException, InterruptedException {
        require();
        List<String> command = new ArrayList<>();
        // By name, so that its messages say "flash" as FlashJ's do in these tests.
        command.add("flash");
        command.add("-t");
        command.add("1");
        command.addAll(args);
        return exec(dir, command, null);
    }

    /** Runs a command in {@code dir}, optionally feeding a file to its standard input. */
    public static Run exec(Path dir, List<String> command, Path stdin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Path err = Files.createTempFile("flashj-test", ".err");
        pb.redirectError(err.toFile());
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        } else {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        int status = p.waitFor();
        String stderr = Files.readString(err, StandardCharsets.ISO_8859_1);
        Files.delete(err);
        return new Run(status, out, stderr);
    }
}
