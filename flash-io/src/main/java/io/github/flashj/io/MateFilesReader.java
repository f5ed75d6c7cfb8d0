package io.github.flashj.io;

import io.github.flashj.InputFormatException;
import io.github.flashj.PairBatch;
import io.github.flashj.PairSource;
import java.io.IOException;

/** Pairs from two FASTQ inputs read in step: record i of one with record i of the other. */
final class MateFilesReader implements PairSource {
    private final FastqRecordReader mate1;
    private final FastqRecordReader mate2;

    MateFilesReader(FastqRecordReader mate1, FastqRecordReader mate2) {
        this.mate1 = mate1;
        this.mate2 = mate2;
    }

    @Override
    public boolean fill(PairBatch batch) throws IOException {
        while (!batch.isFull()) {
            boolean has1 = mate1.next();
            boolean has2 = mate2.next();
            if (has1 != has2) {
                FastqRecordReader longer = has1 ? mate1 : mate2;
                FastqRecordReader shorter = has1 ? mate2 : mate1;
                throw new InputFormatException(shorter.name(), 0, "has fewer records than " + longer.name()
                        + ", whose record at line " + longer.recordLine() + " has no mate");
            }
            if (!has1) {
                return false;
            }
            mate1.appendTo(batch);
            mate2.appendTo(batch);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        try {
            mate1.close();
        } finally {
            mate2.close();
        }
    }
}
