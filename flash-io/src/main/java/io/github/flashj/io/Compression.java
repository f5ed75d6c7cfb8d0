package io.github.flashj.io;

import java.util.Locale;
import java.util.Optional;

/**
 * The compression formats FlashJ reads and writes: the magic bytes a file in each starts with,
 * the suffix its output files get, how FLASH's log names it, and how its blocks join into a file.
 */
public enum Compression {
    /** Plain text. */
    NONE("", "", false),
    /** Gzip ({@code -z}), BGZF included: one member per output file. */
    GZIP("gz", ", gzip", true, bytes(0x1f, 0x8b)),
    /** Zstandard: one frame per output file. */
    ZSTD("zst", ", zstd", false, bytes(0x28, 0xb5, 0x2f, 0xfd)),
    /** LZ4 frames (the legacy format too when reading): one frame per output file. */
    LZ4("lz4", ", lz4", true, bytes(0x04, 0x22, 0x4d, 0x18), bytes(0x02, 0x21, 0x4c, 0x18));

    private final String suffix;
    private final String description;
    private final boolean joinsPieces;
    private final byte[][] magics;

    Compression(String suffix, String description, boolean joinsPieces, byte[]... magics) {
        this.suffix = suffix;
        this.description = description;
        this.joinsPieces = joinsPieces;
        this.magics = magics;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** The format's name in options ({@code --compress-format}, Spark's {@code compression}): {@code gzip}, ... */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named {@code name} ({@link #toString()}); empty for any other name. */
    public static Optional<Compression> named(String name) {
        for (Compression c : values()) {
            if (c.toString().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The suffix after {@code .fastq} when none is given: {@code gz}, {@code zst}, {@code lz4}, or empty. */
    public String suffix() {
        return suffix;
    }

    /** The format whose {@link #suffix()} is {@code suffix}; empty for any other suffix (or none). */
    public static Optional<Compression> ofSuffix(String suffix) {
        for (Compression c : values()) {
            if (c != NONE && c.suffix.equals(suffix)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** How FLASH's "Output format" line ends for this format: {@code ", gzip"}, ..., or empty. */
    public String description() {
        return description;
    }

    /**
     * Whether a file can be written as blocks compressed apart (on different threads or machines)
     * and joined: gzip (raw deflate pieces of one member) and LZ4 (runs of independent blocks of
     * one frame) can. A Zstandard frame cannot: a block compressed apart assumes the frame's
     * initial repeated offsets, which the blocks before it have changed.
     */
    public boolean joinsPieces() {
        return joinsPieces;
    }

    /**
     * The format data starting with {@code head[0, length)} is in, by its magic bytes; {@link #NONE}
     * for plain data. Skippable frames (which Zstandard's format defines, and LZ4's allows) are
     * passed over to the frame that follows; where {@code head} ends within them, the data is taken
     * for {@link #ZSTD}, and a decoder reads past them to whichever frame follows.
     */
    public static Compression of(byte[] head, int length) {
        int at = 0;
        while (skippableMagicAt(head, at, length)) {
            if (length - at < 8) {
                return ZSTD;
            }
            long frameEnd = at + 8L + ((head[at + 4] & 0xffL) | (head[at + 5] & 0xffL) << 8
                    | (head[at + 6] & 0xffL) << 16 | (head[at + 7] & 0xffL) << 24);
            if (frameEnd + 4 > length) {
                return ZSTD;
            }
            at = (int) frameEnd;
        }
        for (Compression c : values()) {
            for (byte[] magic : c.magics) {
                if (startsWith(head, at, length, magic)) {
                    return c;
                }
            }
        }
        return at > 0 ? ZSTD : NONE;
    }

    /**
     * Whether {@code head[0, length)} starts with a skippable frame: magic {@code 0x184D2A5?}, a
     * 4-byte length, ignored bytes. Zstandard and LZ4 data alike may start with one.
     */
    public static boolean startsWithSkippableFrame(byte[] head, int length) {
        return skippableMagicAt(head, 0, length);
    }

    /** Whether a skippable frame's magic stands at {@code head[at]}. */
    private static boolean skippableMagicAt(byte[] head, int at, int length) {
        return length - at >= 4 && (head[at] & 0xf0) == 0x50 && head[at + 1] == 0x2a && head[at + 2] == 0x4d
                && head[at + 3] == 0x18;
    }

    private static boolean startsWith(byte[] head, int at, int length, byte[] magic) {
        if (length - at < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[at + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
