package io.github.flashj.io.decode;

import io.github.flashj.gzip.SeekableGzipInputStream;
import java.nio.file.Path;

/**
 * How gzip files are decoded.
 *
 * @param threads rapidgzip's decoder threads per file, 0 for {@link #automaticThreads()}
 * @param indexDirectory where gzip indexes are kept and reused, or null for none
 * @param nativeDecoding whether FlashJ's native library may decode them (where it loads); false
 *     reads every gzip input with java.util.zip, in order
 * @param seekSpacing compressed bytes between the seek points of a file read by several
 *     producers, 0 for {@link DecodedInput#SEEK_SPACING}
 */
public record GzipInput(int threads, Path indexDirectory, boolean nativeDecoding, int seekSpacing) {
    public static final GzipInput DEFAULT = new GzipInput(0, null, true, 0);

    public GzipInput withThreads(int v) {
        return new GzipInput(v, indexDirectory, nativeDecoding, seekSpacing);
    }

    public GzipInput withIndexDirectory(Path v) {
        return new GzipInput(threads, v, nativeDecoding, seekSpacing);
    }

    public GzipInput withNativeDecoding(boolean v) {
        return new GzipInput(threads, indexDirectory, v, seekSpacing);
    }

    public GzipInput withSeekSpacing(int v) {
        return new GzipInput(threads, indexDirectory, nativeDecoding, v);
    }

    /** The decoder threads per file: as given, or a quarter of the processors, at least one. */
    int decoderThreads() {
        return threads > 0 ? threads : automaticThreads();
    }

    /** The compressed bytes between seek points: as given, or {@link DecodedInput#SEEK_SPACING}. */
    int seekPointSpacing() {
        return seekSpacing > 0 ? seekSpacing : DecodedInput.SEEK_SPACING;
    }

    /** Whether the native decoders are wanted and FlashJ's native library has loaded. */
    boolean nativeDecoders() {
        return nativeDecoding && SeekableGzipInputStream.nativeAvailable();
    }

    /**
     * A quarter of the processors, at least one: two mate files decode at once, and the merge
     * workers need the rest. One thread means ISA-L on the reader thread, the least CPU per byte;
     * on 2 cores rapidgzip's two threads took 3.7 s of CPU per 654 MB file against 0.9 s
     * (docs/BENCHMARKS.md).
     */
    public static int automaticThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 4);
    }
}
