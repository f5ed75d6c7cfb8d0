package io.github.flashj;

import java.io.IOException;

/**
 * A {@link PairSource} whose run can be resumed after it stopped: it says where its input stands
 * between two batches, and continues from such a place. FlashJ's readers of files are resumable
 * ({@code FastqInputs}); standard input and pipes are not, since what was read from them is gone.
 *
 * <p>A run whose sink keeps a {@link RunJournal} asks for the {@link #position} after each fill, on
 * the reading thread, and records the one after the last batch committed at each checkpoint.
 */
public interface ResumableSource extends PairSource {
    /** The most longs a {@link #position} holds. */
    int POSITION_LONGS = 8;

    /** Why this source cannot be resumed (such as "standard input"), or null when it can. */
    String notResumable();

    /**
     * What identifies the input: a first line naming how the source reads it (such as "FASTQ mate
     * files"), then one line per input file (its name, size, modification time and a hash of its
     * first and last MiB, say). A resumed run refuses an input whose lines differ.
     */
    String fingerprint() throws IOException;

    /**
     * Writes where the input stands now, after every pair filled so far, into {@code into}, and
     * returns how many longs it wrote (at most {@link #POSITION_LONGS}). Called by the reading
     * thread, right after {@link #fill}.
     */
    int position(long[] into);

    /**
     * Continues from a {@link #position} this source (or one over the same input) wrote, before
     * the first fill.
     *
     * @throws IOException when the input cannot be read up to there
     */
    void resumeAt(long[] position) throws IOException;
}
