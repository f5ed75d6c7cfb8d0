package io.github.flashj.io.fastq;

import io.github.flashj.InputFormatException;
import io.github.flashj.ResumableSource;
import io.github.flashj.batch.PairBatch;
import java.io.IOException;

/**
 * Pairs from one interleaved FASTQ input: records 1 and 2 are a pair, then 3 and 4, and so on; a
 * pair whose second record has an empty sequence is dropped, as FLASH 1.2.11 drops it. The reader
 * thread only cuts the input into lines; the merge worker parses them.
 */
public final class InterleavedReader implements ResumableSource {
    private final LineSource input;

    public InterleavedReader(LineSource input) {
        this.input = input;
    }

    /** The raw input of one batch, kept with the batch across reuse. */
    private static final class BatchLines {
        final RawLines lines = new RawLines();
        final FastqRecordCursor records = new FastqRecordCursor();
        /** The first record of the pair being read, held while the second is read. */
        final FastqRecordCursor first = new FastqRecordCursor();
    }

    @Override
    public boolean fill(PairBatch batch) throws IOException {
        if (!(batch.attachment() instanceof BatchLines)) {
            batch.attach(new BatchLines());
        }
        BatchLines c = (BatchLines) batch.attachment();
        int wanted = 8 * batch.capacity();
        int lines = input.fill(c.lines, wanted);
        if (lines == 0) {
            return false;
        }
        batch.deferParsing(InterleavedReader::parse);
        return lines == wanted;
    }

    private static void parse(PairBatch batch) throws IOException {
        BatchLines c = (BatchLines) batch.attachment();
        FastqRecordCursor records = c.records;
        records.reset(c.lines);
        while (records.next()) {
            long line = records.recordLine();
            c.first.copyFrom(records);
            if (!records.next()) {
                throw new InputFormatException(records.name(), line,
                        "interleaved input has an odd number of records: the record at this line has no mate");
            }
            // As FLASH 1.2.11 does with interleaved input: a pair whose second record has no bases is
            // dropped (not counted, not written); an empty first record is kept.
            if (records.sequenceLength() == 0) {
                continue;
            }
            c.first.appendTo(batch);
            records.appendTo(batch);
        }
    }

    @Override
    public String notResumable() {
        return ResumableLines.notResumable(input);
    }

    @Override
    public String fingerprint() throws IOException {
        return ResumableLines.fingerprint("interleaved FASTQ", input);
    }

    @Override
    public int position(long[] into) {
        return ResumableLines.position(into, input);
    }

    @Override
    public void resumeAt(long[] position) throws IOException {
        ResumableLines.resumeAt(position, input);
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
