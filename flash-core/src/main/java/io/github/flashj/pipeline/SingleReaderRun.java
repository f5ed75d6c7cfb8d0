package io.github.flashj.pipeline;

import io.github.flashj.PairSource;
import io.github.flashj.batch.PairBatch;
import org.jctools.queues.SpmcArrayQueue;
import org.jctools.queues.SpscArrayQueue;

/** The staged layout with one reader thread, which fills batches in id order through {@link PairSource#fill}. */
final class SingleReaderRun extends StagedRun {
    /** Batches read so far; final once {@link #readingDone} is set. */
    private volatile long batchesRead;

    SingleReaderRun(RunSettings settings) {
        super(settings, new SpscArrayQueue<>(settings.inFlight()), new SpmcArrayQueue<>(settings.inFlight()));
    }

    @Override
    void startReading() {
        threads.start("flashj-reader", this::read);
    }

    @Override
    boolean allCommitted(long next) {
        return readingDone && next == batchesRead;
    }

    private void read() {
        long id = 0;
        try (PairSource in = source) {
            boolean more = true;
            PairBatch batch = null;
            while (more && !threads.failed()) {
                if (batch == null) {
                    batch = pool.take();
                    if (batch == null) {
                        return;
                    }
                }
                more = fill(batch, id);
                if (batch.isEmpty()) {
                    continue;
                }
                id++;
                batchesRead = id;
                if (!offerUnlessFailed(toMerge, batch)) {
                    return;
                }
                batch = null;
            }
        } catch (Exception e) {
            threads.fail(e);
        } finally {
            readingDone = true;
        }
    }
}
