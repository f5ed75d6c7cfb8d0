package io.github.flashj.spark.functions;

import io.github.flashj.MergeParameters;
import io.github.flashj.batch.BatchMerger;
import io.github.flashj.batch.MergeOutcome;
import io.github.flashj.batch.MergedTag;
import io.github.flashj.batch.PairBatch;
import io.github.flashj.batch.ReadEncoding;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Merges one pair of SQL strings at a time with the same kernel as the file job, into the
 * {@code flash_merge} struct. One per function instance: Spark gives each task its own copy of
 * a query's expressions, so an instance is used by one thread at a time.
 */
final class RowMerger {
    private static final UTF8String INNIE = UTF8String.fromString("innie");
    private static final UTF8String OUTIE = UTF8String.fromString("outie");

    private final MergeParameters parameters;
    private final PairBatch batch;
    private final BatchMerger merger;
    private byte[] quality = new byte[512];

    RowMerger(MergeParameters parameters) {
        this.parameters = parameters;
        this.batch = new PairBatch(1, parameters.phredOffset());
        this.merger = new BatchMerger(parameters);
    }

    /** The struct of {@link FlashFunctions#RESULT_TYPE} for one pair; strings are FASTQ lines. */
    InternalRow merge(UTF8String name1, UTF8String seq1, UTF8String qual1, UTF8String name2, UTF8String seq2,
            UTF8String qual2) {
        batch.clear(0);
        append(name1, seq1, qual1);
        append(name2, seq2, qual2);
        merger.merge(batch);
        byte outcome = batch.outcome(0);
        if (!MergeOutcome.isCombined(outcome)) {
            return new GenericInternalRow(new Object[] {false, null, null, null, null, null});
        }
        int start = batch.mergedStart(0);
        int length = batch.mergedLength(0);
        if (quality.length < length) {
            quality = new byte[Math.max(length, 2 * quality.length)];
        }
        ReadEncoding.toQualityCharacters(batch.mergedQualities(), start, quality, 0, length, parameters.phredOffset());
        return new GenericInternalRow(new Object[] {true, outcome == MergeOutcome.INNIE ? INNIE : OUTIE,
            batch.overlapLength(0), mergedTag(),
            UTF8String.fromBytes(batch.mergedBases(), start, length), UTF8String.fromBytes(quality, 0, length)});
    }

    /** Read 1's tag as FLASH makes the merged read's tag, without the leading {@code @}. */
    private UTF8String mergedTag() {
        byte[] tags = batch.tagBytes();
        int off = batch.tagStart(0, 0);
        int len = batch.tagLength(0, 0);
        int prefixEnd = MergedTag.prefixEnd(tags, off, len);
        int suffixStart = MergedTag.suffixStart(tags, off, len);
        int suffix = off + len - suffixStart;
        if (suffix == 0) {
            return UTF8String.fromBytes(tags, off, prefixEnd - off);
        }
        byte[] tag = new byte[prefixEnd - off + suffix];
        System.arraycopy(tags, off, tag, 0, prefixEnd - off);
        System.arraycopy(tags, suffixStart, tag, prefixEnd - off, suffix);
        return UTF8String.fromBytes(tag);
    }

    private void append(UTF8String name, UTF8String seq, UTF8String qual) {
        ByteBuffer t = name.getByteBuffer();
        ByteBuffer s = seq.getByteBuffer();
        ByteBuffer q = qual.getByteBuffer();
        int tagOff = t.arrayOffset() + t.position();
        int tagLen = t.remaining();
        int skip = tagLen > 0 && t.array()[tagOff] == '@' ? 1 : 0;
        if (q.remaining() != s.remaining()) {
            throw new IllegalArgumentException("flash_merge: read " + name + ": the quality string is "
                    + q.remaining() + " characters long, the sequence " + s.remaining());
        }
        int refusal = batch.appendRead(t.array(), tagOff + skip, tagLen - skip, s.array(),
                s.arrayOffset() + s.position(), q.array(), q.arrayOffset() + q.position(), s.remaining());
        if (refusal != ReadEncoding.APPENDED) {
            throw new IllegalArgumentException("flash_merge: read " + name + ": " + ReadEncoding.describeRefusal(
                    refusal, q.array(), q.arrayOffset() + q.position(), parameters.phredOffset()));
        }
    }

    /** The strings of the struct's name, seq and qual fields of a Java {@link String}, for the UDF form. */
    static UTF8String utf8(String s) {
        return s == null ? null : UTF8String.fromBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
