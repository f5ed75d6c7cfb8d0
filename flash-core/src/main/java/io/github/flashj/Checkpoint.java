package io.github.flashj;

import io.github.flashj.batch.MergeTally;
import java.util.Arrays;

/**
 * A consistent cut of a run between two batches, in commit order: the pairs committed before it,
 * where the input stands after them ({@link ResumableSource#position}), and the statistics so far.
 * A {@link RunJournal} records it; a resumed run starts from it. Immutable.
 */
public final class Checkpoint {
    private final long[] inputPosition;
    private final MergeTally tally;

    /**
     * @param inputPosition the source's position after the last batch committed
     * @param tally the counts and histograms of every pair committed (copied)
     */
    public Checkpoint(long[] inputPosition, MergeTally tally) {
        this.inputPosition = inputPosition.clone();
        this.tally = copy(tally);
    }

    /** The pairs committed before the cut (lone tab-delimited reads not included). */
    public long pairs() {
        return tally.pairs();
    }

    /** The source's position after the last batch committed. */
    public long[] inputPosition() {
        return inputPosition.clone();
    }

    /** The counts and histograms of the pairs committed before the cut (a copy). */
    public MergeTally tally() {
        return copy(tally);
    }

    private static MergeTally copy(MergeTally t) {
        MergeTally c = new MergeTally(t.maxOverlap());
        c.add(t);
        return c;
    }

    @Override
    public String toString() {
        return "Checkpoint[pairs=" + pairs() + ", input=" + Arrays.toString(inputPosition) + "]";
    }
}
