package io.github.flashj.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the FlashJ command in this JVM, capturing what it writes. */
final class CliRunner {
    private CliRunner() {
    }

    /**
     * Runs {@code flash ARGS} (FlashJ, named "flash" so that messages compare with the oracle's).
     *
     * @return the status, the data written to standard output, and the message streams
     */
    static Oracle.Run flashj(List<String> args) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream dataPrint = new PrintStream(data, true, StandardCharsets.ISO_8859_1);
        PrintStream errPrint = new PrintStream(err, true, StandardCharsets.ISO_8859_1);
        int status = new FlashCli("flash", dataPrint, dataPrint, errPrint).run(args.toArray(String[]::new));
        dataPrint.flush();
        errPrint.flush();
        return new Oracle.Run(status, data.toByteArray(), err.toString(StandardCharsets.ISO_8859_1));
    }
}
