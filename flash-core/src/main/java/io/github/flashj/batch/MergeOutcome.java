package io.github.flashj.batch;

import io.github.flashj.MergeResult;

/**
 * What became of a pair, as one byte: the code that the kernel returns, that a {@link PairBatch}
 * stores per pair ({@link PairBatch#outcome}), and that every sink, counter and writer reads.
 * {@link MergeResult.Orientation} is the same outcome as an enum, for the object API.
 */
public final class MergeOutcome {
    /** Not merged, or not yet merged. */
    public static final byte NOT_COMBINED = 0;
    /** Merged with read 2 (reverse-complemented) overlapping the end of read 1. */
    public static final byte INNIE = 1;
    /** Merged with read 1 overlapping the end of read 2 (reverse-complemented). */
    public static final byte OUTIE = 2;
    /** A lone read (a 3-field tab-delimited line): passed through, never merged. */
    public static final byte SINGLE = 3;

    private MergeOutcome() {
    }

    /** Whether the outcome is a merge, innie or outie. */
    public static boolean isCombined(byte outcome) {
        return outcome == INNIE || outcome == OUTIE;
    }
}
