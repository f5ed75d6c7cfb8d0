package io.github.flashj.io.input;

import java.nio.file.Path;

/**
 * How gzip files are decoded where the native library loads.
 *
 * @param threads rapidgzip's decoder threads per file, 0 for {@link #automaticThreads()}
 * @param indexDirectory where gzip indexes are kept and reused, or null for none
 */
record GzipInput(int threads, Path indexDirectory) {
    static final GzipInput DEFAULT = new GzipInput(0, null);

    /** The decoder threads per file: as given, or a quarter of the processors, at least one. */
    int decoderThreads() {
        return threads > 0 ? threads : automaticThreads();
    }

    /**
     * A quarter of the processors, at least one: two mate files decode at once, and the merge
     * workers need the rest. One thread means ISA-L on the reader thread, the least CPU per byte;
     * on 2 cores rapidgzip's two threads took 3.7 s of CPU per 654 MB file against 0.9 s
     * (docs/BENCHMARKS.md).
     */
    static int automaticThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 4);
    }
}
