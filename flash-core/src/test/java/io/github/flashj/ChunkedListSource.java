package io.github.flashj;

import io.github.flashj.batch.PairBatch;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory {@link ParallelPairSource}: chunk k holds pairs [k*c, (k+1)*c) of a list. */
final class ChunkedListSource implements ParallelPairSource {
    private final List<ReadPair> pairs;
    private final int producers;
    private long failOnChunk = -1;
    private Exception failure;
    private IOException producersFailure;
    private boolean emptyChunkWithMore;
    final Set<Long> chunksFilled = ConcurrentHashMap.newKeySet();
    volatile boolean closed;
    volatile boolean filledInOrder;

    ChunkedListSource(List<ReadPair> pairs, int producers) {
        this.pairs = pairs;
        this.producers = producers;
    }

    /** Throws {@code e} (an IOException or RuntimeException) when filling chunk {@code chunk}. */
    ChunkedListSource failingOnChunk(long chunk, Exception e) {
        failOnChunk = chunk;
        failure = e;
        return this;
    }

    /** Throws {@code e} from {@link #producers}. */
    ChunkedListSource failingToCount(IOException e) {
        producersFailure = e;
        return this;
    }

    /** Leaves every chunk empty and says more follow. */
    ChunkedListSource leavingChunksEmpty() {
        emptyChunkWithMore = true;
        return this;
    }

    @Override
    public int producers(int workers, int batchCapacity) throws IOException {
        if (producersFailure != null) {
            throw producersFailure;
        }
        return producers;
    }

    @Override
    public boolean fillBatch(long chunk, PairBatch batch) throws IOException {
        if (batch.id() != chunk) {
            throw new IllegalStateException("batch " + batch.id() + " for chunk " + chunk);
        }
        if (!chunksFilled.add(chunk)) {
            throw new IllegalStateException("chunk " + chunk + " filled twice");
        }
        if (chunk == failOnChunk) {
            if (failure instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) failure;
        }
        if (emptyChunkWithMore) {
            return true;
        }
        long first = chunk * batch.capacity();
        long last = Math.min(pairs.size(), first + batch.capacity());
        for (long i = first; i < last; i++) {
            ReadPair p = pairs.get((int) i);
            ListSource.append(batch, p.read1());
            ListSource.append(batch, p.read2());
        }
        return last < pairs.size();
    }

    @Override
    public boolean fill(PairBatch batch) throws IOException {
        // The pipeline uses fill only with one producer: read chunk after chunk.
        filledInOrder = true;
        return fillBatch(batch.id(), batch) && !batch.isEmpty();
    }

    @Override
    public void close() {
        closed = true;
    }
}
