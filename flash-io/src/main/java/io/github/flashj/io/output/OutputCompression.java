package io.github.flashj.io.output;

import com.github.luben.zstd.ZstdOutputStream;
import io.github.flashj.gzip.IsalDeflate;
import io.github.flashj.io.lz4.Lz4FrameOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

/** How output files are compressed: not at all, gzip ({@code -z}), Zstandard, LZ4, or through a program. */
public final class OutputCompression implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private enum Kind { NONE, GZIP, ZSTD, LZ4, PROGRAM }

    private static final int ZSTD_LEVEL = 3;

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

    /**
     * Gzip, as {@code -z}. FASTQ output is compressed on the merge workers, one gzip member per batch,
     * by ISA-L (level 1) where the native library loads and by zlib (level 6, as {@code flash -z})
     * where it does not; other layouts are one zlib member per file.
     */
    public static OutputCompression gzip() {
        return new OutputCompression(Kind.GZIP, null, null);
    }

    /** Zstandard at level 3 (zstd's default), suffix {@code zst}. */
    public static OutputCompression zstd() {
        return new OutputCompression(Kind.ZSTD, null, null);
    }

    /** LZ4 frames, suffix {@code lz4}. */
    public static OutputCompression lz4() {
        return new OutputCompression(Kind.LZ4, null, null);
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
            case ZSTD:
                return "zst";
            case LZ4:
                return "lz4";
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
            case ZSTD:
                return ", zstd";
            case LZ4:
                return ", lz4";
            case PROGRAM:
                return ", filtered through '" + command() + "'";
            default:
                return "";
        }
    }

    /** The compression program's command line, as the shell runs it. */
    String command() {
        return program + (arguments.isEmpty() ? "" : " " + arguments) + " -c -";
    }

    /**
     * Whether a block of output can be compressed on its own, off the writing thread: gzip (a
     * member), Zstandard and LZ4 (a frame) can; plain text and programs cannot.
     */
    boolean compressesBlocks() {
        return kind == Kind.GZIP || kind == Kind.ZSTD || kind == Kind.LZ4;
    }

    /**
     * Appends {@code data[0, length)} to {@code out} as one complete gzip member or frame; a file of
     * such blocks decodes to the blocks' data in order. An empty block is a valid empty file.
     */
    void compressBlock(byte[] data, int length, ByteBuilder out) throws IOException {
        if (kind == Kind.GZIP && IsalDeflate.available()) {
            byte[] room = out.reserve(IsalDeflate.maxMemberSize(length));
            int size = IsalDeflate.compressMember(data, 0, length, room, out.length(), IsalDeflate.DEFAULT_LEVEL);
            if (size < 0) {
                throw new IllegalStateException("ISA-L's gzip member of " + length + " bytes overran its bound");
            }
            out.advance(size);
            return;
        }
        try (OutputStream block = wrap(out.asOutputStream())) {
            block.write(data, 0, length);
        }
    }

    /**
     * What a file that holds no record contains: nothing for plain text, else one empty gzip member
     * or frame, which every decoder reads as an empty file. Applied once per file, by whoever writes
     * the file last.
     */
    public byte[] emptyFile() throws IOException {
        if (!compressesBlocks()) {
            return new byte[0];
        }
        ByteBuilder empty = new ByteBuilder(64);
        compressBlock(empty.array(), 0, empty);
        return java.util.Arrays.copyOf(empty.array(), empty.length());
    }

    /** Whether the output goes through an external program ({@link #program}). */
    public boolean usesProgram() {
        return kind == Kind.PROGRAM;
    }

    /**
     * Wraps a stream that writes the file (or standard output) in this compression. Streams of
     * parts written one after another make one valid file (gzip members, zstd and LZ4 frames).
     *
     * @throws IllegalStateException for a compression program, which writes files itself
     */
    public OutputStream wrap(OutputStream out) throws IOException {
        switch (kind) {
            case GZIP:
                return new GzipOutputStream(out);
            case ZSTD:
                // A content checksum, as the zstd and lz4 tools write by default: `zstd -t` and
                // `lz4 -t` then catch corrupted files.
                return new ZstdOutputStream(out, ZSTD_LEVEL).setChecksum(true);
            case LZ4:
                return new Lz4FrameOutputStream(out);
            case PROGRAM:
                throw new IllegalStateException("a compression program writes its files itself");
            default:
                return out;
        }
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
        return kind == Kind.PROGRAM ? "program(" + command() + ")" : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
