package io.github.flashj.io.output;

import io.github.flashj.batch.MergeOutcome;
import io.github.flashj.batch.MergedTag;
import io.github.flashj.batch.PairBatch;
import java.io.IOException;

/**
 * FLASH's tab-delimited output: a merged read is {@code tag seq qual}, a pair not merged
 * {@code tag seq1 qual1 seq2 qual2}, a lone read {@code tag seq qual} with its tag whole.
 *
 * <p>FLASH's record order here is not input order: merged records and pairs not merged collect in
 * two blocks of {@value #BLOCK} records. A full merged block is written at once; a full block of
 * pairs is written when the next pair arrives; at the end the pairs' block goes first. Lone reads
 * are written as they come (FLASH's own placement of them depends on thread timing).
 */
final class TabDelimitedFormat implements ReadFileWriter {
    private static final int BLOCK = 35;
    private final OutputChannel file;
    private final ByteBuilder merged = new ByteBuilder(1 << 14);
    private final ByteBuilder pairs = new ByteBuilder(1 << 14);
    private int mergedCount;
    private int pairCount;

    TabDelimitedFormat(OutputChannel file) {
        this.file = file;
    }

    @Override
    public void write(PairBatch batch) throws IOException {
        ByteBuilder out = file.buffer();
        int phred = batch.phredOffset();
        for (int i = 0, n = batch.size(); i < n; i++) {
            add(out, batch, i, phred);
        }
        file.flushBuffer();
    }

    @Override
    public void finish() throws IOException {
        ByteBuilder out = file.buffer();
        moveTo(out, pairs);
        moveTo(out, merged);
        pairCount = 0;
        mergedCount = 0;
        file.flushBuffer();
    }

    private void add(ByteBuilder out, PairBatch batch, int pair, int phred) {
        byte outcome = batch.outcome(pair);
        if (outcome == MergeOutcome.SINGLE) {
            appendPair(out, batch, pair, phred, true);
        } else if (outcome == MergeOutcome.NOT_COMBINED) {
            if (pairCount == BLOCK) {
                moveTo(out, pairs);
                pairCount = 0;
            }
            appendPair(pairs, batch, pair, phred, false);
            pairCount++;
        } else {
            appendMerged(merged, batch, pair, phred);
            if (++mergedCount == BLOCK) {
                moveTo(out, merged);
                mergedCount = 0;
            }
        }
    }

    private static void moveTo(ByteBuilder out, ByteBuilder block) {
        out.append(block.array(), 0, block.length());
        block.clear();
    }

    private static void appendMerged(ByteBuilder out, PairBatch batch, int pair, int phred) {
        byte[] tags = batch.tagBytes();
        int off = batch.tagStart(pair, 0);
        int len = batch.tagLength(pair, 0);
        out.append(tags, off, MergedTag.prefixEnd(tags, off, len) - off);
        int suffix = MergedTag.suffixStart(tags, off, len);
        out.append(tags, suffix, off + len - suffix);
        appendRead(out, batch.mergedBases(), batch.mergedQualities(), batch.mergedStart(pair),
                batch.mergedLength(pair), phred);
        out.append((byte) '\n');
    }

    /** A pair not merged, or with {@code single} a lone read. */
    private static void appendPair(ByteBuilder out, PairBatch batch, int pair, int phred, boolean single) {
        byte[] tags = batch.tagBytes();
        int off = batch.tagStart(pair, 0);
        int len = batch.tagLength(pair, 0);
        // As FLASH: a pair's line drops a trailing "/1" or "/2" from the tag; a lone read's does not.
        if (!single && len >= 2 && tags[off + len - 2] == '/' && (tags[off + len - 1] == '1' || tags[off + len - 1] == '2')) {
            len -= 2;
        }
        out.append(tags, off, len);
        appendRead(out, batch.bases(), batch.qualities(), batch.sequenceStart(pair, 0),
                batch.sequenceLength(pair, 0), phred);
        if (!single) {
            appendRead(out, batch.bases(), batch.qualities(), batch.sequenceStart(pair, 1),
                    batch.sequenceLength(pair, 1), phred);
        }
        out.append((byte) '\n');
    }

    private static void appendRead(ByteBuilder out, byte[] bases, byte[] quals, int start, int length, int phred) {
        out.append((byte) '\t');
        out.append(bases, start, length);
        out.append((byte) '\t');
        out.appendQualities(quals, start, length, phred);
    }
}
