package io.github.flashj.gzip;

import java.io.IOException;
import java.util.Objects;

/**
 * Deflate compressed by ISA-L through the native library, several times faster than zlib's default
 * level: pieces of raw deflate that join into one stream, so that one gzip member can be compressed
 * in parallel, a piece per thread. Usable where {@link #available()}; elsewhere compress with
 * {@link java.util.zip.Deflater} ({@code SYNC_FLUSH} gives such pieces too). Thread-safe: each
 * thread has its own ISA-L state.
 */
public final class IsalDeflate {
    /** The highest of ISA-L's levels, 0 (fastest) to 3 (smallest). */
    public static final int MAX_LEVEL = 3;

    private IsalDeflate() {
    }

    /** Whether the native library loaded. */
    public static boolean available() {
        return NativeLibrary.available();
    }

    /** Room enough for the piece of {@code length} bytes at any level. */
    public static int maxPieceSize(int length) {
        // Stored blocks at worst: 5 bytes per 64 KiB block, plus the flush marker and slack.
        return length + (length >>> 12) + 1024;
    }

    /**
     * Compresses {@code input[offset, offset + length)} into raw deflate blocks written at
     * {@code output[outputOffset]}: none is final and the last ends on a byte boundary, so pieces
     * written one after another form one deflate stream, which a final block then ends (an empty
     * fixed-Huffman block: bytes {@code 03 00}). Each piece refers to no data before it.
     *
     * @param level 0 (fastest) to {@value #MAX_LEVEL}
     * @return the piece's size, or -1 when it does not fit in {@code output}
     * @throws IllegalStateException when the native library is not loaded
     */
    public static int compressPiece(byte[] input, int offset, int length, byte[] output, int outputOffset, int level)
            throws IOException {
        Objects.checkFromIndexSize(offset, length, input.length);
        Objects.checkIndex(outputOffset, output.length + 1);
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("ISA-L levels are 0 to " + MAX_LEVEL + ", not " + level);
        }
        if (!available()) {
            throw new IllegalStateException("the native library is not loaded: " + NativeLibrary.unavailableReason());
        }
        return RapidgzipBinding.compressPiece(input, offset, length, output, outputOffset,
                output.length - outputOffset, level);
    }
}
