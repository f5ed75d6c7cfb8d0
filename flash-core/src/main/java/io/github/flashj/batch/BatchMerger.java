package io.github.flashj.batch;

import io.github.flashj.InputFormatException;
import io.github.flashj.MergeParameters;
import io.github.flashj.kernel.MergeEngine;
import io.github.flashj.kernel.MergeKernel;
import io.github.flashj.kernel.MergeKernels;
import java.io.IOException;

/**
 * Merges every pair of a batch in place: the step that every runner (the local pipeline's workers,
 * a Spark task) applies to each batch, on any thread or machine, in any order.
 *
 * <pre>{@code
 * BatchMerger merger = new BatchMerger(parameters);   // one per thread
 * merger.parseAndMerge(batch);                        // results in batch.outcome(i), ...
 * }</pre>
 *
 * <p>Not thread-safe: each thread keeps its own, which holds its scratch arrays.
 */
public final class BatchMerger {
    private final MergeEngine engine;

    /** A merger with the fastest kernel this JVM can run ({@link MergeKernels#best()}). */
    public BatchMerger(MergeParameters params) {
        this(MergeKernels.best(), params);
    }

    /** A merger with the given kernel (its package is exported to FlashJ's benchmarks alone). */
    @SuppressWarnings("exports")
    public BatchMerger(MergeKernel kernel, MergeParameters params) {
        engine = new MergeEngine(kernel, params);
    }

    /**
     * Parses the raw input that a source left to the worker ({@link PairBatch#deferParsing}), if
     * any, then merges.
     *
     * @throws InputFormatException when the raw input is malformed, naming it and the line
     */
    public void parseAndMerge(PairBatch batch) throws IOException {
        batch.parseDeferred();
        merge(batch);
    }

    /** Merges the batch's parsed pairs; each gets its outcome and, when merged, its merged read. */
    public void merge(PairBatch batch) {
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
        if (batch.outcome(i) == MergeOutcome.SINGLE) {
            batch.setNotCombined(i);
            return;
        }
        byte[] bases = batch.bases();
        byte[] quals = batch.qualities();
        byte orientation = engine.align(bases, quals, batch.sequenceStart(i, 0), batch.sequenceLength(i, 0), bases,
                quals, batch.sequenceStart(i, 1), batch.sequenceLength(i, 1));
        if (orientation == MergeOutcome.NOT_COMBINED) {
            batch.setNotCombined(i);
            batch.countRefusal(engine.refusal());
        } else {
            int start = batch.reserveMerged(i, orientation, engine.overlapLength(), engine.mismatches(),
                    engine.mergedLength());
            engine.build(batch.mergedBases(), batch.mergedQualities(), start);
        }
    }
}
