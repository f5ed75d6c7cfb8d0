package io.github.flashj.io.output;

import java.io.IOException;

/**
 * The files of one run, written under temporary names and given their final names together, or
 * not at all: {@link #stage} a name for each final name, write it, then {@link #publish} or
 * {@link #discard} them all. {@link StagedFiles} does it on the local file system; a runner on
 * another file system (Spark's Hadoop file systems) has its own, with the same
 * {@link TemporaryNames}.
 *
 * @param <P> the file system's path type
 */
public interface OutputTransaction<P> {
    /**
     * The file to write for the final name {@code target}, until {@link #publish}: a temporary
     * name beside it (or, where the implementation says so, {@code target} itself).
     */
    P stage(P target) throws IOException;

    /**
     * Gives every staged file its final name. When that fails, the staged files are removed and
     * the final names keep what they held, as far as the file system allows; the transaction has
     * ended either way.
     */
    void publish() throws IOException;

    /** Removes the staged files not yet published and ends the transaction; never throws. */
    void discard();
}
