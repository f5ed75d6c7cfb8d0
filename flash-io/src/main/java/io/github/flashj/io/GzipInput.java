package io.github.flashj.io;

import java.nio.file.Path;

/**
 * How gzip files are decoded where the native library loads.
 *
 * @param threads rapidgzip's decoder threads per file, 0 for one per core
 * @param indexDirectory where gzip indexes are kept and reused, or null for none
 */
record GzipInput(int threads, Path indexDirectory) {
    static final GzipInput DEFAULT = new GzipInput(0, null);
}
