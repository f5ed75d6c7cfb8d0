package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.flashj.batch.MergeTally;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Fuzz test of the option parser: whatever the arguments, FLASH's usage error, {@code -h}/{@code -v},
 * or a {@code [FLASH] ERROR:} with status 1; never another exception. Arguments that parse are then
 * run as the whole command, with a runner that merges nothing (no file is read or written), which
 * must end with status 0, 1 or 2 and no internal error.
 *
 * <p>{@code mvn verify} runs it in Jazzer's regression mode over the inputs committed under
 * {@code src/test/resources/io/github/flashj/cli/OptionsFuzzTestInputs/}; docs/FUZZING.md says how to
 * fuzz for longer.
 */
class OptionsFuzzTest {
    private static final int MAX_ARGUMENTS = 16;

    @FuzzTest(maxDuration = "60s")
    void options(FuzzedDataProvider data) throws Exception {
        String[] args = new String[data.consumeInt(0, MAX_ARGUMENTS)];
        for (int i = 0; i < args.length; i++) {
            args[i] = data.consumeString(64);
        }
        try {
            new CommandLine("flash").parse(args);
        } catch (Getopt.UsageException | CommandLine.EarlyExit | CommandLine.FatalException
                | io.github.flashj.InvalidParameterException e) {
            return;
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        int status = FlashCli.run(args, request -> new MergeTally(request.parameters().maxOverlap())
                .toStatistics(Duration.ZERO), out, out, errStream);
        String messages = err.toString(StandardCharsets.UTF_8);
        assertTrue(status == 0 || status == 1 || status == 2, "status " + status + ": " + messages);
        assertFalse(messages.contains("internal error"), messages);
    }
}
