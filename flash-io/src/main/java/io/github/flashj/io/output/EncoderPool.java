package io.github.flashj.io.output;

import io.github.flashj.batch.PairBatch;
import java.io.IOException;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The encoders of a run whose merge workers format and compress the read files in pieces: a
 * worker encodes a batch with a free encoder ({@link #prepare}), the committing thread takes that
 * encoder by the batch ({@link #take}) and gives it back once the blocks are written.
 */
final class EncoderPool {
    private final OutputLayout layout;
    /** The encoders holding a batch's blocks, by the batch (its identity). */
    private final Map<PairBatch, BatchEncoder> prepared = new ConcurrentHashMap<>();
    private final Queue<BatchEncoder> free = new ConcurrentLinkedQueue<>();

    EncoderPool(OutputLayout layout) {
        this.layout = layout;
    }

    /** Encodes {@code batch} into its pieces, on the calling worker. */
    void prepare(PairBatch batch) throws IOException {
        BatchEncoder encoder = free.poll();
        if (encoder == null) {
            encoder = new BatchEncoder(layout, true);
        }
        encoder.encode(batch);
        prepared.put(batch, encoder);
    }

    /** The encoder holding {@code batch}'s pieces, encoding them now when no worker did. */
    BatchEncoder take(PairBatch batch) throws IOException {
        BatchEncoder encoder = prepared.remove(batch);
        if (encoder == null) {
            // Driven without a pipeline: encoded here, in order.
            prepare(batch);
            encoder = prepared.remove(batch);
        }
        return encoder;
    }

    /** Gives back an encoder whose blocks are written. */
    void release(BatchEncoder encoder) {
        free.offer(encoder);
    }
}
