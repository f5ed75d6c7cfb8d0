package io.github.flashj;

import io.github.flashj.batch.PairBatch;
import java.io.IOException;

/**
 * A {@link PairSource} that several producer threads can read at once, each filling a different
 * numbered batch of the input.
 *
 * <p>Batch {@code k} of a source read with batches of capacity {@code c} holds exactly the pairs
 * {@code [k*c, (k+1)*c)} of the input, the same pairs that the {@code k}-th call of
 * {@link #fill(PairBatch)} would give. The pipeline therefore commits batches in their order and
 * writes the same output as a run with one producer.
 *
 * <p>Before starting its threads, the pipeline asks {@link #producers(int, int)} how many producers to
 * use. With one, it reads through {@link #fill(PairBatch)} alone, exactly as for any other source;
 * with more, it calls {@link #fillBatch(long, PairBatch)} only.
 */
public interface ParallelPairSource extends PairSource {
    /**
     * How many producer threads should read this source in a run with {@code workers} merge
     * workers and batches of {@code batchCapacity} pairs. Called once, before any fill, from the
     * thread that runs the job. A source may prepare here for reading in parallel (such as indexing
     * its input), and may decide that it cannot and return 1.
     *
     * @return at least 1; 1 means the pipeline reads through {@link #fill(PairBatch)} only
     * @throws IOException when the input cannot be read
     */
    int producers(int workers, int batchCapacity) throws IOException;

    /**
     * Appends the pairs of batch {@code number} of the input to {@code batch}, which has been
     * {@linkplain PairBatch#clear(long) cleared} with id {@code number}. Called concurrently from
     * several threads, each with a different number, once per number, in no particular order.
     *
     * @return false when the input ends within or before this batch (a batch past the end is left
     *     empty), true when more batches follow
     * @throws InputFormatException when the input is malformed, naming it and the line
     * @throws IOException when the input cannot be read
     */
    boolean fillBatch(long number, PairBatch batch) throws IOException;
}
