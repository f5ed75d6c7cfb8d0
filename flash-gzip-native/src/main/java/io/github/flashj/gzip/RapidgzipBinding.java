package io.github.flashj.gzip;

import java.nio.ByteBuffer;

/**
 * The native methods of libflashj-rapidgzip (src/main/native/flashj_rapidgzip.cpp). Callable only
 * once {@link NativeLibrary#available()} is true. Every method reports a native failure as an
 * IOException carrying rapidgzip's or ISA-L's message, without the file's name.
 */
final class RapidgzipBinding {
    private RapidgzipBinding() {
    }

    /** rapidgzip's version, e.g. {@code 0.16.1}. */
    static native String version();

    /**
     * Opens a gzip file for parallel decoding.
     *
     * @param path the path in the platform's file-name encoding
     * @param parallelism decoder threads, 0 for one per core
     * @param chunkSize compressed bytes per chunk that one thread decodes
     * @param keepIndex whether to keep the seek points needed to seek back and to export an index
     * @return a handle for the other methods, to be {@linkplain #close closed} exactly once
     */
    static native long open(byte[] path, int parallelism, int chunkSize, boolean keepIndex)
            throws java.io.IOException;

    /** Decodes up to {@code length} bytes into the start of a direct buffer; 0 at the end. */
    static native int read(long handle, ByteBuffer direct, int length) throws java.io.IOException;

    /** Moves to a decompressed offset; returns the new offset. */
    static native long seek(long handle, long offset) throws java.io.IOException;

    /** The current decompressed offset. */
    static native long tell(long handle) throws java.io.IOException;

    /** The decompressed size, or -1 while it is not yet known. */
    static native long size(long handle) throws java.io.IOException;

    /** Where decoding ended in the compressed file, in bytes, once the whole file has been read; -1 before. */
    static native long compressedEnd(long handle) throws java.io.IOException;

    /** Reads seek points from an index file (indexed_gzip or gztool format). */
    static native void importIndex(long handle, byte[] path) throws java.io.IOException;

    /** Writes the seek points found so far to an index file (indexed_gzip format). */
    static native void exportIndex(long handle, byte[] path) throws java.io.IOException;

    /** Stops the decoder threads and frees the reader. */
    static native void close(long handle) throws java.io.IOException;

    /** Opens a gzip file for sequential decoding by ISA-L on the calling thread. */
    static native long openSequential(byte[] path) throws java.io.IOException;

    /**
     * Decodes into {@code output[offset, offset + length)} (length above 0); 0 at the end. Bytes
     * after the last member that do not start another are ignored, as zlib does.
     */
    static native int readSequential(long handle, byte[] output, int offset, int length) throws java.io.IOException;

    /** Closes the file and frees the decoder. */
    static native void closeSequential(long handle);

    /**
     * Compresses {@code input[offset, offset + length)} with ISA-L into raw deflate blocks at
     * {@code output[outputOffset, outputOffset + outputLength)}, none final, ending on a byte boundary.
     *
     * @param level ISA-L's level, 0 to 3
     * @return the size, or -1 when it does not fit
     */
    static native int compressPiece(byte[] input, int offset, int length, byte[] output, int outputOffset,
            int outputLength, int level) throws java.io.IOException;

    /**
     * Decodes {@code input[offset, offset + length)}, one whole raw deflate stream, into
     * {@code output[outputOffset, outputOffset + outputLength)} with ISA-L in one call.
     *
     * @return the size; -1 when the output is too small or the stream does not end in the input
     */
    static native int inflateWhole(byte[] input, int offset, int length, byte[] output, int outputOffset,
            int outputLength) throws java.io.IOException;

    /**
     * Decodes raw deflate from bit {@code skipBits} of {@code input[offset]} with ISA-L, the
     * dictionary given, until {@code output[outputOffset, outputOffset + outputLength)} is full.
     *
     * @return {@code outputLength}; -1 when the stream or the input ends first
     */
    static native int inflateFrom(byte[] input, int offset, int length, int skipBits, byte[] dictionary,
            int dictionaryLength, byte[] output, int outputOffset, int outputLength) throws java.io.IOException;

    /** A new ISA-L state for {@link DeflateStream}'s blocks, to be {@linkplain #blockInflaterClose closed} once. */
    static native long blockInflaterOpen() throws java.io.IOException;

    /** Frees a state of {@link #blockInflaterOpen}. */
    static native void blockInflaterClose(long handle);

    /**
     * Starts a raw deflate block at bit {@code skipBits} of the byte {@code firstByte}, which the
     * state takes (the input goes on after it), with {@code dictionary[dictionaryOffset,
     * dictionaryOffset + dictionaryLength)} the data right before the block.
     */
    static native void blockStart(long handle, int firstByte, int skipBits, byte[] dictionary, int dictionaryOffset,
            int dictionaryLength) throws java.io.IOException;

    /**
     * Goes on decoding the block started by {@link #blockStart} from {@code input[offset, offset +
     * length)} into {@code output[outputOffset, outputOffset + outputLength)}, until the block ends,
     * the output is full or the input is used up.
     *
     * @param progress receives the input bytes taken, the bits of them the state holds unused, and 1
     *     when the block ended (2 when it was the stream's final block), 0 when it goes on, or ISA-L's
     *     negative status when the data are not deflate ({@code ISAL_INVALID_BLOCK} -1,
     *     {@code ISAL_INVALID_SYMBOL} -2, {@code ISAL_INVALID_LOOKBACK} -3)
     * @return the bytes written
     */
    static native int blockInflate(long handle, byte[] input, int offset, int length, byte[] output,
            int outputOffset, int outputLength, int[] progress) throws java.io.IOException;
}
