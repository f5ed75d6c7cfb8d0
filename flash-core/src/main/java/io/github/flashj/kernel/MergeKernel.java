package io.github.flashj.kernel;

/**
 * The overlap search, the hot loop of merging. Two implementations give identical answers: a scalar
 * one that runs everywhere and one that uses the Vector API where {@code jdk.incubator.vector} is
 * present; {@link MergeKernels#best()} picks at run time.
 *
 * <p>Sequences hold canonical bases ({@code A C G T N}), qualities hold PHRED values.
 */
public interface MergeKernel {
    /** A short name for logs and benchmarks: {@code "scalar"} or {@code "vector"}. */
    String name();

    /**
     * Lays {@code second} over every allowed start of {@code first} and offers each scored start
     * to {@code best}.
     *
     * <p>Starts run from {@code max(0, firstLen - secondLen)} to {@code firstLen - minOverlap};
     * positions where either base is N are skipped and shorten the effective length; a start
     * counts only if that length is at least {@code minOverlap}. A kernel may score the starts in
     * any order: {@link Alignment} breaks full ties by the earlier start whatever the order of the
     * offers, so the result is the same.
     *
     * <p>The vector kernel reads eight bytes past any start it scores with eight-byte loads; it
     * falls back to plain scoring where the arrays lack that room.
     */
    void search(byte[] first, byte[] firstQual, int firstOff, int firstLen, byte[] second, byte[] secondQual,
            int secondOff, int secondLen, int minOverlap, int maxOverlap, byte orientation, Alignment best);
}
