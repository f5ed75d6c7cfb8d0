package io.github.flashj.gzip;

import java.io.IOException;
import java.util.Objects;

/**
 * Raw deflate decoded by ISA-L through the native library in one call, several times faster than
 * {@link java.util.zip.Inflater} or {@link DeflateStream}: a whole stream (what a BGZF block holds),
 * or a run of a stream from any block with its window (a segment of a gzip file between two seek
 * points). Usable where {@link #available()}; elsewhere decode with {@code Inflater} or
 * {@code DeflateStream}, which give the same bytes. Thread-safe: each call has its own ISA-L state.
 */
public final class IsalInflate {
    private IsalInflate() {
    }

    /** Whether the native library loaded. */
    public static boolean available() {
        return NativeLibrary.available();
    }

    /**
     * Decodes {@code input[offset, offset + length)}, one whole raw deflate stream (ending with a
     * final block), into {@code output} from {@code outputOffset}.
     *
     * @return the decoded size; -1 when {@code output} cannot hold it or the stream does not end
     *     within the input
     * @throws IOException with ISA-L's message when the data are not deflate
     * @throws IllegalStateException when the native library is not loaded
     */
    public static int inflateWhole(byte[] input, int offset, int length, byte[] output, int outputOffset)
            throws IOException {
        Objects.checkFromIndexSize(offset, length, input.length);
        Objects.checkIndex(outputOffset, output.length + 1);
        if (!available()) {
            throw new IllegalStateException("the native library is not loaded: " + NativeLibrary.unavailableReason());
        }
        return RapidgzipBinding.inflateWhole(input, offset, length, output, outputOffset, output.length - outputOffset);
    }

    /**
     * Decodes raw deflate from bit {@code bitOffset} (0 to 7) of {@code input[offset]}, a block's
     * first bit, with {@code window} (the data's last bytes before the block, at most
     * {@link DeflateStream#WINDOW}), into {@code output[0, outputLength)}, when the stream goes on
     * past it.
     *
     * @param length the input's bytes from {@code offset}, enough to decode the output and a byte
     * @return true when the output is filled and the stream goes on after it; false when the
     *     stream (its final block) or the input ends first, so that the caller decodes otherwise
     * @throws IOException with ISA-L's message when the data are not deflate
     * @throws IllegalStateException when the native library is not loaded
     */
    public static boolean inflateFrom(byte[] input, int offset, int length, int bitOffset, byte[] window,
            byte[] output, int outputLength) throws IOException {
        Objects.checkFromIndexSize(offset, length, input.length);
        Objects.checkFromIndexSize(0, outputLength, output.length);
        Objects.checkIndex(bitOffset, 8);
        if (window.length > DeflateStream.WINDOW) {
            throw new IllegalArgumentException("a window of " + window.length + " bytes");
        }
        if (!available()) {
            throw new IllegalStateException("the native library is not loaded: " + NativeLibrary.unavailableReason());
        }
        return outputLength == 0 || RapidgzipBinding.inflateFrom(input, offset, length, bitOffset, window,
                window.length, output, 0, outputLength) == outputLength;
    }
}
