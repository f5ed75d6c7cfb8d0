package io.github.flashj;

import io.github.flashj.kernel.MergeKernel;
import java.util.List;

/**
 * What a run is given: its source and sinks, the kernel and parameters its workers merge with, and
 * its bounds, checked by {@link FlashJob.Builder#build()}.
 *
 * @param workers merge workers
 * @param batchSize pairs per batch
 * @param inFlight the most batches that exist at once
 */
record RunSettings(PairSource source, List<OrderedSink> sinks, MergeKernel kernel, MergeParameters params,
        int workers, int batchSize, int inFlight) {
}
