package io.github.flashj.io.fastq;

import io.github.flashj.InputFormatException;
import io.github.flashj.batch.PairBatch;
import io.github.flashj.batch.ReadEncoding;

/**
 * Walks the FASTQ records of a {@link RawLines} and checks each as FLASH does: four lines (tag,
 * sequence, separator starting with {@code +}, quality), trailing whitespace removed, quality as
 * long as the sequence; {@link PairBatch#appendRead} checks the bases and quality characters.
 */
public final class FastqRecordCursor {
    private static final String[] LINE_NAMES = {"tag", "sequence", "separator", "quality"};

    private RawLines lines;
    private int line;
    private int tagStart;
    private int tagEnd;
    private int seqStart;
    private int seqEnd;
    private int qualStart;
    private int recordLine;

    /** Starts at the first line of {@code lines}. */
    void reset(RawLines lines) {
        this.lines = lines;
        line = 0;
    }

    String name() {
        return lines.name();
    }

    /** Takes over another cursor's position and record, to hold a record while this one reads on. */
    void copyFrom(FastqRecordCursor other) {
        lines = other.lines;
        line = other.line;
        tagStart = other.tagStart;
        tagEnd = other.tagEnd;
        seqStart = other.seqStart;
        seqEnd = other.seqEnd;
        qualStart = other.qualStart;
        recordLine = other.recordLine;
    }

    /** The length of the last record's sequence (trailing whitespace aside). */
    int sequenceLength() {
        return seqEnd - seqStart;
    }

    /** The 1-based line number of the last record's tag line. */
    long recordLine() {
        return lines.lineNumber(recordLine);
    }

    /**
     * Reads the next record.
     *
     * @return false when no line is left
     * @throws InputFormatException when the record is malformed or cut short
     */
    boolean next() throws InputFormatException {
        int left = lines.lines() - line;
        if (left <= 0) {
            return false;
        }
        recordLine = line;
        if (left < 4) {
            throw new InputFormatException(name(), lines.lineNumber(line + left), "unexpected end of input: the "
                    + LINE_NAMES[left] + " line of the record that starts at line " + recordLine() + " is missing");
        }
        byte[] b = lines.data();
        tagStart = lines.start(line);
        tagEnd = lines.trimmedEnd(line);
        // As FLASH: the tag is the line less one leading '@', which need not be there.
        if (tagEnd > tagStart && b[tagStart] == '@') {
            tagStart++;
        }
        seqStart = lines.start(line + 1);
        seqEnd = lines.trimmedEnd(line + 1);
        int sep = lines.start(line + 2);
        if (lines.end(line + 2) == sep || b[sep] != '+') {
            throw new InputFormatException(name(), lines.lineNumber(line + 2),
                    "expected a separator line starting with '+'");
        }
        qualStart = lines.start(line + 3);
        int qualEnd = lines.trimmedEnd(line + 3);
        if (qualEnd - qualStart != seqEnd - seqStart) {
            throw new InputFormatException(name(), lines.lineNumber(line + 3), "quality length ("
                    + (qualEnd - qualStart) + ") differs from sequence length (" + (seqEnd - seqStart) + ")");
        }
        line += 4;
        return true;
    }

    /** Appends the last record read to the batch as the next mate. */
    void appendTo(PairBatch batch) throws InputFormatException {
        byte[] b = lines.data();
        int refusal = batch.appendRead(b, tagStart, tagEnd - tagStart, b, seqStart, b, qualStart, seqEnd - seqStart);
        if (refusal != ReadEncoding.APPENDED) {
            throw rejected(name(), refusal, lines.lineNumber(recordLine + 1), lines.lineNumber(recordLine + 3), b,
                    qualStart, batch.phredOffset());
        }
    }

    /**
     * The error for a read {@link PairBatch#appendRead} refused.
     *
     * @param refusal what appendRead returned
     * @param sequenceLine the line (or record line) of the sequence
     * @param qualityLine the line of the quality string
     */
    static InputFormatException rejected(String name, int refusal, long sequenceLine, long qualityLine, byte[] buf,
            int qualStart, int phredOffset) {
        long line = ReadEncoding.isWhitespaceInSequence(refusal) ? sequenceLine : qualityLine;
        return new InputFormatException(name, line, ReadEncoding.describeRefusal(refusal, buf, qualStart, phredOffset));
    }
}
