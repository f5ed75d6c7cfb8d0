package io.github.flashj.io.decode;

import com.github.luben.zstd.ZstdInputStream;
import io.github.flashj.InputFormatException;
import io.github.flashj.gzip.GzipDecoding;
import io.github.flashj.gzip.GzipFormatException;
import io.github.flashj.gzip.GzipIndex;
import io.github.flashj.gzip.SeekableGzipInputStream;
import io.github.flashj.io.Compression;
import io.github.flashj.io.SystemErrors;
import io.github.flashj.io.input.CompressedDataException;
import io.github.flashj.io.lz4.Lz4FrameInputStream;
import io.github.flashj.swar.Swar;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens inputs by name ({@code -} is standard input) and undoes the compression their magic bytes
 * show: gzip (and BGZF), Zstandard, LZ4 frames. Gzip regular files are decoded natively (ISA-L,
 * or rapidgzip in parallel) where the native library loads; pipes, standard input and the rest by
 * java.util.zip.
 */
public final class InputFiles {
    private static final Logger LOG = LoggerFactory.getLogger(InputFiles.class);

    /** The name used in messages for standard input. */
    static final String STDIN_NAME = "standard input";

    /** The suffix of the gzip index kept for an input in the index directory. */
    static final String INDEX_SUFFIX = ".gzidx";

    private InputFiles() {
    }

    /** Opens a path, or standard input for {@code -}; compression is recognised by its magic bytes. */
    public static InputStream open(String path, GzipInput gzip) throws IOException {
        if ("-".equals(path)) {
            return decompress(standardInput(), STDIN_NAME);
        }
        InputStream raw;
        try {
            // FileInputStream, not Files.newInputStream: the latter's available() seeks, which
            // fails on named pipes such as <(zcat x.gz).
            raw = new AnyFileInputStream(path);
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException("Failed to open \"" + path + "\" for reading: " + SystemErrors.reason(e, Path.of(path)));
        }
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        byte[] head;
        try {
            head = peek(in);
        } catch (IOException e) {
            in.close();
            throw readError(path, e);
        }
        if (GzipDecoding.isGzip(head, head.length)) {
            try {
                GzipDecoding.checkHeader(head, head.length, path);
            } catch (IOException e) {
                in.close();
                throw e;
            }
            if (gzip.nativeDecoders() && Files.isRegularFile(Path.of(path))) {
                in.close();
                return openGzipFile(Path.of(path), gzip);
            }
            if (gzip.indexDirectory() != null) {
                LOG.info("No gzip index for {}: indexes need rapidgzip, which reads regular files only "
                        + "and only where the native library loads and is used", path);
            }
        }
        return decompress(in, path, head);
    }

    /**
     * A gzip file through the native decoders. With an index directory, rapidgzip reads it: an index
     * left there by an earlier run is imported first, and one is written after the file has been
     * read to its end.
     */
    private static InputStream openGzipFile(Path file, GzipInput gzip) throws IOException {
        if (gzip.indexDirectory() == null) {
            return SeekableGzipInputStream.open(file, gzip.decoderThreads(), false);
        }
        Path index = gzip.indexDirectory().resolve(file.getFileName() + INDEX_SUFFIX);
        boolean reuse = reusableIndex(file, file.toString(), index);
        SeekableGzipInputStream in = SeekableGzipInputStream.open(file, gzip.decoderThreads(), true);
        try {
            if (reuse) {
                in.importIndex(index);
            }
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return reuse ? in : new ExportIndexAtEnd(in, index);
    }

    /**
     * Whether the index in the index directory exists and belongs to {@code file}
     * ({@link GzipIndex#check}); one that does not is named in a warning, to be built again.
     */
    private static boolean reusableIndex(Path file, String name, Path index) {
        if (!Files.isRegularFile(index)) {
            return false;
        }
        String mismatch = indexMismatch(file, index);
        if (mismatch != null) {
            LOG.warn("The gzip index {} does not belong to {} ({}): building it again", index, name, mismatch);
            return false;
        }
        LOG.info("Using the gzip index {}", index);
        return true;
    }

    /**
     * Why the index in the index directory does not belong to {@code file}, or null when it exists
     * and does; unlike {@link #reusableIndex}, logs nothing.
     */
    static String indexMismatch(Path file, Path index) {
        if (!Files.isRegularFile(index)) {
            return "there is none";
        }
        try {
            return GzipIndex.read(index).check(file, index);
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /**
     * Standard input, unless descriptor 0 was closed when the JVM started ({@code flashj - <&-}, as
     * daemons and cron run commands): the JVM then opened its own module image under that number,
     * and reading or closing it as standard input crashes the JVM. FLASH's reason is given instead.
     */
    private static InputStream standardInput() throws IOException {
        if (standardInputClosedAtLaunch()) {
            throw new IOException("Error reading \"-\": Bad file descriptor");
        }
        return System.in;
    }

    /** Whether descriptor 0 is one of the JDK's own files (Linux's {@code /proc} tells; elsewhere, no). */
    private static boolean standardInputClosedAtLaunch() {
        Path descriptor = Path.of("/proc/self/fd/0");
        try {
            if (!Files.isSymbolicLink(descriptor)) {
                return false;
            }
            Path javaHome = Path.of(System.getProperty("java.home")).toRealPath();
            return Files.readSymbolicLink(descriptor).startsWith(javaHome);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static byte[] peek(BufferedInputStream in) throws IOException {
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        return head;
    }

    /**
     * A file's stream whose {@link #available()} never fails. FileInputStream asks the system for the
     * file's size and position, which files of {@code /proc} and {@code /sys} refuse ("Invalid
     * argument"); BufferedInputStream asks after every short read. Such a file then reads as any.
     */
    private static final class AnyFileInputStream extends FileInputStream {
        AnyFileInputStream(String path) throws FileNotFoundException {
            super(path);
        }

        @Override
        public int available() {
            try {
                return super.available();
            } catch (IOException e) {
                return 0;
            }
        }
    }

    /** Writes the gzip index once the stream has been read to its end, when it is closed. */
    private static final class ExportIndexAtEnd extends FilterInputStream {
        private final SeekableGzipInputStream gzip;
        private final Path index;
        private boolean ended;

        ExportIndexAtEnd(SeekableGzipInputStream in, Path index) {
            super(in);
            this.gzip = in;
            this.index = index;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            ended |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            try {
                if (ended) {
                    Files.createDirectories(index.getParent());
                    gzip.exportIndex(index);
                    LOG.info("Wrote the gzip index {}", index);
                }
            } finally {
                in.close();
            }
        }
    }

    /** The name of an input for messages. */
    public static String displayName(String path) {
        return "-".equals(path) ? STDIN_NAME : path;
    }

    /** Wraps a stream in the decoder its first bytes call for; plain data passes through. */
    public static InputStream decompress(InputStream raw, String name) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        byte[] head;
        try {
            head = peek(in);
        } catch (IOException e) {
            throw readError(name, e);
        }
        return decompress(in, name, head);
    }

    /**
     * A read error with the input's name, as FLASH gives it ({@code Error reading "r1.fq":
     * Input/output error}); the decoders' own errors and interrupts name their input already or need
     * none.
     */
    public static IOException readError(String name, IOException e) {
        if (e instanceof InputFormatException || e instanceof GzipFormatException
                || e instanceof CompressedDataException || e instanceof InterruptedIOException
                || e instanceof ClosedByInterruptException) {
            return e;
        }
        return new IOException("Error reading \"" + name + "\": " + e.getMessage(), e);
    }

    private static InputStream decompress(BufferedInputStream in, String name, byte[] head) throws IOException {
        Compression compression = Compression.startsWithSkippableFrame(head, head.length)
                ? afterSkippableFrames(in, name) : Compression.of(head, head.length);
        switch (compression) {
            case NONE:
                return in;
            case GZIP:
                LOG.info("Decoding {} with java.util.zip", name);
                return GzipDecoding.open(in, name);
            case ZSTD:
                return new NamedErrors(new ZstdInputStream(in), name, compression.toString());
            default:
                return new NamedErrors(new Lz4FrameInputStream(in), name, compression.toString());
        }
    }

    /**
     * Reads past the skippable frames at the start of {@code in} (both decoders would skip them)
     * and returns the compression of the frame that follows, null when nothing does.
     *
     * @throws CompressedDataException when the input ends inside a skippable frame, or what follows
     *     is neither a Zstandard nor an LZ4 frame
     */
    private static Compression afterSkippableFrames(BufferedInputStream in, String name) throws IOException {
        byte[] head = peek(in);
        while (Compression.startsWithSkippableFrame(head, head.length)) {
            try {
                in.skipNBytes(4);
                byte[] length = in.readNBytes(4);
                if (length.length < 4) {
                    throw new java.io.EOFException("the input ends inside a skippable frame");
                }
                in.skipNBytes(Integer.toUnsignedLong((int) Swar.INTS.get(length, 0)));
            } catch (java.io.EOFException e) {
                throw new CompressedDataException(name, "zstd or lz4",
                        new java.io.EOFException("the input ends inside a skippable frame"));
            }
            head = peek(in);
        }
        Compression next = Compression.of(head, head.length);
        if (head.length == 0 || next == Compression.ZSTD || next == Compression.LZ4) {
            return next;
        }
        throw new CompressedDataException(name, "zstd or lz4", new IOException(
                "a skippable frame is followed by data that is neither a zstd nor an lz4 frame"));
    }

    /** Puts the input's name on every error of a zstd or LZ4 decoder. */
    private static final class NamedErrors extends FilterInputStream {
        private final String name;
        private final String format;

        NamedErrors(InputStream in, String name, String format) {
            super(in);
            this.name = name;
            this.format = format;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException | RuntimeException e) {
                throw new CompressedDataException(name, format, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                throw new CompressedDataException(name, format, e);
            }
        }
    }
}
