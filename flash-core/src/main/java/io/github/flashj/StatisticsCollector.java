package io.github.flashj;

import java.time.Duration;
import java.util.Arrays;

/** Counts outcomes batch by batch on the committing thread. */
final class StatisticsCollector {
    /** The most queue-depth samples kept; the series is thinned to half when it fills. */
    static final int MAX_SAMPLES = 2048;
    private final int maxOverlap;
    private long pairs;
    private long innie;
    private long outie;
    private long singles;
    private long overlapAboveMax;
    private long[] innieHistogram = new long[512];
    private long[] outieHistogram = new long[512];
    private long depthSamples;
    private long mergeQueueDepthSum;
    private int mergeQueueDepthMax;
    private long reorderDepthSum;
    private int reorderDepthMax;
    private long commitWaitNanos;
    private final long started;
    private long sampleInterval = 50_000_000L;
    private long nextSampleAt;
    private final java.util.ArrayList<JobStatistics.DepthSample> samples = new java.util.ArrayList<>();

    StatisticsCollector(int maxOverlap, long startNanoTime) {
        this.maxOverlap = maxOverlap;
        this.started = startNanoTime;
    }

    void add(PairBatch batch) {
        for (int i = 0, n = batch.size(); i < n; i++) {
            add(batch, i);
        }
    }

    /** Counts pair {@code i}; one call per pair, so that the JIT compiles it early (as BatchMerger). */
    private void add(PairBatch batch, int i) {
        byte outcome = batch.outcome(i);
        if (outcome == PairBatch.SINGLE) {
            singles++;
            return;
        }
        pairs++;
        if (outcome == PairBatch.NOT_COMBINED) {
            return;
        }
        int length = batch.mergedLength(i);
        if (outcome == PairBatch.INNIE) {
            innie++;
            innieHistogram = count(innieHistogram, length);
        } else {
            outie++;
            outieHistogram = count(outieHistogram, length);
        }
        if (batch.overlapLength(i) > maxOverlap) {
            overlapAboveMax++;
        }
    }

    /**
     * Records, at a commit at {@code nanoTime} ({@link System#nanoTime()}), how many batches wait
     * for a worker and how many merged batches wait for an earlier one to be committed first.
     */
    void sampleDepths(long nanoTime, int mergeQueue, int reorder) {
        long now = nanoTime - started;
        if (now >= nextSampleAt) {
            if (samples.size() == MAX_SAMPLES) {
                // Keep every other sample and halve the rate: the series stays bounded and even.
                for (int k = 0; k < MAX_SAMPLES / 2; k++) {
                    samples.set(k, samples.get(2 * k));
                }
                samples.subList(MAX_SAMPLES / 2, MAX_SAMPLES).clear();
                sampleInterval *= 2;
            }
            samples.add(new JobStatistics.DepthSample(Duration.ofNanos(now), mergeQueue, reorder));
            nextSampleAt = now + sampleInterval;
        }
        depthSamples++;
        mergeQueueDepthSum += mergeQueue;
        mergeQueueDepthMax = Math.max(mergeQueueDepthMax, mergeQueue);
        reorderDepthSum += reorder;
        reorderDepthMax = Math.max(reorderDepthMax, reorder);
    }

    /** Records time the committer waited with no batch ready. */
    void addCommitWait(long nanos) {
        commitWaitNanos += nanos;
    }

    private static long[] count(long[] histogram, int length) {
        long[] h = length < histogram.length ? histogram : Arrays.copyOf(histogram, Math.max(length + 1, histogram.length * 2));
        h[length]++;
        return h;
    }

    JobStatistics finish(Duration wall, Duration read, Duration parse, Duration merge, Duration prepare,
            Duration write) {
        JobStatistics.PipelineMetrics metrics = new JobStatistics.PipelineMetrics(
                depthSamples == 0 ? 0 : (double) mergeQueueDepthSum / depthSamples, mergeQueueDepthMax,
                depthSamples == 0 ? 0 : (double) reorderDepthSum / depthSamples, reorderDepthMax,
                Duration.ofNanos(commitWaitNanos), java.util.List.copyOf(samples));
        return new JobStatistics(pairs, innie, outie, singles, overlapAboveMax, trim(innieHistogram),
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
