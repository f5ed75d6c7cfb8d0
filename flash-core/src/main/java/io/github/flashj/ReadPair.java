package io.github.flashj;

import java.util.Objects;

/**
 * A read pair for the in-memory API: read 1 and read 2, each as sequenced.
 *
 * @param read1 read 1
 * @param read2 read 2, in its original orientation
 */
public record ReadPair(FastqRead read1, FastqRead read2) {
    /** Checks that neither read is null. */
    public ReadPair {
        Objects.requireNonNull(read1, "read1");
        Objects.requireNonNull(read2, "read2");
    }

    /** A pair from six strings: tag, bases and qualities of each mate. */
    public static ReadPair of(String tag1, String seq1, String qual1, String tag2, String seq2, String qual2) {
        return new ReadPair(new FastqRead(tag1, seq1, qual1), new FastqRead(tag2, seq2, qual2));
    }
}
