package io.github.flashj.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Counts by value, growing past the room made at first, added up, and read up to the largest value counted. */
class HistogramTest {
    @Test
    void emptyGivesNoValue() {
        assertArrayEquals(new long[0], new Histogram(8).toArray());
    }

    @Test
    void growsToTheLargestValueCounted() {
        Histogram h = new Histogram(2);
        h.add(0);
        h.add(5);
        h.add(5);
        h.add(40, 3);
        long[] want = new long[41];
        want[0] = 1;
        want[5] = 2;
        want[40] = 3;
        assertArrayEquals(want, h.toArray());
    }

    @Test
    void addsAnotherHistogramLongerOrShorter() {
        Histogram a = new Histogram(4);
        a.add(1);
        a.add(3);
        Histogram b = new Histogram(100);
        b.add(3);
        b.add(9, 2);
        a.add(b);
        assertArrayEquals(new long[] {0, 1, 0, 2, 0, 0, 0, 0, 0, 2}, a.toArray());
        b.add(a);
        assertArrayEquals(new long[] {0, 1, 0, 3, 0, 0, 0, 0, 0, 4}, b.toArray());
        a.add(new Histogram(1));
        assertArrayEquals(new long[] {0, 1, 0, 2, 0, 0, 0, 0, 0, 2}, a.toArray());
    }
}
