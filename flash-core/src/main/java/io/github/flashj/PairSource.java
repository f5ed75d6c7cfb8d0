package io.github.flashj;

import io.github.flashj.batch.PairBatch;
import java.io.Closeable;
import java.io.IOException;

/**
 * Where pairs come from: a reader of mate files, of interleaved or tab-delimited input, or any
 * source of the user's own.
 *
 * <p>The pipeline calls {@link #fill(PairBatch)} from one thread at a time, in order, with a batch
 * that has been {@linkplain PairBatch#clear(long) cleared}. A source appends each pair as two reads
 * with {@link PairBatch#appendRead PairBatch.appendRead} (mate 1, then mate 2), which checks and
 * encodes them; a source that must not stop on a bad read looks at the value it returns.
 */
public interface PairSource extends Closeable {
    /**
     * Appends pairs to the batch until it is full or the input ends. A fill that returns true must
     * have appended at least one pair (or deferred the parsing of some input, {@link
     * PairBatch#deferParsing}), and a fill must only append: never clear the batch or leave half a
     * pair. The run fails with an {@link IllegalStateException} otherwise, rather than read forever.
     *
     * @return false when the input had no more pairs (the batch may still hold some), true otherwise
     * @throws InputFormatException when the input is malformed, naming it and the line
     * @throws IOException when the input cannot be read
     */
    boolean fill(PairBatch batch) throws IOException;
}
