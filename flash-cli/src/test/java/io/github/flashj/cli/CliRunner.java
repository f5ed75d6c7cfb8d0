package io.github.flashj.cli;

import io.github.flashj.KernelChoice;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the FlashJ command in this JVM, capturing what it writes. */
final class CliRunner {
    private CliRunner() {
    }

    /**
     * The vector kernel: the tests' inputs are small, for which the command would take the scalar
     * kernel; they check the vector kernel against flash, as the command runs it on large inputs
     * (both kernels are proved identical in flash-core).
     */
    static final EngineOverrides VECTOR_KERNEL = EngineOverrides.NONE.withKernel(KernelChoice.VECTOR);

    /**
     * Runs {@code flash ARGS} (FlashJ, named "flash" so that messages compare with the oracle's),
     * with the vector kernel.
     *
     * @return the status, the data written to standard output, and the message streams
     */
    static Oracle.Run flashj(List<String> args) {
        return flashj(args, VECTOR_KERNEL);
    }

    /** Runs {@code flash ARGS} with the library's choices {@code overrides} forces. */
    static Oracle.Run flashj(List<String> args, EngineOverrides overrides) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream dataPrint = new PrintStream(data, true, StandardCharsets.ISO_8859_1);
        PrintStream errPrint = new PrintStream(err, true, StandardCharsets.ISO_8859_1);
        int status = new FlashCli("flash", dataPrint, dataPrint, errPrint, overrides).run(args.toArray(String[]::new));
        dataPrint.flush();
        errPrint.flush();
        return new Oracle.Run(status, data.toByteArray(), err.toString(StandardCharsets.ISO_8859_1));
    }
}
