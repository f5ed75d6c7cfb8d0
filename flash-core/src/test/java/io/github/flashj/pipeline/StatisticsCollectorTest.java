package io.github.flashj.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.JobStatistics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The queue-depth metrics: means and maxima, and the bounded series over time. */
class StatisticsCollectorTest {
    private static final long MS = 1_000_000L;

    private static JobStatistics finish(StatisticsCollector c) {
        return c.finish(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    @Test
    void meansAndMaxima_overEveryCommit() {
        StatisticsCollector c = new StatisticsCollector(65, 0);
        c.sampleDepths(0, 1, 0);
        c.sampleDepths(MS, 3, 2);
        c.sampleDepths(2 * MS, 2, 1);
        JobStatistics.PipelineMetrics m = finish(c).pipeline();
        assertEquals(2.0, m.meanMergeQueueDepth(), 1e-9);
        assertEquals(3, m.maxMergeQueueDepth());
        assertEquals(1.0, m.meanReorderDepth(), 1e-9);
        assertEquals(2, m.maxReorderDepth());
    }

    @Test
    void series_takesASampleEvery50Milliseconds() {
        StatisticsCollector c = new StatisticsCollector(65, 0);
        for (long t = 0; t <= 1000; t += 10) {
            c.sampleDepths(t * MS, (int) (t / 10) % 4, 0);
        }
        List<JobStatistics.DepthSample> series = finish(c).pipeline().overTime();
        assertEquals(21, series.size(), series.toString());
        for (int k = 0; k < series.size(); k++) {
            assertEquals(Duration.ofMillis(50L * k), series.get(k).at());
        }
    }

    @Test
    void series_staysBoundedAndEven_byThinning() {
        StatisticsCollector c = new StatisticsCollector(65, 0);
        for (long t = 0; t < 5 * StatisticsCollector.MAX_SAMPLES; t++) {
            c.sampleDepths(t * 50 * MS, 1, 1);
        }
        List<JobStatistics.DepthSample> series = finish(c).pipeline().overTime();
        assertTrue(series.size() <= StatisticsCollector.MAX_SAMPLES && series.size() >= StatisticsCollector.MAX_SAMPLES / 2,
                "size " + series.size());
        Duration step = series.get(1).at().minus(series.get(0).at());
        for (int k = 1; k < series.size(); k++) {
            assertEquals(step, series.get(k).at().minus(series.get(k - 1).at()), "even spacing at " + k);
        }
        assertEquals(Duration.ZERO, series.get(0).at());
    }
}
