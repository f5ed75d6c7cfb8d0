package io.github.flashj;

import java.io.IOException;

/**
 * The input is not valid FASTQ (or tab-delimited pairs): the message names the input and the line.
 *
 * <p>Thrown by readers; {@link FlashJob#run()} passes it on unchanged.
 */
public final class InputFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;

    /**
     * @param source the file name (or {@code "standard input"})
     * @param line the 1-based line number the problem is on, or 0 when it concerns no single line
     * @param problem what is wrong
     */
    public InputFormatException(String source, long line, String problem) {
        super(line > 0 ? source + ": line " + line + ": " + problem : source + ": " + problem);
        this.source = source;
        this.line = line;
    }

    /** The file name, or {@code "standard input"}. */
    public String source() {
        return source;
    }

    /** The 1-based line number, or 0 when the problem concerns no single line. */
    public long line() {
        return line;
    }
}
