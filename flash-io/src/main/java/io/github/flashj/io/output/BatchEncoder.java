package io.github.flashj.io.output;

import io.github.flashj.batch.MergeOutcome;
import io.github.flashj.batch.MergedTag;
import io.github.flashj.batch.PairBatch;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns a merged batch into its part of each FASTQ read file of a layout, as text blocks. Any
 * thread on any machine may encode; whoever writes the blocks of a file in batch order gets
 * FLASH's file. For compressed output, write the blocks through {@link OutputCompression#pieces}
 * (gzip, LZ4) or {@link OutputCompression#wrap} (Zstandard). ({@link FlashOutput} has its encoders
 * compress each block as a piece too.)
 *
 * <pre>{@code
 * BatchEncoder encoder = new BatchEncoder(layout);
 * encoder.encode(mergedBatch);
 * for (int f = 0; f < encoder.files(); f++) {
 *     encoder.writeTo(f, partFile[f]);
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one per thread; it reuses its buffers from batch to batch.
 */
public final class BatchEncoder {
    private final int files;
    private final boolean interleaved;
    private final ByteBuilder[] text;
    private final ByteBuilder[] packed;
    /** Compresses the blocks into pieces; null for text blocks. */
    private final PieceCompressor compressor;
    /** The CRC-32 of each file's text block, with gzip pieces. */
    private final int[] crc;

    /**
     * An encoder of text blocks for a FASTQ layout.
     *
     * @throws IllegalArgumentException for tab-delimited output (its record order spans batches)
     *     or compression through a program (it cannot compress blocks apart)
     */
    public BatchEncoder(OutputLayout layout) {
        this(layout, false);
    }

    /** An encoder of text blocks, or of pieces of each file where {@code pieces} is true. */
    BatchEncoder(OutputLayout layout, boolean pieces) {
        if (layout.format() != FlashOutput.Format.FASTQ || layout.compression().usesProgram()) {
            throw new IllegalArgumentException("only FASTQ output, plain or compressed by FlashJ, is encoded by the"
                    + " batch; not tab-delimited output or a compression program");
        }
        files = layout.readFiles().size();
        interleaved = layout.interleaved();
        compressor = pieces ? new PieceCompressor(layout.compression()) : null;
        crc = new int[files];
        text = new ByteBuilder[files];
        packed = new ByteBuilder[files];
        for (int f = 0; f < files; f++) {
            text[f] = new ByteBuilder(1 << 16);
            packed[f] = pieces ? new ByteBuilder(1 << 14) : text[f];
        }
    }

    /** Whether {@link FlashOutput}'s merge workers compress the files of this layout in pieces. */
    static boolean compressesPieces(OutputLayout layout) {
        return layout.compression().joinsPieces() && layout.format() == FlashOutput.Format.FASTQ;
    }

    /** Replaces the blocks with those of {@code batch}. */
    public void encode(PairBatch batch) throws IOException {
        for (int f = 0; f < files; f++) {
            text[f].clear();
            packed[f].clear();
        }
        ByteBuilder mate1 = files > 1 ? text[1] : null;
        formatFastq(batch, text[0], mate1, interleaved ? mate1 : files > 2 ? text[2] : null);
        if (compressor != null) {
            for (int f = 0; f < files; f++) {
                if (text[f].length() > 0) {
                    compressor.compress(text[f].array(), text[f].length(), packed[f]);
                    crc[f] = compressor.checksum(text[f].array(), text[f].length());
                }
            }
        }
    }

    /**
     * The number of read files, whose order the blocks take ({@link OutputLayout#readFiles()}): 3, 2
     * with interleaved output, 1 (merged reads) with standard output.
     */
    public int files() {
        return files;
    }

    /** The length of file {@code f}'s block; 0 when the batch has no record for it. */
    public int length(int f) {
        return packed[f].length();
    }

    /** Writes file {@code f}'s block. */
    public void writeTo(int f, OutputStream out) throws IOException {
        packed[f].writeTo(out);
    }

    ByteBuilder block(int f) {
        return packed[f];
    }

    /** Adds file {@code f}'s text of this batch to the file's digest (pieces only). */
    void addTo(int f, PieceDigest digest) {
        digest.add(crc[f], text[f].array(), 0, text[f].length());
    }

    /**
     * Formats a batch as FASTQ: merged reads into {@code merged}, the mates of pairs not merged into
     * {@code mate1} and {@code mate2} (the same buffer when interleaved; dropped when {@code mate1}
     * is null, as with {@code -c}).
     */
    static void formatFastq(PairBatch batch, ByteBuilder merged, ByteBuilder mate1, ByteBuilder mate2) {
        for (int i = 0, n = batch.size(); i < n; i++) {
            formatPair(batch, i, merged, mate1, mate2);
        }
    }

    /** Formats pair {@code i}; one call per pair, so that the JIT compiles it within the first batches. */
    private static void formatPair(PairBatch batch, int i, ByteBuilder merged, ByteBuilder mate1, ByteBuilder mate2) {
        int phred = batch.phredOffset();
        byte outcome = batch.outcome(i);
        if (outcome == MergeOutcome.INNIE || outcome == MergeOutcome.OUTIE) {
            appendMergedFastq(merged, batch, i, phred);
        } else if (outcome == MergeOutcome.NOT_COMBINED && mate1 != null) {
            appendFastq(mate1, batch, i, 0, phred);
            appendFastq(mate2, batch, i, 1, phred);
        }
    }

    private static void appendFastq(ByteBuilder out, PairBatch batch, int pair, int mate, int phred) {
        appendTagLine(out, batch.tagBytes(), batch.tagStart(pair, mate), batch.tagLength(pair, mate), -1, -1);
        appendSequenceAndQuality(out, batch.bases(), batch.qualities(), batch.sequenceStart(pair, mate),
                batch.sequenceLength(pair, mate), phred);
    }

    private static void appendMergedFastq(ByteBuilder out, PairBatch batch, int pair, int phred) {
        byte[] tags = batch.tagBytes();
        int off = batch.tagStart(pair, 0);
        int len = batch.tagLength(pair, 0);
        appendTagLine(out, tags, off, MergedTag.prefixEnd(tags, off, len) - off, MergedTag.suffixStart(tags, off, len),
                off + len);
        appendSequenceAndQuality(out, batch.mergedBases(), batch.mergedQualities(), batch.mergedStart(pair),
                batch.mergedLength(pair), phred);
    }

    /** Writes {@code @}, the tag (and a second slice, if any) and a line end. */
    private static void appendTagLine(ByteBuilder out, byte[] tags, int off, int len, int from2, int to2) {
        out.append((byte) '@');
        out.append(tags, off, len);
        if (from2 >= 0) {
            out.append(tags, from2, to2 - from2);
        }
        out.append((byte) '\n');
    }

    private static void appendSequenceAndQuality(ByteBuilder out, byte[] bases, byte[] quals, int start, int length,
            int phred) {
        out.append(bases, start, length);
        out.append((byte) '\n');
        out.append((byte) '+');
        out.append((byte) '\n');
        out.appendQualities(quals, start, length, phred);
        out.append((byte) '\n');
    }
}
