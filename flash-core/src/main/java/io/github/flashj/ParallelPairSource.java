package io.github.flashj;

import io.github.flashj.batch.PairBatch;
import java.io.IOException;

/**
 * A {@link PairSource} that several producer threads can read at once, each filling a different
 * numbered chunk of the input.
 *
 * <p>Chunk {@code k} of a source read with batches of capacity {@code c} holds exactly the pairs
 * {@code [k*c, (k+1)*c)} of the input, the same pairs that the {@code k}-th call of
 * {@link #fill(PairBatch)} would give. The pipeline therefore commits chunks in chunk order and
 * writes the same output as a run with one producer.
 *
 * <p>Before starting its threads, the pipeline asks {@link #producers(int, int)} how many producers to
 * use. With one, it reads through {@link #fill(PairBatch)} alone, exactly as for any other source;
 * with more, it calls {@link #fillChunk(long, PairBatch)} only.
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
     * Appends the pairs of chunk {@code chunk} to {@code batch}, which has been
     * {@linkplain PairBatch#clear(long) cleared} with id {@code chunk}. Called concurrently from
     * several threads, each with a different chunk number, once per chunk, in no particular order.
     *
     * @return false when the input ends within or before this chunk (a chunk past the end is left
     *     empty), true when more chunks follow
     * @throws InputFormatException when the input is malformed, naming it and the line
     * @throws IOException when the input cannot be read
     */
    boolean fillChunk(long chunk, PairBatch batch) throws IOException;
}
