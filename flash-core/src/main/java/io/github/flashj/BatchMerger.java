package io.github.flashj;

import io.github.flashj.kernel.MergeEngine;
import io.github.flashj.kernel.MergeKernel;

/** Merges every pair of a batch in place; one per worker thread. */
final class BatchMerger {
    private final MergeEngine engine;

    BatchMerger(MergeKernel kernel, MergeParameters params) {
        engine = new MergeEngine(kernel, params);
    }

    void merge(PairBatch batch) {
        batch.resetResults();
        for (int i = 0, n = batch.size(); i < n; i++) {
            mergePair(batch, i);
        }
    }

    /**
     * Merges pair {@code i}. One call per pair, so that the JIT compiles it within the first
     * batches; a loop body over whole batches would wait for hundreds of batches.
     */
    private void mergePair(PairBatch batch, int i) {
        if (batch.outcome(i) == PairBatch.SINGLE) {
            batch.setNotCombined(i);
            return;
        }
        byte[] bases = batch.bases();
        byte[] quals = batch.qualities();
        byte orientation = engine.align(bases, quals, batch.sequenceStart(i, 0), batch.sequenceLength(i, 0), bases,
                quals, batch.sequenceStart(i, 1), batch.sequenceLength(i, 1));
        if (orientation == 0) {
            batch.setNotCombined(i);
        } else {
            int start = batch.reserveMerged(i, orientation, engine.overlapLength(), engine.mergedLength());
            engine.build(batch.mergedBases(), batch.mergedQualities(), start);
        }
    }
}
