package io.github.flashj.cli;

import java.time.Duration;
import java.util.Arrays;

/**
 * The command as {@code bin/flashj} runs it, recording a checkpoint every {@code MILLIS}
 * milliseconds (0: none), for tests that run it in a JVM of its own:
 * {@code java -cp ... io.github.flashj.cli.CheckpointingCommand MILLIS ARGUMENTS...}.
 */
public final class CheckpointingCommand {
    private CheckpointingCommand() {
    }

    public static void main(String[] args) {
        Duration interval = Duration.ofMillis(Long.parseLong(args[0]));
        System.exit(FlashCli.runCommand(Arrays.copyOfRange(args, 1, args.length), interval));
    }
}
