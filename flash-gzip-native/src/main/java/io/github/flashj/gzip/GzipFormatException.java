package io.github.flashj.gzip;

import java.io.IOException;

/** Gzip data that is corrupt, cut short or fails its CRC check; the message names the input. */
public final class GzipFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The file name, or {@code "standard input"}. */
    private final String source;

    /**
     * @param source the file name (or {@code "standard input"})
     * @param problem what is wrong with the data
     * @param cause the decoder's own exception
     */
    public GzipFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** The file name, or {@code "standard input"}. */
    public String source() {
        return source;
    }
}
