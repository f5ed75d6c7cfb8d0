package io.github.flashj.io.input;

import java.io.IOException;

/** Zstandard or LZ4 input that is corrupt or cut short; the message names the input. */
public final class CompressedDataException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The file name, or {@code "standard input"}. */
    private final String source;

    /**
     * @param source the file name (or {@code "standard input"})
     * @param format {@code "zstd"} or {@code "lz4"}
     * @param cause the decoder's own exception
     */
    public CompressedDataException(String source, String format, Throwable cause) {
        super(source + ": " + format + " data is corrupt or truncated (" + cause.getMessage() + ")", cause);
        this.source = source;
    }

    /** The file name, or {@code "standard input"}. */
    public String source() {
        return source;
    }
}
