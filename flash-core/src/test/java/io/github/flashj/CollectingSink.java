package io.github.flashj;

import io.github.flashj.batch.MergeOutcome;
import io.github.flashj.batch.MergedTag;
import io.github.flashj.batch.PairBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link OrderedSink} that records every pair as one line of text (tag, outcome and the merged
 * read in ReadMerger's form), checks that batch ids come in order, and can be told to fail.
 */
final class CollectingSink implements OrderedSink {
    final List<String> lines = new ArrayList<>();
    final List<Long> batchIds = new ArrayList<>();
    final AtomicInteger completed = new AtomicInteger();
    final AtomicInteger aborted = new AtomicInteger();
    volatile Throwable abortCause;
    volatile JobStatistics statistics;
    private int failOnBatch = -1;
    private IOException failure;
    private IOException completeFailure;

    CollectingSink failingOnBatch(int batch, IOException e) {
        failOnBatch = batch;
        failure = e;
        return this;
    }

    CollectingSink failingOnComplete(IOException e) {
        completeFailure = e;
        return this;
    }

    @Override
    public void accept(PairBatch batch) throws IOException {
        if (batchIds.size() == failOnBatch) {
            throw failure;
        }
        batchIds.add(batch.id());
        for (int i = 0; i < batch.size(); i++) {
            lines.add(line(batch, i));
        }
    }

    static String line(PairBatch batch, int i) {
        String tag = batch.tag(i, 0);
        byte outcome = batch.outcome(i);
        if (!batch.isCombined(i)) {
            return tag + "\t" + (outcome == MergeOutcome.NOT_COMBINED ? "NOT_COMBINED" : "SINGLE");
        }
        byte[] tags = batch.tagBytes();
        int off = batch.tagStart(i, 0);
        int len = batch.tagLength(i, 0);
        int prefixEnd = MergedTag.prefixEnd(tags, off, len);
        int suffixStart = MergedTag.suffixStart(tags, off, len);
        String merged = "@" + new String(tags, off, prefixEnd - off, StandardCharsets.ISO_8859_1)
                + new String(tags, suffixStart, off + len - suffixStart, StandardCharsets.ISO_8859_1);
        StringBuilder q = new StringBuilder();
        int start = batch.mergedStart(i);
        for (int k = 0; k < batch.mergedLength(i); k++) {
            q.append((char) (batch.mergedQualities()[start + k] + batch.phredOffset()));
        }
        return tag + "\t" + (outcome == MergeOutcome.INNIE ? "INNIE" : "OUTIE") + "\t" + merged + "\t"
                + batch.mergedSequence(i) + "\t" + q + "\t" + batch.overlapLength(i);
    }

    /** The line this sink writes for a pair, from ReadMerger's result. */
    static String expectedLine(ReadPair pair, MergeResult r) {
        String tag = pair.read1().tag().startsWith("@") ? pair.read1().tag().substring(1) : pair.read1().tag();
        if (!r.isCombined()) {
            return tag + "\tNOT_COMBINED";
        }
        FastqRead m = r.merged().get();
        return tag + "\t" + r.orientation() + "\t" + m.tag() + "\t" + m.sequence() + "\t" + m.quality() + "\t"
                + r.overlapLength();
    }

    @Override
    public void complete(JobStatistics statistics) throws IOException {
        completed.incrementAndGet();
        this.statistics = statistics;
        if (completeFailure != null) {
            throw completeFailure;
        }
    }

    @Override
    public void abort(Throwable cause) {
        aborted.incrementAndGet();
        abortCause = cause;
    }
}
