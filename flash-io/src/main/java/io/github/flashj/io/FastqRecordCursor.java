package io.github.flashj.io;

import io.github.flashj.InputFormatException;
import io.github.flashj.PairBatch;
import java.io.Closeable;
import java.io.IOException;

/**
 * Reads FASTQ records one at a time and checks each as FLASH does: four lines (tag, sequence,
 * separator starting with {@code +}, quality), trailing whitespace removed, no whitespace inside
 * the sequence, quality as long as the sequence, no quality character below the PHRED offset.
 */
final class FastqRecordReader implements Closeable {
    private static final String[] LINE_NAMES = {"tag", "sequence", "separator", "quality"};

    private final LineSource lines;
    private int tagStart;
    private int tagEnd;
    private int seqStart;
    private int seqEnd;
    private int qualStart;
    private long firstLine;

    FastqRecordReader(LineSource lines) {
        this.lines = lines;
    }

    String name() {
        return lines.name();
    }

    /** The 1-based line number of the last record's tag line. */
    long recordLine() {
        return firstLine;
    }

    /**
     * Reads the next record.
     *
     * @return false at the end of the input, when no record is left
     * @throws InputFormatException when the record is malformed or cut short
     */
    boolean next() throws IOException {
        int found = lines.nextLines(4);
        if (found == 0) {
            return false;
        }
        firstLine = lines.firstLineNumber(found);
        byte[] b = lines.buffer();
        if (found < 4) {
            throw new InputFormatException(name(), lines.lineNumber() + 1, "unexpected end of input: the "
                    + LINE_NAMES[found] + " line of the record that starts at line " + firstLine + " is missing");
        }
        tagStart = lines.start[0];
        tagEnd = lines.trimmedEnd(0);
        // As FLASH: the tag is the line less one leading '@', which need not be there.
        if (tagEnd > tagStart && b[tagStart] == '@') {
            tagStart++;
        }
        seqStart = lines.start[1];
        seqEnd = lines.trimmedEnd(1);
        if (lines.end[2] == lines.start[2] || b[lines.start[2]] != '+') {
            throw new InputFormatException(name(), firstLine + 2, "expected a separator line starting with '+'");
        }
        qualStart = lines.start[3];
        int qualEnd = lines.trimmedEnd(3);
        if (qualEnd - qualStart != seqEnd - seqStart) {
            throw new InputFormatException(name(), firstLine + 3, "quality length (" + (qualEnd - qualStart)
                    + ") differs from sequence length (" + (seqEnd - seqStart) + ")");
        }
        return true;
    }

    /** Appends the last record read to the batch as the next mate. */
    void appendTo(PairBatch batch) throws InputFormatException {
        byte[] b = lines.buffer();
        int bad = batch.appendRead(b, tagStart, tagEnd - tagStart, b, seqStart, b, qualStart, seqEnd - seqStart);
        if (bad != -1) {
            throw rejected(name(), bad, firstLine + 1, firstLine + 3, b, qualStart, batch.phredOffset());
        }
    }

    /**
     * The error for a read {@link PairBatch#appendRead} refused.
     *
     * @param code what appendRead returned
     * @param sequenceLine the line (or record line) of the sequence
     * @param qualityLine the line of the quality string
     */
    static InputFormatException rejected(String name, int code, long sequenceLine, long qualityLine, byte[] buf,
            int qualStart, int phredOffset) {
        if (code < -1) {
            return new InputFormatException(name, sequenceLine, "whitespace inside the sequence (column "
                    + (-1 - code) + ")");
        }
        int value = buf[qualStart + code] & 0xff;
        return new InputFormatException(name, qualityLine, "quality character '" + (char) value + "' (ASCII " + value
                + ") at position " + (code + 1) + " is below the PHRED offset " + phredOffset);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
