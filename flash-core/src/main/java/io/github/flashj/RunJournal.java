package io.github.flashj;

import java.io.IOException;

/**
 * Where a run records its {@link Checkpoint}s, and finds the last one when it is resumed. A sink
 * that writes files keeps it beside them ({@link OrderedSink#journal()}): FlashJ's file output
 * does. The run calls {@link #start} once, after the sinks began, then {@link #record} about once
 * per checkpoint interval, on the thread that commits batches, between two commits; {@link
 * OrderedSink#complete} or {@link OrderedSink#abort} end the journal with the sink.
 */
public interface RunJournal {
    /** Why this journal cannot record its sink's output (such as "standard output"), or null when it can. */
    String notResumable();

    /**
     * Starts journalling a run. With {@code resume}, first finds the last checkpoint an earlier,
     * stopped run of the same outputs recorded, checks that it was made with the same parameters
     * and input, and puts the outputs back to it.
     *
     * @param inputFingerprint the source's {@link ResumableSource#fingerprint()}
     * @return the checkpoint the run resumes from; null when it starts from the beginning
     * @throws IOException when resuming is refused (the journal is damaged, the input or the
     *     parameters changed), with a message that says why
     */
    Checkpoint start(MergeParameters parameters, String inputFingerprint, boolean resume) throws IOException;

    /**
     * Records a cut: every batch the sink has accepted is made durable, then the checkpoint is
     * written. May finish in the background; a checkpoint still being written when the next is
     * recorded makes the next one wait or be dropped, never written in part.
     */
    void record(Checkpoint cut) throws IOException;

    /**
     * Whether a checkpoint may be recorded right after batch {@code batchId} is committed. Some
     * outputs can be cut only after some batches (a Zstandard file is flushed after every 64th
     * batch only, so that where its blocks end does not depend on when checkpoints fall); the run
     * then records the interval's checkpoint after the first batch that allows it.
     */
    default boolean cutsAfter(long batchId) {
        return true;
    }
}
