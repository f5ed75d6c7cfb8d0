package io.github.flashj.io.output;

import com.github.luben.zstd.ZstdOutputStream;
import io.github.flashj.gzip.IsalDeflate;
import io.github.flashj.io.Compression;
import io.github.flashj.io.lz4.Lz4FrameOutputStream;
import io.github.flashj.io.lz4.Lz4FramePieces;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

/** How output files are compressed: not at all, gzip ({@code -z}), Zstandard, LZ4, or through a program. */
public final class OutputCompression implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Gzip's default level, ISA-L's 2: on FASTQ its output is the smallest of ISA-L's levels (14%
     * larger than {@code flash -z}'s zlib level 6; level 3 is larger still), at level 1's speed,
     * over 10 times {@code flash -z -t 2}'s (docs/BENCHMARKS.md, "One member or frame per file;
     * gzip levels").
     */
    static final int GZIP_LEVEL = 2;
    /** Gzip levels above ISA-L's are zlib's, up to its 9. */
    private static final int ZLIB_MAX_LEVEL = 9;
    /** zlib's level for ISA-L's levels where zlib compresses: {@code flash -z}'s. */
    private static final int ZLIB_LEVEL = 6;
    private static final int ZSTD_LEVEL = 3;
    private static final int ZSTD_MAX_LEVEL = 22;

    /** The format FlashJ writes; {@link Compression#NONE} for plain text and for a program's output. */
    private final Compression format;
    /** The compression program; null when FlashJ writes the files itself. */
    private final String program;
    private final String arguments;
    private final int level;

    private OutputCompression(Compression format, String program, String arguments, int level) {
        this.format = format;
        this.program = program;
        this.arguments = arguments;
        this.level = level;
    }

    /** Plain text. */
    public static OutputCompression none() {
        return new OutputCompression(Compression.NONE, null, null, 0);
    }

    /** {@code format} at its default level: {@link #none()}, {@link #gzip()}, {@link #zstd()} or {@link #lz4()}. */
    public static OutputCompression of(Compression format) {
        switch (format) {
            case GZIP:
                return gzip();
            case ZSTD:
                return zstd();
            case LZ4:
                return lz4();
            default:
                return none();
        }
    }

    /**
     * Gzip, as {@code -z}: each file one gzip member. FASTQ output is compressed on the merge
     * workers, a raw deflate piece per batch, by ISA-L (level {@value #GZIP_LEVEL}; see
     * {@link #level(int)}) where the native library loads and by zlib (level 6, as {@code flash -z})
     * where it does not; other layouts by zlib as they are written.
     */
    public static OutputCompression gzip() {
        return new OutputCompression(Compression.GZIP, null, null, GZIP_LEVEL);
    }

    /**
     * Zstandard at level 3 (zstd's default), suffix {@code zst}: each file one frame, compressed by
     * zstd's own threads, one per processor.
     */
    public static OutputCompression zstd() {
        return new OutputCompression(Compression.ZSTD, null, null, ZSTD_LEVEL);
    }

    /**
     * LZ4, suffix {@code lz4}: each file one frame of independent 256 KiB blocks. FASTQ output is
     * compressed on the merge workers, a run of blocks per batch.
     */
    public static OutputCompression lz4() {
        return new OutputCompression(Compression.LZ4, null, null, 0);
    }

    /**
     * This compression at another level. Gzip: 0 to 3 are ISA-L's levels, fast (without the native
     * library, zlib compresses at level 6 instead); 4 to 9 are zlib's, as small as {@code gzip -N}'s
     * output and several times slower, still on every merge worker. Zstandard: 1 to 22.
     *
     * @throws IllegalArgumentException for a level out of range, or a compression without levels
     */
    public OutputCompression level(int level) {
        int max = format == Compression.GZIP ? ZLIB_MAX_LEVEL : format == Compression.ZSTD ? ZSTD_MAX_LEVEL : -1;
        if (max < 0) {
            throw new IllegalArgumentException("compression levels apply to gzip (0 to " + ZLIB_MAX_LEVEL
                    + ") and zstd (1 to " + ZSTD_MAX_LEVEL + "), not " + this);
        }
        int min = format == Compression.GZIP ? 0 : 1;
        if (level < min || level > max) {
            throw new IllegalArgumentException(format + " levels are " + min + " to " + max + ", not " + level);
        }
        return new OutputCompression(format, program, arguments, level);
    }

    /** The level (0 for plain text, LZ4 and programs). */
    public int level() {
        return level;
    }

    /** Whether ISA-L compresses this gzip level (where the native library loads). */
    boolean isalLevel() {
        return level <= IsalDeflate.MAX_LEVEL;
    }

    /** zlib's level for this gzip level: the level itself above ISA-L's, else {@code flash -z}'s. */
    int zlibLevel() {
        return isalLevel() ? ZLIB_LEVEL : level;
    }

    /**
     * Each file piped through {@code /bin/sh -c "PROGRAM ARGUMENTS -c -"}, as {@code --compress-prog}.
     *
     * @param program the program, as the shell should find it
     * @param arguments extra arguments, parsed by the shell; may be empty
     */
    public static OutputCompression program(String program, String arguments) {
        return new OutputCompression(Compression.NONE, Objects.requireNonNull(program, "program"),
                Objects.requireNonNull(arguments, "arguments"), 0);
    }

    /** The format FlashJ writes; {@link Compression#NONE} for plain text and for a compression program. */
    public Compression format() {
        return format;
    }

    /** The suffix after {@code .fastq} when none is given: the format's, or the program. */
    String defaultSuffix() {
        return usesProgram() ? program : format.suffix();
    }

    /** How FLASH's "Output format" line ends for this compression. */
    String description() {
        return usesProgram() ? ", filtered through '" + command() + "'" : format.description();
    }

    /** The compression program's command line, as the shell runs it. */
    String command() {
        return program + (arguments.isEmpty() ? "" : " " + arguments) + " -c -";
    }

    /**
     * Whether a file can be written as pieces compressed apart and joined between
     * {@link #fileStart} and {@link #fileEnd} ({@link Compression#joinsPieces()}).
     */
    public boolean joinsPieces() {
        return format.joinsPieces();
    }

    boolean isGzip() {
        return format == Compression.GZIP;
    }

    /** The digest a writer that sees the file's content in order keeps: LZ4's content checksum too. */
    PieceDigest startDigest() {
        return new PieceDigest(format == Compression.LZ4);
    }

    /**
     * What a file written in pieces starts with: gzip's header, or an LZ4 frame's header (with a
     * content checksum where {@code digest} keeps one).
     */
    public byte[] fileStart(PieceDigest digest) {
        requirePieces();
        return format == Compression.GZIP ? GzipPieces.HEADER.clone() : Lz4FramePieces.header(digest.contentChecksum() != null);
    }

    /** What a file written in pieces ends with, once {@code digest} has all its content. */
    public byte[] fileEnd(PieceDigest digest) {
        requirePieces();
        return format == Compression.GZIP ? GzipPieces.end(digest.crc32(), digest.length())
                : Lz4FramePieces.end(digest.contentChecksum());
    }

    private void requirePieces() {
        if (!joinsPieces()) {
            throw new IllegalStateException(this + " is not written in pieces");
        }
    }

    /**
     * A stream that compresses what it is given as pieces ({@link #joinsPieces()}) onto {@code out},
     * with no file start or end: one part of a file.
     */
    public PieceOutputStream pieces(OutputStream out) {
        return new PieceOutputStream(this, out);
    }

    /** Whether FlashJ compresses the output itself: gzip, Zstandard or LZ4. */
    public boolean compresses() {
        return format != Compression.NONE;
    }

    /** Whether the output goes through an external program ({@link #program}). */
    public boolean usesProgram() {
        return program != null;
    }

    /**
     * Wraps a stream that writes the file (or standard output) in this compression: the file is one
     * gzip member, Zstandard frame or LZ4 frame.
     *
     * @throws IllegalStateException for a compression program, which writes files itself
     */
    public OutputStream wrap(OutputStream out) throws IOException {
        if (usesProgram()) {
            throw new IllegalStateException("a compression program writes its files itself");
        }
        switch (format) {
            case GZIP:
                return new GzipOutputStream(out, zlibLevel());
            case ZSTD:
                // A content checksum, as the zstd and lz4 tools write by default: `zstd -t` and
                // `lz4 -t` then catch corrupted files. zstd's workers compress one frame in parallel.
                return new ZstdOutputStream(out, level).setChecksum(true)
                        .setWorkers(Runtime.getRuntime().availableProcessors());
            case LZ4:
                return new Lz4FrameOutputStream(out);
            default:
                return out;
        }
    }

    /**
     * {@link #wrap}, for a content whose length is known in advance: a Zstandard frame then states
     * it in its header, as decoders that decode a whole frame in one call need.
     */
    public OutputStream wrap(OutputStream out, long contentLength) throws IOException {
        return format == Compression.ZSTD ? new ZstdFileStream(out, level, null, contentLength) : wrap(out);
    }

    /**
     * {@link #wrap}, for a stream that writes {@code file} from its start: a Zstandard frame's
     * header gets the content's length once the stream is closed.
     */
    OutputStream wrapFile(OutputStream out, Path file) throws IOException {
        return wrapFile(out, file, 0);
    }

    /** {@link #wrapFile(OutputStream, Path)} for a stream that writes {@code file} from {@code start} on. */
    OutputStream wrapFile(OutputStream out, Path file, long start) throws IOException {
        return format == Compression.ZSTD ? new ZstdFileStream(out, level, file, -1, start) : wrap(out);
    }

    /** Starts the compression program writing to {@code file}. */
    Process startProgram(Path file) throws IOException {
        return startProgram(ProcessBuilder.Redirect.to(file.toFile()));
    }

    /** Starts the compression program writing to a pipe that the caller reads ({@code -c}). */
    Process startProgramToPipe() throws IOException {
        return startProgram(ProcessBuilder.Redirect.PIPE);
    }

    private Process startProgram(ProcessBuilder.Redirect output) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command());
        pb.redirectOutput(output);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return pb.start();
    }

    @Override
    public String toString() {
        return usesProgram() ? "program(" + command() + ")" : format.toString();
    }
}
