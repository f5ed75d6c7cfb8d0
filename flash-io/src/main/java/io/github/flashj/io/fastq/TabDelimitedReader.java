package io.github.flashj.io.fastq;

import io.github.flashj.InputFormatException;
import io.github.flashj.ResumableSource;
import io.github.flashj.batch.PairBatch;
import io.github.flashj.batch.ReadEncoding;
import java.io.IOException;

/**
 * Pairs from tab-delimited lines: {@code tag seq1 qual1 seq2 qual2} is a pair (both mates take the
 * tag), {@code tag seq qual} (or an empty second read) a lone read, passed through but never merged.
 * One leading {@code @} of the tag is dropped, as from FASTQ tags. The reader thread only cuts the
 * input into lines; the merge worker parses them.
 */
public final class TabDelimitedReader implements ResumableSource {
    private static final int MAX_FIELDS = 5;

    private final LineSource input;

    public TabDelimitedReader(LineSource input) {
        this.input = input;
    }

    /** The raw input of one batch and the field bounds of the line being parsed. */
    private static final class BatchLines {
        final RawLines lines = new RawLines();
        final int[] fieldStart = new int[MAX_FIELDS + 1];
        final int[] fieldEnd = new int[MAX_FIELDS + 1];

        int length(int field) {
            return fieldEnd[field] - fieldStart[field];
        }
    }

    @Override
    public boolean fill(PairBatch batch) throws IOException {
        if (!(batch.attachment() instanceof BatchLines)) {
            batch.attach(new BatchLines());
        }
        BatchLines c = (BatchLines) batch.attachment();
        int lines = input.fill(c.lines, batch.capacity());
        if (lines == 0) {
            return false;
        }
        batch.deferParsing(TabDelimitedReader::parse);
        return lines == batch.capacity();
    }

    private static void parse(PairBatch batch) throws IOException {
        BatchLines c = (BatchLines) batch.attachment();
        RawLines lines = c.lines;
        byte[] b = lines.data();
        int[] start = c.fieldStart;
        int[] end = c.fieldEnd;
        for (int k = 0; k < lines.lines(); k++) {
            long line = lines.lineNumber(k);
            // As FLASH: fields are split on every tab of the line (so trailing tabs make fields), then
            // each field loses its trailing whitespace ('\r' included).
            int fields = split(b, lines.start(k), lines.end(k), start, end);
            if (fields != 3 && fields != MAX_FIELDS) {
                throw new InputFormatException(lines.name(), line, "expected 3 or 5 tab-separated fields, found "
                        + (fields > MAX_FIELDS ? "more than 5" : String.valueOf(fields)));
            }
            checkLengths(c, lines.name(), line, 1);
            if (end[0] > start[0] && b[start[0]] == '@') {
                start[0]++;
            }
            int tagLen = end[0] - start[0];
            // As FLASH: a line whose second read is empty is a lone read too.
            if (fields == 3 || (c.length(3) == 0 && c.length(4) == 0)) {
                check(batch.appendSingle(b, start[0], tagLen, b, start[1], b, start[2], c.length(1)), c, lines,
                        line, 2, batch);
                continue;
            }
            checkLengths(c, lines.name(), line, 3);
            check(batch.appendRead(b, start[0], tagLen, b, start[1], b, start[2], c.length(1)), c, lines, line, 2,
                    batch);
            check(batch.appendRead(b, start[0], tagLen, b, start[3], b, start[4], c.length(3)), c, lines, line, 4,
                    batch);
        }
    }

    private static void checkLengths(BatchLines c, String name, long line, int seqField) throws InputFormatException {
        if (c.length(seqField) != c.length(seqField + 1)) {
            throw new InputFormatException(name, line, "quality length (" + c.length(seqField + 1)
                    + ") differs from sequence length (" + c.length(seqField) + ") in fields " + (seqField + 1) + "-"
                    + (seqField + 2));
        }
    }

    private static void check(int refusal, BatchLines c, RawLines lines, long line, int qualField, PairBatch batch)
            throws InputFormatException {
        if (refusal != ReadEncoding.APPENDED) {
            throw FastqRecordCursor.rejected(lines.name(), refusal, line, line, lines.data(), c.fieldStart[qualField],
                    batch.phredOffset());
        }
    }

    /**
     * Splits on tabs, trimming trailing whitespace from each field; returns the number of fields
     * (MAX_FIELDS + 1 when there are more).
     */
    private static int split(byte[] b, int from, int to, int[] fieldStart, int[] fieldEnd) {
        int n = 0;
        int s = from;
        for (int k = from; k <= to; k++) {
            if (k == to || b[k] == '\t') {
                if (n == fieldStart.length) {
                    return n;
                }
                fieldStart[n] = s;
                fieldEnd[n] = LineSource.trimmedEnd(b, s, k);
                n++;
                s = k + 1;
            }
        }
        return n;
    }

    @Override
    public String notResumable() {
        return ResumableLines.notResumable(input);
    }

    @Override
    public String fingerprint() throws IOException {
        return ResumableLines.fingerprint("tab-delimited", input);
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
