/**
 * FlashJ's API: {@link io.github.flashj.FlashJob} (a source, merge workers, ordered sinks),
 * {@link io.github.flashj.MergeParameters}, {@link io.github.flashj.ReadMerger} for pairs in
 * memory, {@link io.github.flashj.JobStatistics}, and the contracts a source or sink of one's own
 * implements: {@link io.github.flashj.PairSource}, {@link io.github.flashj.OrderedSink} (over
 * {@link io.github.flashj.batch.PairBatch}). How a job runs lives in
 * {@code io.github.flashj.pipeline}; what every runner does with a batch, in
 * {@link io.github.flashj.batch}.
 */
package io.github.flashj;
