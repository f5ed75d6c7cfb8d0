package io.github.flashj.io.output;

import io.github.flashj.batch.PairBatch;
import java.io.IOException;
import java.util.List;

/** FASTQ output formatted by the committing thread, each file compressed (if at all) by its channel. */
final class FastqWriter implements ReadFileWriter {
    private final List<OutputChannel> files;
    private final OutputChannel merged;
    /** Null with standard output: pairs not merged are dropped. */
    private final OutputChannel mate1;
    /** {@link #mate1} itself with interleaved output. */
    private final OutputChannel mate2;

    /** @param files the read files, in the layout's order ({@link OutputLayout#readFiles()}) */
    FastqWriter(List<OutputChannel> files) {
        this.files = files;
        merged = files.get(0);
        mate1 = files.size() > 1 ? files.get(1) : null;
        mate2 = files.size() > 2 ? files.get(2) : mate1;
    }

    @Override
    public void write(PairBatch batch) throws IOException {
        BatchEncoder.formatFastq(batch, merged.buffer(), mate1 != null ? mate1.buffer() : null,
                mate2 != null ? mate2.buffer() : null);
        for (OutputChannel c : files) {
            c.flushBuffer();
        }
    }

    @Override
    public void finish() {
        // FASTQ has no trailer; the channels end the compression.
    }
}
