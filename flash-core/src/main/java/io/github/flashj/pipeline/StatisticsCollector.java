package io.github.flashj.pipeline;

import io.github.flashj.JobStatistics;
import io.github.flashj.batch.MergeTally;
import io.github.flashj.batch.PairBatch;
import java.time.Duration;

/** Counts outcomes batch by batch on the committing thread. */
final class StatisticsCollector {
    /** The most queue-depth samples kept; the series is thinned to half when it fills. */
    static final int MAX_SAMPLES = 2048;
    private final MergeTally tally;
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
        this.tally = new MergeTally(maxOverlap);
        this.started = startNanoTime;
    }

    void add(PairBatch batch) {
        tally.add(batch);
    }

    /** Adds the counts an earlier run made before the checkpoint this run resumes from. */
    void restore(MergeTally earlier) {
        tally.add(earlier);
    }

    /** The counts so far; read on the committing thread only. */
    MergeTally tally() {
        return tally;
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

    JobStatistics finish(Duration wall, Duration read, Duration parse, Duration merge, Duration prepare,
            Duration write) {
        JobStatistics.PipelineMetrics metrics = new JobStatistics.PipelineMetrics(
                depthSamples == 0 ? 0 : (double) mergeQueueDepthSum / depthSamples, mergeQueueDepthMax,
                depthSamples == 0 ? 0 : (double) reorderDepthSum / depthSamples, reorderDepthMax,
                Duration.ofNanos(commitWaitNanos), java.util.List.copyOf(samples));
        return tally.toStatistics(wall, read, parse, merge, prepare, write, metrics);
    }
}
