package io.github.flashj;

import io.github.flashj.batch.BatchMerger;
import io.github.flashj.batch.MergeTally;
import java.time.Duration;
import java.util.Arrays;

/**
 * What a run did: pair counts, the histograms of merged lengths and where the time went.
 *
 * <p>Immutable; returned by {@link FlashJob#run()} and handed to {@link OrderedSink#complete}.
 */
public final class JobStatistics {
    private final long pairs;
    private final long innie;
    private final long outie;
    private final long singles;
    private final long overlapAboveMax;
    private final long[] refusals;
    private final long[] histogram;
    private final long[] innieHistogram;
    private final long[] outieHistogram;
    private final Duration wallTime;
    private final Duration readTime;
    private final Duration parseTime;
    private final Duration mergeTime;
    private final Duration prepareTime;
    private final Duration writeTime;
    private final PipelineMetrics pipeline;

    /**
     * How the pipeline's queues behaved, sampled each time a batch was committed.
     *
     * @param meanMergeQueueDepth mean number of batches read and waiting for a merge worker
     * @param maxMergeQueueDepth the most batches ever waiting for a merge worker
     * @param meanReorderDepth mean number of merged batches held back until an earlier one was
     *     committed
     * @param maxReorderDepth the most merged batches ever held back
     * @param commitWait wall time the committer waited with no batch ready to write
     * @param overTime the two depths as the run went: a sample every 50 ms or more (the rate halves
     *     whenever 2048 samples are kept)
     */
    public record PipelineMetrics(double meanMergeQueueDepth, int maxMergeQueueDepth, double meanReorderDepth,
            int maxReorderDepth, Duration commitWait, java.util.List<DepthSample> overTime) {
        /** No pipeline figures: a run made of parts counted elsewhere, such as a Spark job. */
        public static final PipelineMetrics NONE = new PipelineMetrics(0, 0, 0, 0, Duration.ZERO, java.util.List.of());

        @Override
        public String toString() {
            return "PipelineMetrics[meanMergeQueueDepth=" + String.format(java.util.Locale.ROOT, "%.2f",
                    meanMergeQueueDepth) + ", maxMergeQueueDepth=" + maxMergeQueueDepth + ", meanReorderDepth="
                    + String.format(java.util.Locale.ROOT, "%.2f", meanReorderDepth) + ", maxReorderDepth="
                    + maxReorderDepth + ", commitWait=" + commitWait.toMillis() + "ms, samples=" + overTime.size()
                    + "]";
        }
    }

    /**
     * The queue depths at one moment of a run.
     *
     * @param at time since the run started
     * @param mergeQueueDepth batches read and waiting for a merge worker
     * @param reorderDepth merged batches held back until an earlier one is committed
     */
    public record DepthSample(Duration at, int mergeQueueDepth, int reorderDepth) {
    }

    /** The statistics of a run; runners make them through {@link io.github.flashj.batch.MergeTally}. */
    public JobStatistics(long pairs, long innie, long outie, long singles, long overlapAboveMax, long[] refusals,
            long[] innieHistogram,
            long[] outieHistogram, Duration wallTime, Duration readTime, Duration parseTime, Duration mergeTime,
            Duration prepareTime, Duration writeTime, PipelineMetrics pipeline) {
        this.pairs = pairs;
        this.innie = innie;
        this.outie = outie;
        this.singles = singles;
        this.overlapAboveMax = overlapAboveMax;
        this.refusals = refusals.clone();
        this.innieHistogram = innieHistogram.clone();
        this.outieHistogram = outieHistogram.clone();
        this.histogram = new long[Math.max(innieHistogram.length, outieHistogram.length)];
        for (int i = 0; i < histogram.length; i++) {
            histogram[i] = (i < innieHistogram.length ? innieHistogram[i] : 0)
                    + (i < outieHistogram.length ? outieHistogram[i] : 0);
        }
        this.wallTime = wallTime;
        this.readTime = readTime;
        this.parseTime = parseTime;
        this.mergeTime = mergeTime;
        this.prepareTime = prepareTime;
        this.writeTime = writeTime;
        this.pipeline = pipeline;
    }

    /** Read pairs processed (lone tab-delimited reads not counted). */
    public long pairs() {
        return pairs;
    }

    /** Pairs merged, in either orientation. */
    public long combined() {
        return innie + outie;
    }

    /** Pairs merged in the innie orientation. */
    public long combinedInnie() {
        return innie;
    }

    /** Pairs merged in the outie orientation. */
    public long combinedOutie() {
        return outie;
    }

    /** Pairs not merged. */
    public long notCombined() {
        return pairs - innie - outie;
    }

    /** Lone reads of tab-delimited input, passed through unmerged. */
    public long singles() {
        return singles;
    }

    /** Merged pairs whose overlap was longer than the max overlap parameter. */
    public long overlapAboveMaxOverlap() {
        return overlapAboveMax;
    }

    /**
     * Pairs not combined for {@code reason}. The counts add up to {@link #notCombined()} for
     * pairs merged by {@link BatchMerger}; pairs counted from their outcome alone
     * ({@link MergeTally#add(byte, int, int)}) count under no reason.
     */
    public long refusals(Refusal reason) {
        return refusals[reason.ordinal()];
    }

    /** Percent of pairs merged, 0 when there were none. */
    public double percentCombined() {
        return pairs == 0 ? 0 : 100.0 * combined() / pairs;
    }

    /** Count of merged reads by length: index is the length. A copy. */
    public long[] histogram() {
        return histogram.clone();
    }

    /** Count of innie merged reads by length. A copy. */
    public long[] innieHistogram() {
        return innieHistogram.clone();
    }

    /** Count of outie merged reads by length. A copy. */
    public long[] outieHistogram() {
        return outieHistogram.clone();
    }

    /** Wall time of the run. */
    public Duration wallTime() {
        return wallTime;
    }

    /** CPU time the reader spent filling batches (reading and cutting input into records). */
    public Duration readTime() {
        return readTime;
    }

    /** CPU time the merge workers spent parsing input whose parsing the source deferred, summed over workers. */
    public Duration parseTime() {
        return parseTime;
    }

    /** CPU time the merge workers spent merging, summed over workers. */
    public Duration mergeTime() {
        return mergeTime;
    }

    /**
     * CPU time the merge workers spent in the sinks' {@link OrderedSink#prepare} step (such as
     * formatting and compressing output), summed over workers.
     */
    public Duration prepareTime() {
        return prepareTime;
    }

    /** CPU time the committer spent in the sinks (formatting and writing). */
    public Duration writeTime() {
        return writeTime;
    }

    /** Queue depths and the committer's waiting, as the run went. */
    public PipelineMetrics pipeline() {
        return pipeline;
    }

    /** Pairs per second of wall time. */
    public double pairsPerSecond() {
        double s = wallTime.toNanos() / 1e9;
        return s == 0 ? 0 : pairs / s;
    }

    @Override
    public String toString() {
        return "JobStatistics[pairs=" + pairs + ", combined=" + combined() + " (innie " + innie + ", outie " + outie
                + "), notCombined=" + notCombined() + ", wall=" + wallTime.toMillis() + "ms, "
                + String.format(java.util.Locale.ROOT, "%.0f pairs/s", pairsPerSecond()) + ", histogramLengths="
                + Arrays.stream(histogram).filter(c -> c > 0).count() + ", " + pipeline + "]";
    }
}
