package io.github.flashj.batch;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Counts by a value from 0 up (a merged read's length, an overlap, the mismatches in it), in an
 * array that grows to the largest value counted: the one way a run's histograms are kept, by
 * {@link MergeTally} and by the CLI's report.
 *
 * <p>Not thread-safe; serializable, as a {@link MergeTally} is.
 */
public final class Histogram implements Serializable {
    private static final long serialVersionUID = 1L;
    private long[] counts;

    /**
     * An empty histogram.
     *
     * @param values how many values (from 0) to make room for at first; it grows past them
     */
    public Histogram(int values) {
        counts = new long[Math.max(1, values)];
    }

    /** Counts {@code value} once. */
    public void add(int value) {
        add(value, 1);
    }

    /** Counts {@code value} {@code n} times. */
    public void add(int value, long n) {
        if (value >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(value + 1, 2 * counts.length));
        }
        counts[value] += n;
    }

    /** Adds another histogram's counts. */
    public void add(Histogram other) {
        long[] more = other.counts;
        int last = lastCounted(more);
        if (last >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(last + 1, 2 * counts.length));
        }
        for (int value = 0; value <= last; value++) {
            counts[value] += more[value];
        }
    }

    /** The counts by value, up to the largest value counted (empty when none was). */
    public long[] toArray() {
        return Arrays.copyOf(counts, lastCounted(counts) + 1);
    }

    private static int lastCounted(long[] counts) {
        int last = counts.length - 1;
        while (last >= 0 && counts[last] == 0) {
            last--;
        }
        return last;
    }
}
