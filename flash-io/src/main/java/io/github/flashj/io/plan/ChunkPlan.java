package io.github.flashj.io.plan;

import java.io.Serializable;
import java.util.List;

/**
 * One unit of work of a split run: pairs {@code [firstPair, firstPair + pairs)} of the inputs, and
 * where each input file's part of them starts. Its {@code id} is its place in the output: chunk
 * {@code k}'s records come right after chunk {@code k - 1}'s. Made by {@link ChunkPlanner},
 * read by {@link ChunkReader}; serializable, so that it can be shipped to any machine.
 *
 * @param id the chunk's place in the input order, from 0
 * @param firstPair the index of its first pair in the whole input
 * @param pairs how many pairs it holds; {@link #TO_THE_END} when it runs to the end of the inputs
 * @param slices where its part of each input file starts, one per file
 */
public record ChunkPlan(int id, long firstPair, long pairs, List<Slice> slices) implements Serializable {
    /** {@link #pairs()} of a chunk that reads its inputs to their ends. */
    public static final long TO_THE_END = -1;

    /** Copies the slices. */
    public ChunkPlan {
        slices = List.copyOf(slices);
    }

    /**
     * Whether this chunk reads every input whole, in order from its start (the one chunk of a plan
     * whose inputs could not be split): an input that cannot be entered at an offset, such as
     * zstd or LZ4, can then be decoded from its start.
     */
    public boolean readsWholeInputs() {
        return firstPair == 0 && pairs == TO_THE_END && slices.stream().allMatch(s -> s.offset() == 0
                && s.linesBefore() == 0 && s.skipLines() == 0);
    }

    /**
     * Where a chunk's part of one input file starts.
     *
     * @param offset the byte offset to read from: a line start at or before the chunk's first line
     * @param linesBefore the number of that line in the whole file (0-based), so that messages give
     *     line numbers of the whole file
     * @param skipLines lines to pass over from {@code offset} before the chunk's first line
     */
    public record Slice(long offset, long linesBefore, long skipLines) implements Serializable {
    }
}
