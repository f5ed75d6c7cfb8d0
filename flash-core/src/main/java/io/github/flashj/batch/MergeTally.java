package io.github.flashj.batch;

import io.github.flashj.JobStatistics;
import io.github.flashj.Refusal;
import java.io.Serializable;
import java.time.Duration;

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
    private static final long serialVersionUID = 2L;
    private final int maxOverlap;
    private long pairs;
    private long innie;
    private long outie;
    private long singles;
    private long overlapAboveMax;
    private final Histogram innieLengths = new Histogram(512);
    private final Histogram outieLengths = new Histogram(512);
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
            innieLengths.add(mergedLength);
        } else {
            outie++;
            outieLengths.add(mergedLength);
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
        innieLengths.add(other.innieLengths);
        outieLengths.add(other.outieLengths);
    }

    /** The max overlap parameter this tally was kept with. */
    public int maxOverlap() {
        return maxOverlap;
    }

    /** Pairs counted so far (lone tab-delimited reads not included). */
    public long pairs() {
        return pairs;
    }

    /** The run's statistics from these counts, with the wall time and no per-stage times. */
    public JobStatistics toStatistics(Duration wallTime) {
        return toStatistics(wallTime, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                JobStatistics.PipelineMetrics.NONE);
    }

    public JobStatistics toStatistics(Duration wall, Duration read, Duration parse, Duration merge, Duration prepare,
            Duration write, JobStatistics.PipelineMetrics metrics) {
        return new JobStatistics(pairs, innie, outie, singles, overlapAboveMax, refusals, innieLengths.toArray(),
                outieLengths.toArray(), wall, read, parse, merge, prepare, write, metrics);
    }
}
