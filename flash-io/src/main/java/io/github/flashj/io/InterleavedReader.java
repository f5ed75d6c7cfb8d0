package io.github.flashj.io;

import io.github.flashj.InputFormatException;
import io.github.flashj.PairBatch;
import io.github.flashj.PairSource;
import java.io.IOException;

/** Pairs from one interleaved FASTQ input: records 1 and 2 are a pair, then 3 and 4, and so on. */
final class InterleavedReader implements PairSource {
    private final FastqRecordReader records;

    InterleavedReader(FastqRecordReader records) {
        this.records = records;
    }

    @Override
    public boolean fill(PairBatch batch) throws IOException {
        while (!batch.isFull()) {
            if (!records.next()) {
                return false;
            }
            long line = records.recordLine();
            records.appendTo(batch);
            if (!records.next()) {
                throw new InputFormatException(records.name(), line,
                        "interleaved input has an odd number of records: the record at this line has no mate");
            }
            records.appendTo(batch);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        records.close();
    }
}
