package io.github.flashj.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

/** How output files are compressed: not at all, gzip ({@code -z}), or through a program. */
public final class OutputCompression {
    private enum Kind { NONE, GZIP, PROGRAM }

    private final Kind kind;
    private final String program;
    private final String arguments;

    private OutputCompression(Kind kind, String program, String arguments) {
        this.kind = kind;
        this.program = program;
        this.arguments = arguments;
    }

    /** Plain text. */
    public static OutputCompression none() {
        return new OutputCompression(Kind.NONE, null, null);
    }

    /** One gzip member per file, zlib level 6, as {@code flash -z} writes. */
    public static OutputCompression gzip() {
        return new OutputCompression(Kind.GZIP, null, null);
    }

    /**
     * Each file piped through {@code /bin/sh -c "PROGRAM ARGUMENTS -c -"}, as {@code --compress-prog}.
     *
     * @param program the program, as the shell should find it
     * @param arguments extra arguments, parsed by the shell; may be empty
     */
    public static OutputCompression program(String program, String arguments) {
        return new OutputCompression(Kind.PROGRAM, Objects.requireNonNull(program, "program"),
                Objects.requireNonNull(arguments, "arguments"));
    }

    /** The suffix after {@code .fastq} when none is given: {@code ""}, {@code gz} or the program. */
    String defaultSuffix() {
        switch (kind) {
            case GZIP:
                return "gz";
            case PROGRAM:
                return program;
            default:
                return "";
        }
    }

    /** How FLASH's "Output format" line ends for this compression. */
    String description() {
        switch (kind) {
            case GZIP:
                return ", gzip";
            case PROGRAM:
                return ", filtered through '" + command() + "'";
            default:
                return "";
        }
    }

    private String command() {
        return program + (arguments.isEmpty() ? "" : " " + arguments) + " -c -";
    }

    /** Whether the output goes through an external program. */
    boolean usesProgram() {
        return kind == Kind.PROGRAM;
    }

    /** Wraps a stream that writes the file (or standard output) in this compression. */
    OutputStream wrap(OutputStream out) throws IOException {
        return kind == Kind.GZIP ? new GzipOutputStream(out) : out;
    }

    /** Starts the compression program writing to {@code file}. */
    Process startProgram(Path file) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command());
        pb.redirectOutput(file.toFile());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return pb.start();
    }

    @Override
    public String toString() {
        return kind == Kind.PROGRAM ? "program(" + command() + ")" : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
