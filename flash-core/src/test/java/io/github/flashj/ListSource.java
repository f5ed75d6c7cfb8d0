package io.github.flashj;

import io.github.flashj.batch.PairBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** An in-memory {@link PairSource}: fills batches from a list of pairs, optionally failing. */
final class ListSource implements PairSource {
    private final List<ReadPair> pairs;
    private int next;
    private int fills;
    private int failOnFill = -1;
    private Exception failure;
    private boolean leaveHalfPair;
    private boolean deferParsing;
    volatile boolean closed;
    final java.util.concurrent.atomic.AtomicInteger closes = new java.util.concurrent.atomic.AtomicInteger();

    ListSource(List<ReadPair> pairs) {
        this.pairs = pairs;
    }

    /** Throws {@code e} (an IOException or RuntimeException) on fill number {@code fill} (from 0). */
    ListSource failingOnFill(int fill, Exception e) {
        failOnFill = fill;
        failure = e;
        return this;
    }

    /**
     * Leaves each batch's pairs to be appended by the merge worker ({@link PairBatch#deferParsing}),
     * as FlashJ's own readers do: a batch's size is then known only after it is parsed.
     */
    ListSource deferringParsing() {
        deferParsing = true;
        return this;
    }

    /** Appends only mate 1 of the first pair. */
    ListSource leavingAHalfPair() {
        leaveHalfPair = true;
        return this;
    }

    @Override
    public boolean fill(PairBatch batch) throws IOException {
        if (fills++ == failOnFill) {
            if (failure instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) failure;
        }
        if (leaveHalfPair) {
            append(batch, pairs.get(0).read1());
            return false;
        }
        if (deferParsing) {
            List<ReadPair> part = pairs.subList(next, Math.min(pairs.size(), next + batch.capacity()));
            next += part.size();
            if (!part.isEmpty()) {
                batch.deferParsing(b -> part.forEach(p -> {
                    append(b, p.read1());
                    append(b, p.read2());
                }));
            }
            return next < pairs.size();
        }
        while (!batch.isFull() && next < pairs.size()) {
            ReadPair p = pairs.get(next++);
            append(batch, p.read1());
            append(batch, p.read2());
        }
        return next < pairs.size();
    }

    static void append(PairBatch batch, FastqRead read) {
        byte[] tag = read.tag().getBytes(StandardCharsets.ISO_8859_1);
        int skip = tag.length > 0 && tag[0] == '@' ? 1 : 0;
        byte[] seq = read.sequence().getBytes(StandardCharsets.ISO_8859_1);
        byte[] qual = read.quality().getBytes(StandardCharsets.ISO_8859_1);
        if (batch.appendRead(tag, skip, tag.length - skip, seq, 0, qual, 0, seq.length) >= 0) {
            throw new IllegalArgumentException("bad quality in " + read.tag());
        }
    }

    @Override
    public void close() {
        closes.incrementAndGet();
        closed = true;
    }
}
