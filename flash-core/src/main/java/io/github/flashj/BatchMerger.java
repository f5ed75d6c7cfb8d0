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
        byte[] bases = batch.bases();
        byte[] quals = batch.qualities();
        for (int i = 0, n = batch.size(); i < n; i++) {
            if (batch.outcome(i) == PairBatch.SINGLE) {
                batch.setNotCombined(i);
                continue;
            }
            byte orientation = engine.align(bases, quals, batch.sequenceStart(i, 0), batch.sequenceLength(i, 0),
                    bases, quals, batch.sequenceStart(i, 1), batch.sequenceLength(i, 1));
            if (orientation == 0) {
                batch.setNotCombined(i);
            } else {
                int start = batch.reserveMerged(i, orientation, engine.overlapLength(), engine.mergedLength());
                engine.build(batch.mergedBases(), batch.mergedQualities(), start);
            }
        }
    }
}
