package io.github.flashj.pipeline;

import io.github.flashj.Checkpoint;
import io.github.flashj.OrderedSink;
import io.github.flashj.ResumableSource;
import io.github.flashj.RunJournal;
import java.io.IOException;
import java.util.Arrays;

/**
 * A run's checkpoints: where the source stood after each batch read, and, about once per interval,
 * a cut recorded in the journal of the sink that keeps one, right after a batch is committed. A
 * batch's position is kept in the slot of its id among {@code inFlight}: the ids not yet committed
 * are consecutive and fewer, so a batch's slot is its own from its fill to its commit.
 *
 * <p>A run records checkpoints when its source is a {@link ResumableSource} that can resume and a
 * sink keeps a {@link RunJournal} that can record; it is read by one thread then, since batches
 * read by several producers out of order have no position to record.
 */
final class Checkpoints {
    /** A run that records none. */
    static final Checkpoints NONE = new Checkpoints(null, null, 0, 1);

    private final RunJournal journal;
    private final ResumableSource source;
    private final long intervalNanos;
    private final long[][] positions;
    private long nextAt;

    private Checkpoints(RunJournal journal, ResumableSource source, long intervalNanos, int slots) {
        this.journal = journal;
        this.source = source;
        this.intervalNanos = intervalNanos;
        positions = new long[slots][];
        nextAt = System.nanoTime() + intervalNanos;
    }

    /**
     * Starts the run's journal, once the sinks have begun. A resumed run first goes back to the
     * journal's last checkpoint: the source is moved to its position, the statistics take its
     * counts, and every sink is told ({@link OrderedSink#resumed}).
     *
     * @throws IOException when the run should resume and cannot, saying why
     */
    static Checkpoints start(RunSettings settings, StatisticsCollector statistics) throws IOException {
        RunJournal journal = null;
        for (OrderedSink sink : settings.sinks()) {
            journal = sink.journal();
            if (journal != null) {
                break;
            }
        }
        ResumableSource source = settings.source() instanceof ResumableSource r ? r : null;
        String refusal = source == null ? "its source (" + settings.source().getClass().getName()
                + ") cannot continue from a checkpoint" : source.notResumable();
        if (refusal == null) {
            refusal = journal == null ? "no output of the run keeps a journal" : journal.notResumable();
        }
        if (refusal != null) {
            if (settings.resume()) {
                throw new IOException("cannot resume the run: " + refusal);
            }
            return NONE;
        }
        boolean records = !settings.checkpointInterval().isZero();
        if (!records && !settings.resume()) {
            return NONE;
        }
        Checkpoint cut = journal.start(settings.params(), source.fingerprint(), settings.resume());
        if (cut != null) {
            source.resumeAt(cut.inputPosition());
            statistics.restore(cut.tally());
            for (OrderedSink sink : settings.sinks()) {
                sink.resumed(cut);
            }
        }
        return records ? new Checkpoints(journal, source, settings.checkpointInterval().toNanos(),
                settings.inFlight()) : NONE;
    }

    /** Whether checkpoints are recorded. */
    boolean records() {
        return journal != null;
    }

    /** Keeps where the source stands after filling batch {@code id}; on the reading thread. */
    void filled(long id) {
        if (journal == null) {
            return;
        }
        int slot = (int) (id % positions.length);
        long[] at = positions[slot];
        if (at == null) {
            at = positions[slot] = new long[ResumableSource.POSITION_LONGS];
        }
        int n = source.position(at);
        if (n < at.length) {
            Arrays.fill(at, n, at.length, 0);
        }
    }

    /**
     * Records a checkpoint after batch {@code id} was committed, when the interval has passed and
     * the journal can cut its outputs there ({@link RunJournal#cutsAfter}); on the committing
     * thread, between two commits.
     */
    void committed(long id, StatisticsCollector statistics) throws IOException {
        if (journal == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - nextAt < 0 || !journal.cutsAfter(id)) {
            return;
        }
        nextAt = now + intervalNanos;
        journal.record(new Checkpoint(positions[(int) (id % positions.length)], statistics.tally()));
    }
}
