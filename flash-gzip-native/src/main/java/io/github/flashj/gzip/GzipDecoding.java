package io.github.flashj.gzip;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens gzip streams for reading: single- and multi-member gzip and BGZF.
 *
 * <p>Every decoding error comes out as a {@link GzipFormatException} that names the input.
 */
public final class GzipDecoding {
    private static final int BUFFER = 1 << 16;

    private GzipDecoding() {
    }

    /** Whether the first two bytes are the gzip magic number. */
    public static boolean isGzip(byte[] head, int length) {
        return length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }

    /**
     * Decodes a gzip stream.
     *
     * @param compressed the gzip data; closed with the returned stream
     * @param source the input's name for error messages
     */
    public static InputStream open(InputStream compressed, String source) throws IOException {
        try {
            return new NamedErrors(new GZIPInputStream(new BufferedInputStream(compressed, BUFFER), BUFFER), source);
        } catch (IOException e) {
            compressed.close();
            throw translate(e, source);
        }
    }

    static IOException translate(IOException e, String source) {
        if (e instanceof GzipFormatException) {
            return e;
        }
        if (e instanceof EOFException) {
            return new GzipFormatException(source, "gzip data is truncated (the stream ends inside a member)", e);
        }
        if (e instanceof ZipException) {
            return new GzipFormatException(source, "gzip data is corrupt (" + e.getMessage() + ")", e);
        }
        return e;
    }

    /** Puts the input's name on every error of the decoder. */
    private static final class NamedErrors extends FilterInputStream {
        private final String source;

        NamedErrors(InputStream in, String source) {
            super(in);
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                throw translate(e, source);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                throw translate(e, source);
            }
        }
    }
}
