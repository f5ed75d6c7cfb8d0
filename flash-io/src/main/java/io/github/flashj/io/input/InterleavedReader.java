package io.github.flashj.io.input;

import io.github.flashj.InputFormatException;
import io.github.flashj.PairBatch;
import io.github.flashj.PairSource;
import java.io.IOException;

/**
 * Pairs from one interleaved FASTQ input: records 1 and 2 are a pair, then 3 and 4, and so on.
 * The reader thread only cuts the input into lines; the merge worker parses them.
 */
final class InterleavedReader implements PairSource {
    private final LineSource input;

    InterleavedReader(LineSource input) {
        this.input = input;
    }

    /** The raw input of one batch, kept with the batch across reuse. */
    private static final class Chunk {
        final LineChunk lines = new LineChunk();
        final FastqRecordCursor records = new FastqRecordCursor();
    }

    @Override
    public boolean fill(PairBatch batch) throws IOException {
        if (!(batch.attachment() instanceof Chunk)) {
            batch.attach(new Chunk());
        }
        Chunk c = (Chunk) batch.attachment();
        int wanted = 8 * batch.capacity();
        int lines = input.fill(c.lines, wanted);
        if (lines == 0) {
            return false;
        }
        batch.deferParsing(InterleavedReader::parse);
        return lines == wanted;
    }

    private static void parse(PairBatch batch) throws IOException {
        Chunk c = (Chunk) batch.attachment();
        FastqRecordCursor records = c.records;
        records.reset(c.lines);
        while (records.next()) {
            long line = records.recordLine();
            records.appendTo(batch);
            if (!records.next()) {
                throw new InputFormatException(records.name(), line,
                        "interleaved input has an odd number of records: the record at this line has no mate");
            }
            records.appendTo(batch);
        }
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
