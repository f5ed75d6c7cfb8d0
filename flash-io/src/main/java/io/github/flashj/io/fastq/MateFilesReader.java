package io.github.flashj.io.fastq;

import io.github.flashj.InputFormatException;
import io.github.flashj.ResumableSource;
import io.github.flashj.batch.PairBatch;
import io.github.flashj.io.split.SplitMateFilesReader;
import java.io.IOException;

/**
 * Pairs from two FASTQ inputs read in step: record i of one with record i of the other. The reader
 * thread only cuts each input into the lines of a batch's worth of records; the merge worker
 * parses them.
 */
public final class MateFilesReader implements ResumableSource {
    private final LineSource mate1;
    private final LineSource mate2;

    public MateFilesReader(LineSource mate1, LineSource mate2) {
        this.mate1 = mate1;
        this.mate2 = mate2;
    }

    /** The raw input of one batch, kept with the batch across reuse (also by {@link SplitMateFilesReader}). */
    public static final class MateLines {
        public final RawLines lines1 = new RawLines();
        public final RawLines lines2 = new RawLines();
        final FastqRecordCursor records1 = new FastqRecordCursor();
        final FastqRecordCursor records2 = new FastqRecordCursor();
    }

    @Override
    public boolean fill(PairBatch batch) throws IOException {
        if (!(batch.attachment() instanceof MateLines)) {
            batch.attach(new MateLines());
        }
        MateLines c = (MateLines) batch.attachment();
        int wanted = 4 * batch.capacity();
        int lines1 = mate1.fill(c.lines1, wanted);
        int lines2 = mate2.fill(c.lines2, wanted);
        if (lines1 == 0 && lines2 == 0) {
            return false;
        }
        batch.deferParsing(MateFilesReader::parse);
        return lines1 == wanted && lines2 == wanted;
    }

    /** Parses the two mates' raw lines attached to the batch into pairs; the merge worker calls it. */
    public static void parse(PairBatch batch) throws IOException {
        MateLines c = (MateLines) batch.attachment();
        c.records1.reset(c.lines1);
        c.records2.reset(c.lines2);
        while (parsePair(c, batch)) {
            // Each call appends one pair.
        }
    }

    /**
     * Appends the next pair; false at the end of the lines. One call per pair, so that the JIT
     * compiles it within the first batches rather than leaving a loop over whole batches
     * interpreted.
     */
    private static boolean parsePair(MateLines c, PairBatch batch) throws IOException {
        boolean has1 = c.records1.next();
        boolean has2 = c.records2.next();
        if (has1 != has2) {
            FastqRecordCursor longer = has1 ? c.records1 : c.records2;
            FastqRecordCursor shorter = has1 ? c.records2 : c.records1;
            throw new InputFormatException(shorter.name(), 0, "has fewer records than " + longer.name()
                    + ", whose record at line " + longer.recordLine() + " has no mate");
        }
        if (!has1) {
            return false;
        }
        c.records1.appendTo(batch);
        c.records2.appendTo(batch);
        return true;
    }

    @Override
    public String notResumable() {
        return ResumableLines.notResumable(mate1, mate2);
    }

    @Override
    public String fingerprint() throws IOException {
        return ResumableLines.fingerprint("FASTQ mate files", mate1, mate2);
    }

    @Override
    public int position(long[] into) {
        return ResumableLines.position(into, mate1, mate2);
    }

    @Override
    public void resumeAt(long[] position) throws IOException {
        ResumableLines.resumeAt(position, mate1, mate2);
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
