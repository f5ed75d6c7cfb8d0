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
     * Checks the start of a gzip member's header, {@code head[0, length)}, as zlib does: the
     * compression method must be deflate and the reserved flag bits clear (java.util.zip and the
     * native decoders do not look at the flags).
     *
     * @throws GzipFormatException naming {@code source} when the header is one zlib rejects
     */
    public static void checkHeader(byte[] head, int length, String source) throws GzipFormatException {
        if (length >= 3 && head[2] != 8) {
            throw new GzipFormatException(source, "gzip data is corrupt (unknown compression method "
                    + (head[2] & 0xff) + ")", null);
        }
        if (length >= 4 && (head[3] & 0xe0) != 0) {
            throw new GzipFormatException(source, "gzip data is corrupt (unknown header flags set: reserved bits "
                    + String.format("0x%02x", head[3] & 0xe0) + ")", null);
        }
    }

    /**
     * Decodes a gzip stream.
     *
     * @param compressed the gzip data; closed with the returned stream
     * @param source the input's name for error messages
     */
    public static InputStream open(InputStream compressed, String source) throws IOException {
        try {
            BufferedInputStream buffered = new BufferedInputStream(new BlockingAvailable(compressed), BUFFER);
            buffered.mark(4);
            byte[] head = buffered.readNBytes(4);
            buffered.reset();
            checkHeader(head, head.length, source);
            return new NamedErrors(new MembersInputStream(buffered, BUFFER), source);
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

    /**
     * GZIPInputStream that does not take a member cut short right after the previous member's trailer
     * for the end of the data. GZIPInputStream ignores up to 18 bytes left after a trailer when the
     * input has no more, and whatever follows a trailer when it is not a valid header; as zlib, this
     * still ignores trailing bytes that are not a gzip member, but not the start of one.
     */
    private static final class MembersInputStream extends GZIPInputStream {
        private static final int TRAILER = 8;
        private boolean checkedEnd;

        MembersInputStream(InputStream in, int size) throws IOException {
            super(in, size);
        }

        @Override
        public int read(byte[] b, int off, int n) throws IOException {
            int r = super.read(b, off, n);
            if (r < 0 && !checkedEnd) {
                checkedEnd = true;
                int left = inf.getRemaining() - TRAILER;
                int at = len - left;
                if (left >= 2 && at >= 0 && buf[at] == 0x1f && buf[at + 1] == (byte) 0x8b) {
                    throw new EOFException("a gzip member after the last complete one is cut short or invalid");
                }
            }
            return r;
        }
    }

    /**
     * GZIPInputStream looks for a further member only when {@code available()} is above zero after a
     * member's trailer, so from a pipe that is momentarily empty it would end the data early, without
     * an error. This stream's {@code available()} is 0 only at the end of the input: when the input
     * has nothing buffered, it waits for (and keeps) the next byte.
     */
    private static final class BlockingAvailable extends FilterInputStream {
        private static final int NONE = -2;
        private int pending = NONE;

        BlockingAvailable(InputStream in) {
            super(in);
        }

        @Override
        public int available() throws IOException {
            if (pending != NONE) {
                return pending >= 0 ? 1 : 0;
            }
            int n = in.available();
            if (n > 0) {
                return n;
            }
            pending = in.read();
            return pending >= 0 ? 1 : 0;
        }

        @Override
        public int read() throws IOException {
            if (pending == NONE) {
                return in.read();
            }
            int b = pending;
            if (b >= 0) {
                pending = NONE;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pending == NONE || len == 0) {
                return in.read(b, off, len);
            }
            if (pending < 0) {
                return -1;
            }
            b[off] = (byte) pending;
            pending = NONE;
            return 1;
        }

        @Override
        public long skip(long n) throws IOException {
            if (pending == NONE || n <= 0) {
                return in.skip(n);
            }
            if (pending < 0) {
                return 0;
            }
            pending = NONE;
            return 1;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void mark(int readlimit) {
        }

        @Override
        public void reset() throws IOException {
            throw new IOException("mark/reset not supported");
        }
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
