package io.github.flashj.pipeline;

import io.github.flashj.ParallelPairSource;
import io.github.flashj.batch.PairBatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jctools.queues.MpmcArrayQueue;

/**
 * The staged layout with several producer threads, for a {@link ParallelPairSource} that asks for
 * them: each fills numbered batches of the input in any order. A producer takes a free batch first
 * and only then the next number, so the numbers not yet committed never outnumber the batches and always fit
 * the {@link ReorderRing}. The run ends with the batch before the first one a producer found past
 * the end of the input.
 */
final class MultiProducerRun extends StagedRun {
    private final ParallelPairSource parallel;
    private final int producers;
    private final AtomicLong nextBatch = new AtomicLong();
    /** The first batch number past the end of the input, once a producer has found it. */
    private final AtomicLong endBatch = new AtomicLong(Long.MAX_VALUE);
    private final AtomicInteger producersLeft = new AtomicInteger();

    MultiProducerRun(RunSettings settings, ParallelPairSource source, int producers) {
        super(settings, new MpmcArrayQueue<>(settings.inFlight()), new MpmcArrayQueue<>(settings.inFlight()));
        this.parallel = source;
        this.producers = producers;
    }

    @Override
    int producers() {
        return producers;
    }

    @Override
    void startReading() {
        producersLeft.set(producers);
        for (int p = 0; p < producers; p++) {
            threads.start("flashj-reader-" + p, this::produce);
        }
    }

    @Override
    boolean allCommitted(long next) {
        return next >= endBatch.get();
    }

    /** One producer: fills batches until one is past the end of the input. */
    private void produce() {
        try {
            while (!threads.failed()) {
                // A free batch first, then the batch number (see the class comment).
                PairBatch batch = pool.take();
                if (batch == null) {
                    return;
                }
                long number = nextBatch.getAndIncrement();
                if (number >= endBatch.get()) {
                    pool.giveBack(batch);
                    return;
                }
                batch.clear(number);
                long t0 = cpuNanos();
                boolean more = parallel.fillBatch(number, batch);
                readNanos.addAndGet(cpuNanos() - t0);
                checkFilled(batch, number, more, "ParallelPairSource.fillBatch", "batches");
                if (batch.isEmpty()) {
                    endBatch.accumulateAndGet(number, Math::min);
                    pool.giveBack(batch);
                    return;
                }
                if (!more) {
                    endBatch.accumulateAndGet(number + 1, Math::min);
                }
                if (!offerUnlessFailed(toMerge, batch)) {
                    return;
                }
                if (!more) {
                    return;
                }
            }
        } catch (Exception e) {
            threads.fail(e);
        } finally {
            if (producersLeft.decrementAndGet() == 0) {
                try {
                    source.close();
                } catch (Throwable e) {
                    threads.fail(e);
                }
                readingDone = true;
            }
        }
    }
}
