package io.github.flashj.gzip;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gzip file's decompressed bytes, decoded natively where the library loads (by rapidgzip in
 * parallel, or by ISA-L sequentially) and by {@code java.util.zip} where it does not; all give the
 * same bytes ({@link #decoder()} says which). Reads multi-member gzip and BGZF; every decoding error
 * is a {@link GzipFormatException} naming the file.
 *
 * <pre>{@code
 * try (SeekableGzipInputStream in = SeekableGzipInputStream.open(Path.of("reads.fastq.gz"), 4, true)) {
 *     in.seek(1_000_000);
 *     int b = in.read();
 *     in.exportIndex(Path.of("reads.fastq.gz.gzidx"));  // later runs: in.importIndex(...) first
 * }
 * }</pre>
 *
 * <p>An index (indexed_gzip format) records seek points: importing one before reading lets
 * rapidgzip decode a file in parallel without first searching it for deflate blocks, and makes
 * seeks cheap. Index export and import need the native library: {@link #nativeAvailable()}.
 * Not thread-safe.
 */
public abstract class SeekableGzipInputStream extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(SeekableGzipInputStream.class);
    /** How a message that the data ends too early begins, from the stream and from ISA-L's path. */
    private static final String TRUNCATED = "gzip data is truncated";

    /** Which decoder a stream uses. */
    public enum Decoder {
        /** rapidgzip through FlashJ's JNI binding, with ISA-L: parallel, seekable, indexes. */
        RAPIDGZIP,
        /** ISA-L's inflate through FlashJ's JNI binding, sequential on the reading thread. */
        ISAL,
        /** java.util.zip, on the reading thread. */
        JAVA
    }

    final String name;

    SeekableGzipInputStream(String name) {
        this.name = name;
    }

    /**
     * Opens a gzip file.
     *
     * <p>With the native library: one thread and no seek points decode sequentially with ISA-L on
     * the reading thread, the least CPU per byte; otherwise rapidgzip decodes on its own threads.
     *
     * @param parallelism decoder threads, 0 for one per core (the Java path uses one)
     * @param keepSeekPoints whether to keep what {@link #seek} backwards quickly and
     *     {@link #importIndex}/{@link #exportIndex} need (rapidgzip); without, backward seeks decode
     *     again from the start
     */
    public static SeekableGzipInputStream open(Path file, int parallelism, boolean keepSeekPoints) throws IOException {
        Objects.requireNonNull(file, "file");
        if (parallelism < 0) {
            throw new IllegalArgumentException("parallelism must be 0 or more, not " + parallelism);
        }
        return open(file, parallelism, keepSeekPoints, NativeLibrary.available());
    }

    /** Opens with or without the native library: tests compare the decoders on the same files. */
    static SeekableGzipInputStream open(Path file, int parallelism, boolean keepSeekPoints, boolean useNative)
            throws IOException {
        String name = file.toString();
        if (useNative && parallelism == 1 && !keepSeekPoints) {
            LOG.info("Decoding {} with ISA-L (native, 1 thread, sequential)", name);
            return new ForwardOnly(file, Decoder.ISAL, () -> new IsalStream(file, name),
                    "gzip indexes need seek points: open with keepSeekPoints");
        }
        if (useNative) {
            int threads = parallelism == 0 ? Runtime.getRuntime().availableProcessors() : parallelism;
            LOG.info("Decoding {} with rapidgzip {} (native, ISA-L, {} thread{})", name, NativeLibrary.version(),
                    threads, threads == 1 ? "" : "s");
            return new Native(file, parallelism, parallelism == 1 ? Native.SEQUENTIAL_CHUNK : Native.PARALLEL_CHUNK,
                    keepSeekPoints);
        }
        LOG.info("Decoding {} with java.util.zip", name);
        return new ForwardOnly(file, Decoder.JAVA, () -> GzipDecoding.open(new FileInputStream(file.toFile()), name),
                "gzip indexes need the native library, which is not used: " + NativeLibrary.unavailableReason());
    }

    /**
     * Decodes a whole gzip file with rapidgzip on {@code threads} threads, checking every member's
     * CRC32, and writes its index with seek points about every {@code spacing} compressed bytes
     * (three to four times that in FASTQ text), so that a reader that starts at any offset decodes
     * little before it.
     *
     * @throws UnsupportedOperationException when the native library is not loaded
     * @throws GzipFormatException when the data is corrupt or truncated
     */
    public static void buildIndex(Path file, int threads, int spacing, Path index) throws IOException {
        if (!NativeLibrary.available()) {
            throw new UnsupportedOperationException("gzip indexes need the native library: "
                    + NativeLibrary.unavailableReason());
        }
        try (Native in = new Native(file, Math.max(1, threads), spacing, true)) {
            in.drain();
            in.exportIndex(index);
        }
    }

    /**
     * Opens a gzip file to be read from seek points of an index that {@link GzipIndex#check} found
     * to match it: rapidgzip on the reading thread alone, decoding from the seek point at or before
     * each {@link #seek}. For readers that each read their own parts of one file.
     *
     * @throws UnsupportedOperationException when the native library is not loaded
     */
    public static SeekableGzipInputStream openIndexed(Path file, Path index) throws IOException {
        if (!NativeLibrary.available()) {
            throw new UnsupportedOperationException("gzip indexes need the native library: "
                    + NativeLibrary.unavailableReason());
        }
        Native in = new Native(file, 1, Native.SEQUENTIAL_CHUNK, true);
        try {
            in.importIndex(index);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return in;
    }

    /** The file decoded from its start by ISA-L on the reading thread, without a line in the log. */
    static InputStream openSequential(Path file) throws IOException {
        return new IsalStream(file, file.toString());
    }

    /** Whether the native library loaded, so that streams decode with rapidgzip and indexes work. */
    public static boolean nativeAvailable() {
        return NativeLibrary.available();
    }

    /** Why the native library is not used, or null when it is. */
    public static String nativeUnavailableReason() {
        return NativeLibrary.unavailableReason();
    }

    /** The decoder of this stream. */
    public abstract Decoder decoder();

    /** Moves to a decompressed offset (at most the decompressed size). */
    public abstract void seek(long offset) throws IOException;

    /** The decompressed offset of the next byte read. */
    public abstract long position() throws IOException;

    /**
     * Reads the seek points of an index written by {@link #exportIndex} (or by rapidgzip, indexed_gzip
     * or gztool) for this file.
     *
     * @throws UnsupportedOperationException when the native library is not loaded
     */
    public abstract void importIndex(Path index) throws IOException;

    /**
     * Writes the seek points found so far to an index file: after reading the whole file, they cover
     * all of it.
     *
     * @throws UnsupportedOperationException when the native library is not loaded
     */
    public abstract void exportIndex(Path index) throws IOException;

    private final byte[] one = new byte[1];

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    GzipFormatException corrupt(IOException e) {
        return corrupt(name, e);
    }

    /**
     * A native decoder's error, named for the file: its own words when it already says the data is
     * truncated (ISA-L's path), else the first sentence of rapidgzip's or ISA-L's message.
     */
    static GzipFormatException corrupt(String name, IOException e) {
        String message = e.getMessage();
        String problem = message != null && message.startsWith(TRUNCATED) ? message
                : "gzip data is corrupt or truncated (" + firstSentence(message) + ")";
        return new GzipFormatException(name, problem, e);
    }

    /**
     * rapidgzip's first sentence, without its "[Component][Thread N]" tags: the rest is decoder
     * state, and the thread would make the message differ from run to run.
     */
    static String firstSentence(String message) {
        if (message == null) {
            return "no details";
        }
        String text = message.replaceAll("\\[[A-Za-z]+\\](\\[Thread [0-9]+\\])? *", "").trim();
        for (int i = 0; i + 1 < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '!' || c == '.') && text.charAt(i + 1) == ' ') {
                return text.substring(0, i + 1);
            }
        }
        return text;
    }

    static byte[] nativePath(Path path) {
        return path.toAbsolutePath().toString().getBytes(java.nio.charset.Charset.forName(
                System.getProperty("sun.jnu.encoding", "UTF-8")));
    }

    /** rapidgzip: a handle to the native reader and a direct buffer it decodes into. */
    private static final class Native extends SeekableGzipInputStream {
        private static final int BUFFER = 1 << 20;
        /**
         * Compressed bytes per chunk. One thread decodes sequentially, so small chunks only bound
         * its cache (measured: 116 MB RSS at 1 MiB against 306 MB at 4 MiB, as fast). Several threads
         * decode chunks in parallel, where rapidgzip recommends 4 MiB.
         */
        private static final int SEQUENTIAL_CHUNK = 1 << 20;
        private static final int PARALLEL_CHUNK = 4 << 20;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        private final long compressedSize;
        private long handle;
        private long bufferStart;
        private boolean ended;

        Native(Path file, int parallelism, int chunkSize, boolean keepSeekPoints) throws IOException {
            super(file.toString());
            compressedSize = Files.size(file);
            try {
                handle = RapidgzipBinding.open(nativePath(file), parallelism, chunkSize, keepSeekPoints);
            } catch (IOException e) {
                throw corrupt(e);
            }
            buffer.limit(0);
        }

        @Override
        public Decoder decoder() {
            return Decoder.RAPIDGZIP;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!buffer.hasRemaining() && !refill()) {
                return -1;
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }

        /** Decodes to the end, keeping nothing but the seek points. */
        void drain() throws IOException {
            buffer.limit(0);
            while (refill()) {
                buffer.position(buffer.limit());
            }
        }

        private boolean refill() throws IOException {
            ensureOpen();
            if (ended) {
                return false;
            }
            bufferStart += buffer.limit();
            buffer.clear();
            int n;
            try {
                n = RapidgzipBinding.read(handle, buffer, BUFFER);
            } catch (IOException e) {
                throw corrupt(e);
            }
            buffer.limit(n);
            ended = n == 0;
            if (ended) {
                checkEnd();
            }
            return n > 0;
        }

        /**
         * rapidgzip can end early without an error when a file is cut short inside a deflate block;
         * decoding must have reached the file's last byte. (Unlike zlib and the Java path, rapidgzip
         * also rejects bytes after the last member, so there is no trailing garbage to allow for.)
         */
        private void checkEnd() throws IOException {
            long end;
            try {
                end = RapidgzipBinding.compressedEnd(handle);
            } catch (IOException e) {
                throw corrupt(e);
            }
            if (end != compressedSize) {
                throw new GzipFormatException(name, TRUNCATED + ": decoding ended at byte " + end + " of "
                        + compressedSize, null);
            }
        }

        @Override
        public int available() {
            return buffer.remaining();
        }

        @Override
        public void seek(long offset) throws IOException {
            ensureOpen();
            if (offset < 0) {
                throw new IllegalArgumentException("offset must not be negative: " + offset);
            }
            if (offset >= bufferStart && offset <= bufferStart + buffer.limit()) {
                buffer.position((int) (offset - bufferStart));
                return;
            }
            try {
                bufferStart = RapidgzipBinding.seek(handle, offset);
            } catch (IOException e) {
                throw corrupt(e);
            }
            buffer.limit(0);
            ended = false;
        }

        @Override
        public long position() throws IOException {
            ensureOpen();
            return bufferStart + buffer.position();
        }

        @Override
        public void importIndex(Path index) throws IOException {
            ensureOpen();
            try {
                RapidgzipBinding.importIndex(handle, nativePath(index));
            } catch (IOException e) {
                throw new IOException(name + ": cannot import the gzip index " + index + " (" + e.getMessage() + ")",
                        e);
            }
        }

        @Override
        public void exportIndex(Path index) throws IOException {
            ensureOpen();
            try {
                RapidgzipBinding.exportIndex(handle, nativePath(index));
            } catch (IOException e) {
                throw new IOException(name + ": cannot export the gzip index to " + index + " (" + e.getMessage()
                        + ")", e);
            }
        }

        private void ensureOpen() throws IOException {
            if (handle == 0) {
                throw new IOException(name + ": stream closed");
            }
        }

        @Override
        public void close() throws IOException {
            if (handle != 0) {
                long h = handle;
                handle = 0;
                RapidgzipBinding.close(h);
            }
        }
    }

    /** Opens a decoder that reads a file from its start. */
    private interface Opener {
        InputStream open() throws IOException;
    }

    /**
     * A decoder that reads forward only (java.util.zip, or ISA-L sequentially): seeks forward by
     * skipping, backward by decoding again from the start.
     */
    private static final class ForwardOnly extends SeekableGzipInputStream {
        private final Decoder decoder;
        private final Opener opener;
        private final String noIndexes;
        private InputStream in;
        private long position;

        ForwardOnly(Path file, Decoder decoder, Opener opener, String noIndexes) throws IOException {
            super(file.toString());
            this.decoder = decoder;
            this.opener = opener;
            this.noIndexes = noIndexes;
            in = opener.open();
        }

        @Override
        public Decoder decoder() {
            return decoder;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void seek(long offset) throws IOException {
            if (offset < 0) {
                throw new IllegalArgumentException("offset must not be negative: " + offset);
            }
            if (offset < position) {
                in.close();
                in = opener.open();
                position = 0;
            }
            while (position < offset) {
                long skipped = in.skip(offset - position);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        return;
                    }
                    skipped = 1;
                }
                position += skipped;
            }
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public void importIndex(Path index) {
            throw new UnsupportedOperationException(noIndexes);
        }

        @Override
        public void exportIndex(Path index) {
            throw new UnsupportedOperationException(noIndexes);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** ISA-L's inflate on the reading thread, straight into the caller's array. */
    private static final class IsalStream extends InputStream {
        private final String name;
        private long handle;

        IsalStream(Path file, String name) throws IOException {
            this.name = name;
            try {
                handle = RapidgzipBinding.openSequential(nativePath(file));
            } catch (IOException e) {
                throw new GzipFormatException(name, "gzip data cannot be read (" + e.getMessage() + ")", e);
            }
        }

        private final byte[] one = new byte[1];

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (handle == 0) {
                throw new IOException(name + ": stream closed");
            }
            if (len == 0) {
                return 0;
            }
            int n;
            try {
                n = RapidgzipBinding.readSequential(handle, b, off, len);
            } catch (IOException e) {
                throw corrupt(name, e);
            }
            return n == 0 ? -1 : n;
        }

        @Override
        public void close() {
            if (handle != 0) {
                RapidgzipBinding.closeSequential(handle);
                handle = 0;
            }
        }
    }
}
