/**
 * A batch of pairs and what every runner (the local pipeline, Spark's tasks) does with one:
 * {@link io.github.flashj.batch.PairBatch} (the pairs' bytes and, once merged, their results),
 * {@link io.github.flashj.batch.BatchMerger} (merges a batch through a kernel),
 * {@link io.github.flashj.batch.MergeOutcome} (the result codes), {@link io.github.flashj.batch.MergeTally}
 * and {@link io.github.flashj.batch.Histogram} (the counts a run's statistics come from),
 * {@link io.github.flashj.batch.ReadEncoding} (the bytes a read may hold, and why one is refused) and
 * {@link io.github.flashj.batch.MergedTag} (a merged read's name).
 */
package io.github.flashj.batch;
