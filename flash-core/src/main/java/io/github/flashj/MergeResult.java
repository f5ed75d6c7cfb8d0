package io.github.flashj;

import io.github.flashj.batch.MergeOutcome;
import java.util.Optional;

/**
 * What became of one pair in the in-memory API: merged (innie or outie) or not combined.
 *
 * @param orientation {@link Orientation#INNIE}, {@link Orientation#OUTIE} or
 *     {@link Orientation#NOT_COMBINED}
 * @param merged the merged read (tag as FLASH writes it, canonical bases, quality characters),
 *     present only when the pair merged
 * @param overlapLength the overlap length, 0 when not combined
 */
public record MergeResult(Orientation orientation, Optional<FastqRead> merged, int overlapLength) {
    /** How a pair was merged: the {@link MergeOutcome} codes of a pair, as an enum. */
    public enum Orientation {
        /** Not merged ({@link MergeOutcome#NOT_COMBINED}). */
        NOT_COMBINED,
        /** Read 2 overlaps the end of read 1 ({@link MergeOutcome#INNIE}). */
        INNIE,
        /** Read 1 overlaps the end of read 2 ({@link MergeOutcome#OUTIE}). */
        OUTIE;

        /** The orientation of a pair's outcome code (a lone read is not combined). */
        public static Orientation of(byte outcome) {
            switch (outcome) {
                case MergeOutcome.INNIE:
                    return INNIE;
                case MergeOutcome.OUTIE:
                    return OUTIE;
                default:
                    return NOT_COMBINED;
            }
        }
    }

    /** Whether the pair merged. */
    public boolean isCombined() {
        return orientation != Orientation.NOT_COMBINED;
    }
}
