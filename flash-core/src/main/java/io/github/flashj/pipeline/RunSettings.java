package io.github.flashj.pipeline;

import io.github.flashj.FlashJob;
import io.github.flashj.MergeParameters;
import io.github.flashj.OrderedSink;
import io.github.flashj.PairSource;
import io.github.flashj.kernel.MergeKernel;
import java.time.Duration;
import java.util.List;

/**
 * What a run is given: its source and sinks, the kernel and parameters its workers merge with, and
 * its bounds, checked by {@link FlashJob.Builder#build()}.
 *
 * @param workers merge workers
 * @param batchSize pairs per batch
 * @param inFlight the most batches that exist at once
 * @param resume whether the run resumes an earlier one from its journal
 * @param checkpointInterval how often a checkpoint is recorded; zero for never
 */
public record RunSettings(PairSource source, List<OrderedSink> sinks, MergeKernel kernel, MergeParameters params,
        int workers, int batchSize, int inFlight, boolean resume, Duration checkpointInterval) {
}
