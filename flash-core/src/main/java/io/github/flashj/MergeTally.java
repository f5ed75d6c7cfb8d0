package io.github.flashj;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;

/**
 * The counts of merge outcomes and the histograms of merged lengths, kept per part of a run and
 * added up: the same figures whether a run is counted on one committer thread or as chunks on a
 * cluster, each chunk counted where it was merged.
 *
 * <pre>{@code
 * MergeTally total = new MergeTally(parameters.maxOverlap());
 * for (MergeTally part : parts) {
 *     total.add(part);
 * }
 * JobStatistics stats = total.toStatistics(wallTime);
 * }</pre>
 *
 * <p>Not thread-safe; serializable, so that a Spark task can return its chunk's tally.
 */
public final class MergeTally implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int maxOverlap;
    private long pairs;
    private long innie;
    private long outie;
    private long singles;
    private long overlapAboveMax;
    private long[] innieHistogram = new long[512];
    private long[] outieHistogram = new long[512];
    /** Pairs not combined, by {@link Refusal}: counted by the merge, per batch. */
    private final long[] refusals = new long[Refusal.values().length];

    /**
     * An empty tally.
     *
     * @param maxOverlap the max overlap parameter, above which merged pairs are counted apart
     */
    public MergeTally(int maxOverlap) {
        this.maxOverlap = maxOverlap;
    }

    /** Counts every pair of a merged batch. */
    public void add(PairBatch batch) {
        for (int i = 0, n = batch.size(); i < n; i++) {
            add(batch, i);
        }
        for (Refusal reason : Refusal.values()) {
            refusals[reason.ordinal()] += batch.refusals(reason);
        }
    }

    /** Counts pair {@code i}; one call per pair, so that the JIT compiles it early (as BatchMerger). */
    private void add(PairBatch batch, int i) {
        byte outcome = batch.outcome(i);
        boolean merged = MergeOutcome.isCombined(outcome);
        add(outcome, merged ? batch.mergedLength(i) : 0, merged ? batch.overlapLength(i) : 0);
    }

    /**
     * Counts one pair (or lone read) merged elsewhere, for instance by {@code flash_merge} in SQL.
     * Why such a pair was not combined is not known here: it counts under no {@link Refusal}.
     *
     * @param outcome its {@link MergeOutcome}
     * @param mergedLength the length of the merged read (ignored unless the pair was combined)
     * @param overlapLength the overlap of the merged pair (ignored unless the pair was combined)
     */
    public void add(byte outcome, int mergedLength, int overlapLength) {
        if (outcome == MergeOutcome.SINGLE) {
            singles++;
            return;
        }
        pairs++;
        if (outcome == MergeOutcome.NOT_COMBINED) {
            return;
        }
        if (outcome == MergeOutcome.INNIE) {
            innie++;
            innieHistogram = count(innieHistogram, mergedLength, 1);
        } else {
            outie++;
            outieHistogram = count(outieHistogram, mergedLength, 1);
        }
        if (overlapLength > maxOverlap) {
            overlapAboveMax++;
        }
    }

    /**
     * Adds another part's counts.
     *
     * @throws IllegalArgumentException when the other tally was kept with another max overlap
     */
    public void add(MergeTally other) {
        if (other.maxOverlap != maxOverlap) {
            throw new IllegalArgumentException("tallies of max overlap " + maxOverlap + " and " + other.maxOverlap
                    + " cannot be added");
        }
        pairs += other.pairs;
        innie += other.innie;
        outie += other.outie;
        singles += other.singles;
        overlapAboveMax += other.overlapAboveMax;
        for (int r = 0; r < refusals.length; r++) {
            refusals[r] += other.refusals[r];
        }
        for (int len = other.innieHistogram.length - 1; len >= 0; len--) {
            if (other.innieHistogram[len] != 0) {
                innieHistogram = count(innieHistogram, len, other.innieHistogram[len]);
            }
        }
        for (int len = other.outieHistogram.length - 1; len >= 0; len--) {
            if (other.outieHistogram[len] != 0) {
                outieHistogram = count(outieHistogram, len, other.outieHistogram[len]);
            }
        }
    }

    /** Pairs counted so far (lone tab-delimited reads not included). */
    public long pairs() {
        return pairs;
    }

    private static long[] count(long[] histogram, int length, long n) {
        long[] h = length < histogram.length ? histogram : Arrays.copyOf(histogram, Math.max(length + 1, histogram.length * 2));
        h[length] += n;
        return h;
    }

    /** The run's statistics from these counts, with the wall time and no per-stage times. */
    public JobStatistics toStatistics(Duration wallTime) {
        return toStatistics(wallTime, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                JobStatistics.PipelineMetrics.NONE);
    }

    JobStatistics toStatistics(Duration wall, Duration read, Duration parse, Duration merge, Duration prepare,
            Duration write, JobStatistics.PipelineMetrics metrics) {
        return new JobStatistics(pairs, innie, outie, singles, overlapAboveMax, refusals, trim(innieHistogram),
                trim(outieHistogram), wall, read, parse, merge, prepare, write, metrics);
    }

    private static long[] trim(long[] h) {
        int n = h.length;
        while (n > 0 && h[n - 1] == 0) {
            n--;
        }
        return Arrays.copyOf(h, n);
    }
}
