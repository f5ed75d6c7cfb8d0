package io.github.flashj.batch;

import io.github.flashj.InputFormatException;
import io.github.flashj.Refusal;
import io.github.flashj.batch.MergeOutcome;
import io.github.flashj.batch.ReadEncoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A chunk of read pairs and, once merged, their results: the unit of work of every stage.
 *
 * <p>A batch holds its records as bytes in a few reused arrays with offsets, never as per-record
 * objects. Its {@link #id() id} fixes its place in the global input order, so a batch can be merged
 * on any thread (or any executor) and still be written in order. Batches are recycled: a reader
 * {@link #clear(long) clears} one and appends pairs to it, a worker merges it, the sinks read it.
 *
 * <p>Bases are stored canonical (upper-case {@code ACGT}, anything else {@code N}) and qualities as
 * PHRED values (the quality character minus the PHRED offset). Mate 1 is index 0, mate 2 index 1.
 *
 * <p>A batch is not thread-safe; the pipeline hands it from stage to stage with a happens-before
 * edge at each hand-over.
 */
public final class PairBatch {

    private final int capacity;
    private final int phredOffset;
    private long id;
    private int size;
    /** Whether mate 1 of pair {@code size} has been appended and mate 2 has not. */
    private boolean pendingMate1;

    private byte[] tags = new byte[4096];
    private int tagsLength;
    private final int[] tagStart;
    private final int[] tagLength;

    private byte[] bases = new byte[16384];
    private byte[] quals = new byte[16384];
    private int basesLength;
    private final int[] seqStart;
    private final int[] seqLength;

    private final byte[] outcome;
    private final int[] overlap;
    private final int[] mismatches;
    private byte[] mergedBases = new byte[16384];
    private byte[] mergedQuals = new byte[16384];
    private int mergedLength;
    private final int[] mergedStart;
    private final int[] mergedLen;
    /** Pairs not combined, by {@link Refusal}. */
    private final int[] refusals = new int[Refusal.values().length];

    /**
     * Creates an empty batch.
     *
     * @param capacity the most pairs it holds
     * @param phredOffset the ASCII value of quality 0 in the input
     */
    public PairBatch(int capacity, int phredOffset) {
        if (capacity < 1) {
            throw new IllegalArgumentException("batch capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.phredOffset = phredOffset;
        tagStart = new int[2 * capacity];
        tagLength = new int[2 * capacity];
        seqStart = new int[2 * capacity];
        seqLength = new int[2 * capacity];
        outcome = new byte[capacity];
        overlap = new int[capacity];
        mismatches = new int[capacity];
        mergedStart = new int[capacity];
        mergedLen = new int[capacity];
    }

    /**
     * Work a source leaves to the merge worker: turning the raw input it attached to a batch into
     * pairs. Sources that defer parsing spend the reader thread only on cutting whole records,
     * and the parsing runs on every worker at once.
     */
    @FunctionalInterface
    public interface DeferredParser {
        /**
         * Appends the pairs of the raw input attached to {@code batch}.
         *
         * @throws InputFormatException when the input is malformed, naming it and the line
         */
        void parse(PairBatch batch) throws IOException;
    }

    private DeferredParser deferred;
    private Object attachment;

    /** Empties the batch for reuse and gives it a new id; the attachment stays. */
    public void clear(long newId) {
        id = newId;
        deferred = null;
        Arrays.fill(refusals, 0);
        size = 0;
        pendingMate1 = false;
        tagsLength = 0;
        basesLength = 0;
        mergedLength = 0;
    }

    /** The id that fixes this batch's place in the global order (0, 1, 2, ...). */
    public long id() {
        return id;
    }

    /** The number of pairs in the batch. */
    public int size() {
        return size;
    }

    /** The most pairs the batch holds. */
    public int capacity() {
        return capacity;
    }

    /** The ASCII value of quality 0 in the input this batch is filled from. */
    public int phredOffset() {
        return phredOffset;
    }

    /** Whether mate 1 of a pair has been appended and its mate 2 not yet. */
    public boolean hasHalfPair() {
        return pendingMate1;
    }

    /** Whether the batch holds no pair and no deferred input. */
    public boolean isEmpty() {
        return size == 0 && deferred == null;
    }

    /**
     * Leaves the parsing of this batch's raw input (see {@link #attach}) to the merge worker,
     * which calls {@code parser} before merging.
     */
    public void deferParsing(DeferredParser parser) {
        deferred = parser;
    }

    /**
     * Runs the deferred parsing, if any: the merge does it first; a reader that wants the pairs
     * without merging them (a table scan) calls it.
     *
     * @throws InputFormatException when the input is malformed, naming it and the line
     */
    public void parseDeferred() throws IOException {
        DeferredParser parser = deferred;
        if (parser != null) {
            deferred = null;
            parser.parse(this);
        }
    }

    /** A source's own object kept with this batch across reuse, such as the raw input buffers. */
    public Object attachment() {
        return attachment;
    }

    /** Keeps an object with this batch across reuse; see {@link #attachment()}. */
    public void attach(Object value) {
        attachment = value;
    }

    /** Whether no more pairs fit. */
    public boolean isFull() {
        return size == capacity;
    }

    // ---- appending (readers) ----

    /**
     * Appends one read of the pair being filled: mate 1 first, then mate 2 (which completes the
     * pair). In one pass, bases are made canonical, qualities converted to PHRED values, and both
     * checked as FLASH checks them.
     *
     * @return {@link ReadEncoding#APPENDED} when the read was appended; otherwise nothing was
     *     appended, and the value says why ({@link ReadEncoding#isWhitespaceInSequence},
     *     {@link ReadEncoding#position})
     */
    public int appendRead(byte[] tag, int tagOff, int tagLen, byte[] seq, int seqOff, byte[] qual,
            int qualOff, int length) {
        if (size == capacity) {
            throw new IllegalStateException("batch is full");
        }
        ensureBases(length);
        int start = basesLength;
        int problem = ReadEncoding.encode(seq, seqOff, qual, qualOff, length, bases, quals, start, phredOffset);
        if (problem != ReadEncoding.APPENDED) {
            return problem;
        }
        int read = readIndexToFill();
        appendTag(read, tag, tagOff, tagLen);
        seqStart[read] = start;
        seqLength[read] = length;
        basesLength += length;
        if ((read & 1) == 1) {
            outcome[size] = MergeOutcome.NOT_COMBINED;
            size++;
        }
        return ReadEncoding.APPENDED;
    }

    /**
     * Appends a lone read (no mate) as a whole pair slot; it is written through but never merged.
     * Must be called when no pair is half filled.
     *
     * @return as {@link #appendRead}
     */
    public int appendSingle(byte[] tag, int tagOff, int tagLen, byte[] seq, int seqOff, byte[] qual,
            int qualOff, int length) {
        if (pendingMate1) {
            throw new IllegalStateException("a pair is half filled");
        }
        int problem = appendRead(tag, tagOff, tagLen, seq, seqOff, qual, qualOff, length);
        if (problem != ReadEncoding.APPENDED) {
            return problem;
        }
        int read = 2 * size + 1;
        tagStart[read] = tagsLength;
        tagLength[read] = 0;
        seqStart[read] = basesLength;
        seqLength[read] = 0;
        pendingMate1 = false;
        outcome[size] = MergeOutcome.SINGLE;
        size++;
        return ReadEncoding.APPENDED;
    }

    private int readIndexToFill() {
        int read = 2 * size + (pendingMate1 ? 1 : 0);
        pendingMate1 = !pendingMate1;
        return read;
    }

    private void appendTag(int read, byte[] tag, int off, int len) {
        if (tagsLength + len > tags.length) {
            tags = Arrays.copyOf(tags, Math.max(tags.length * 2, tagsLength + len));
        }
        System.arraycopy(tag, off, tags, tagsLength, len);
        tagStart[read] = tagsLength;
        tagLength[read] = len;
        tagsLength += len;
    }

    private void ensureBases(int extra) {
        if (basesLength + extra > bases.length) {
            int n = Math.max(bases.length * 2, basesLength + extra);
            bases = Arrays.copyOf(bases, n);
            quals = Arrays.copyOf(quals, n);
        }
    }

    // ---- input accessors ----

    /**
     * The array that holds every tag of the batch: the tag line less one leading {@code @} and
     * trailing whitespace, as FLASH stores it; writers add the {@code @} back for FASTQ.
     */
    public byte[] tagBytes() {
        return tags;
    }

    /** Where the tag of a read starts in {@link #tagBytes()}. */
    public int tagStart(int pair, int mate) {
        return tagStart[2 * pair + mate];
    }

    /** The length of the tag of a read. */
    public int tagLength(int pair, int mate) {
        return tagLength[2 * pair + mate];
    }

    /** The array that holds every (canonical) base of the batch's input reads. */
    public byte[] bases() {
        return bases;
    }

    /** The array of PHRED values parallel to {@link #bases()}. */
    public byte[] qualities() {
        return quals;
    }

    /** Where the sequence of a read starts in {@link #bases()} and {@link #qualities()}. */
    public int sequenceStart(int pair, int mate) {
        return seqStart[2 * pair + mate];
    }

    /** The length of a read. */
    public int sequenceLength(int pair, int mate) {
        return seqLength[2 * pair + mate];
    }

    // ---- results ----

    /** The pair's {@link MergeOutcome}: not combined, innie, outie or a lone read. */
    public byte outcome(int pair) {
        return outcome[pair];
    }

    /** Whether the pair was merged (innie or outie). */
    public boolean isCombined(int pair) {
        return MergeOutcome.isCombined(outcome[pair]);
    }

    /**
     * The mismatches in the overlap of a merged pair, as the merge counted them: bases that
     * differ, positions with an N left out.
     */
    public int mismatches(int pair) {
        return mismatches[pair];
    }

    /** The overlap length of a merged pair. */
    public int overlapLength(int pair) {
        return overlap[pair];
    }

    /** The array that holds the bases of every merged read of the batch. */
    public byte[] mergedBases() {
        return mergedBases;
    }

    /** The PHRED values parallel to {@link #mergedBases()}. */
    public byte[] mergedQualities() {
        return mergedQuals;
    }

    /** Where the merged read of a pair starts in {@link #mergedBases()}. */
    public int mergedStart(int pair) {
        return mergedStart[pair];
    }

    /** The length of the merged read of a pair. */
    public int mergedLength(int pair) {
        return mergedLen[pair];
    }

    /** How many pairs of the batch the merge refused for {@code reason}. */
    public int refusals(Refusal reason) {
        return refusals[reason.ordinal()];
    }

    /** The tag of a read as a String (convenience; not for hot paths). */
    public String tag(int pair, int mate) {
        return new String(tags, tagStart(pair, mate), tagLength(pair, mate), StandardCharsets.ISO_8859_1);
    }

    /** The merged sequence of a pair as a String (convenience; not for hot paths). */
    public String mergedSequence(int pair) {
        return new String(mergedBases, mergedStart[pair], mergedLen[pair], StandardCharsets.ISO_8859_1);
    }

    // ---- written by the merge stage ----

    void resetResults() {
        mergedLength = 0;
        Arrays.fill(refusals, 0);
    }

    /** Counts one pair left not combined (by {@link #setNotCombined}) for {@code reason}. */
    void countRefusal(Refusal reason) {
        refusals[reason.ordinal()]++;
    }

    void setNotCombined(int pair) {
        if (outcome[pair] != MergeOutcome.SINGLE) {
            outcome[pair] = MergeOutcome.NOT_COMBINED;
        }
        overlap[pair] = 0;
        mismatches[pair] = 0;
        mergedStart[pair] = mergedLength;
        mergedLen[pair] = 0;
    }

    /** Reserves room for a merged read of {@code length} bases; returns where it starts. */
    int reserveMerged(int pair, byte result, int overlapLength, int mismatchCount, int length) {
        if (mergedLength + length > mergedBases.length) {
            int n = Math.max(mergedBases.length * 2, mergedLength + length);
            mergedBases = Arrays.copyOf(mergedBases, n);
            mergedQuals = Arrays.copyOf(mergedQuals, n);
        }
        int start = mergedLength;
        outcome[pair] = result;
        overlap[pair] = overlapLength;
        mismatches[pair] = mismatchCount;
        mergedStart[pair] = start;
        mergedLen[pair] = length;
        mergedLength += length;
        return start;
    }
}
