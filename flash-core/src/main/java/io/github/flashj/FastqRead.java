package io.github.flashj;

import io.github.flashj.batch.PairBatch;
import java.util.Objects;

/**
 * One read as text, for the in-memory API: its tag (with or without the leading {@code @}), its
 * bases and its quality characters. Not used on hot paths, which work on {@link PairBatch}.
 *
 * @param tag the tag line
 * @param sequence the bases
 * @param quality the quality characters, as long as the sequence
 */
public record FastqRead(String tag, String sequence, String quality) {
    /** Checks that no part is null and that sequence and quality have the same length. */
    public FastqRead {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(quality, "quality");
        if (sequence.length() != quality.length()) {
            throw new IllegalArgumentException("read " + tag + ": sequence length " + sequence.length()
                    + " differs from quality length " + quality.length());
        }
    }
}
