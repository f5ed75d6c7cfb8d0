package io.github.flashj.gzip;

import java.io.IOException;
import java.util.Objects;

/**
 * Whole raw deflate streams decoded by ISA-L through the native library in one call, several times
 * faster than {@link java.util.zip.Inflater}: what a BGZF block holds. Usable where
 * {@link #available()}; elsewhere decode with {@code Inflater}, which gives the same bytes.
 * Thread-safe: each call has its own ISA-L state.
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
}
