package io.github.flashj;

import io.github.flashj.batch.BatchMerger;
import io.github.flashj.batch.MergeOutcome;
import io.github.flashj.batch.MergedTag;
import io.github.flashj.batch.PairBatch;
import io.github.flashj.batch.ReadEncoding;
import io.github.flashj.kernel.MergeKernel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Merges pairs in memory, no files needed: for tests and for tools that merge a few pairs.
 *
 * <pre>{@code
 * ReadMerger merger = ReadMerger.create(MergeParameters.DEFAULTS);
 * MergeResult r = merger.merge(ReadPair.of("@r1/1", "ACGT...", "IIII...", "@r1/2", "...", "..."));
 * if (r.isCombined()) System.out.println(r.merged().get().sequence());
 * }</pre>
 *
 * <p>Gives the same merged reads as {@link FlashJob} and the {@code flash} command. One instance
 * per thread: it reuses buffers between calls.
 */
public final class ReadMerger {
    private final MergeParameters params;
    private final BatchMerger merger;
    private final PairBatch batch;

    private ReadMerger(MergeParameters params, MergeKernel kernel) {
        this.params = params;
        this.merger = new BatchMerger(kernel, params);
        this.batch = new PairBatch(1, params.phredOffset());
    }

    /** A merger with these parameters and the fastest kernel of this JVM. */
    public static ReadMerger create(MergeParameters params) {
        return new ReadMerger(params, KernelChoice.AUTO.kernel());
    }

    /** A merger with these parameters and the kernel chosen. */
    public static ReadMerger create(MergeParameters params, KernelChoice kernel) {
        return new ReadMerger(params, kernel.kernel());
    }

    /**
     * Merges one pair.
     *
     * @throws IllegalArgumentException when a quality character is below the PHRED offset
     */
    public MergeResult merge(ReadPair pair) {
        batch.clear(0);
        append(pair.read1());
        append(pair.read2());
        merger.merge(batch);
        byte outcome = batch.outcome(0);
        if (outcome == MergeOutcome.NOT_COMBINED) {
            return new MergeResult(MergeResult.Orientation.NOT_COMBINED, Optional.empty(), 0);
        }
        int start = batch.mergedStart(0);
        int length = batch.mergedLength(0);
        byte[] quality = new byte[length];
        ReadEncoding.toQualityCharacters(batch.mergedQualities(), start, quality, 0, length, params.phredOffset());
        byte[] tags = batch.tagBytes();
        int off = batch.tagStart(0, 0);
        int len = batch.tagLength(0, 0);
        int prefixEnd = MergedTag.prefixEnd(tags, off, len);
        int suffixStart = MergedTag.suffixStart(tags, off, len);
        String mergedTag = "@" + new String(tags, off, prefixEnd - off, StandardCharsets.ISO_8859_1)
                + new String(tags, suffixStart, off + len - suffixStart, StandardCharsets.ISO_8859_1);
        FastqRead merged = new FastqRead(mergedTag,
                new String(batch.mergedBases(), start, length, StandardCharsets.ISO_8859_1),
                new String(quality, StandardCharsets.ISO_8859_1));
        return new MergeResult(MergeResult.Orientation.of(outcome), Optional.of(merged), batch.overlapLength(0));
    }

    /** Merges each pair in turn; the results are in the pairs' order. */
    public List<MergeResult> mergeAll(List<ReadPair> pairs) {
        List<MergeResult> results = new ArrayList<>(pairs.size());
        for (ReadPair pair : pairs) {
            results.add(merge(pair));
        }
        return results;
    }

    private void append(FastqRead read) {
        byte[] tag = read.tag().getBytes(StandardCharsets.ISO_8859_1);
        int skip = tag.length > 0 && tag[0] == '@' ? 1 : 0;
        byte[] seq = read.sequence().getBytes(StandardCharsets.ISO_8859_1);
        byte[] qual = read.quality().getBytes(StandardCharsets.ISO_8859_1);
        int refusal = batch.appendRead(tag, skip, tag.length - skip, seq, 0, qual, 0, seq.length);
        if (refusal == ReadEncoding.APPENDED) {
            return;
        }
        throw new IllegalArgumentException("read " + read.tag() + ": "
                + ReadEncoding.describeRefusal(refusal, qual, 0, params.phredOffset()));
    }
}
