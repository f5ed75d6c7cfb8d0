/**
 * FlashJ's API: {@link io.github.flashj.FlashJob} (a source, merge workers, ordered sinks),
 * {@link io.github.flashj.MergeParameters}, {@link io.github.flashj.ReadMerger} for pairs in
 * memory, and the types a source or sink of one's own works with: {@link io.github.flashj.PairBatch},
 * {@link io.github.flashj.PairSource}, {@link io.github.flashj.OrderedSink}. The pipeline that runs
 * a job is package-private.
 */
package io.github.flashj;
