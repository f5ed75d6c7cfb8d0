package io.github.flashj;

/**
 * How a run with one reader lays out its threads ({@link FlashJob.Builder#pipelineLayout}). The
 * output is the same in every layout; only the speed differs. A source that asks for several
 * producers ({@link ParallelPairSource}) is always read by its producer threads, staged.
 */
public enum PipelineLayout {
    /**
     * {@link #CARRIED} when the workers alone fill the machine's processors, {@link #STAGED} when
     * processors are to spare (the default).
     */
    AUTO,
    /**
     * A reader thread fills batches, the workers merge them, and the thread that runs the job
     * commits them to the sinks in order: reading and writing get processors of their own.
     */
    STAGED,
    /**
     * Each worker (at most one per processor) reads, merges and commits its own batches, taking
     * turns to read and to commit: a batch's bytes stay in the cache of the processor that read them.
     */
    CARRIED;

}
