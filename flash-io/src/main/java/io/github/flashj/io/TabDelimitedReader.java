package io.github.flashj.io;

import io.github.flashj.InputFormatException;
import io.github.flashj.PairBatch;
import io.github.flashj.PairSource;
import java.io.IOException;

/**
 * Pairs from tab-delimited lines: {@code tag seq1 qual1 seq2 qual2} is a pair (both mates take the
 * tag), {@code tag seq qual} (or an empty second read) a lone read, passed through but never merged.
 * One leading {@code @} of the tag is dropped, as from FASTQ tags.
 */
final class TabDelimitedReader implements PairSource {
    private static final int MAX_FIELDS = 5;

    private final LineSource lines;
    private final int[] fieldStart = new int[MAX_FIELDS + 1];
    private final int[] fieldEnd = new int[MAX_FIELDS + 1];

    TabDelimitedReader(LineSource lines) {
        this.lines = lines;
    }

    @Override
    public boolean fill(PairBatch batch) throws IOException {
        while (!batch.isFull()) {
            if (lines.nextLines(1) == 0) {
                return false;
            }
            long line = lines.lineNumber();
            byte[] b = lines.buffer();
            // As FLASH: fields are split on every tab of the line (so trailing tabs make fields), then
            // each field loses its trailing whitespace ('\r' included).
            int fields = split(b, lines.start[0], lines.end[0]);
            if (fields != 3 && fields != MAX_FIELDS) {
                throw new InputFormatException(lines.name(), line, "expected 3 or 5 tab-separated fields, found "
                        + (fields > MAX_FIELDS ? "more than 5" : String.valueOf(fields)));
            }
            checkLengths(line, b, 1);
            if (fieldEnd[0] > fieldStart[0] && b[fieldStart[0]] == '@') {
                fieldStart[0]++;
            }
            int tagLen = fieldEnd[0] - fieldStart[0];
            int bad;
            // As FLASH: a line whose second read is empty is a lone read too.
            if (fields == 3 || (fieldEnd[3] == fieldStart[3] && fieldEnd[4] == fieldStart[4])) {
                bad = batch.appendSingle(b, fieldStart[0], tagLen, b, fieldStart[1], b, fieldStart[2], length(1));
                check(bad, line, b, 2, batch);
                continue;
            }
            checkLengths(line, b, 3);
            bad = batch.appendRead(b, fieldStart[0], tagLen, b, fieldStart[1], b, fieldStart[2], length(1));
            check(bad, line, b, 2, batch);
            bad = batch.appendRead(b, fieldStart[0], tagLen, b, fieldStart[3], b, fieldStart[4], length(3));
            check(bad, line, b, 4, batch);
        }
        return true;
    }

    private int length(int field) {
        return fieldEnd[field] - fieldStart[field];
    }

    private void checkLengths(long line, byte[] b, int seqField) throws InputFormatException {
        if (length(seqField) != length(seqField + 1)) {
            throw new InputFormatException(lines.name(), line, "quality length (" + length(seqField + 1)
                    + ") differs from sequence length (" + length(seqField) + ") in fields " + (seqField + 1) + "-"
                    + (seqField + 2));
        }
    }

    private void check(int bad, long line, byte[] b, int qualField, PairBatch batch) throws InputFormatException {
        if (bad != -1) {
            throw FastqRecordReader.rejected(lines.name(), bad, line, line, b, fieldStart[qualField],
                    batch.phredOffset());
        }
    }

    /**
     * Splits on tabs, trimming trailing whitespace from each field; returns the number of fields
     * (MAX_FIELDS + 1 when there are more).
     */
    private int split(byte[] b, int from, int to) {
        int n = 0;
        int s = from;
        for (int k = from; k <= to; k++) {
            if (k == to || b[k] == '\t') {
                if (n == fieldStart.length) {
                    return n;
                }
                int e = k;
                while (e > s && LineSource.isSpace(b[e - 1])) {
                    e--;
                }
                fieldStart[n] = s;
                fieldEnd[n] = e;
                n++;
                s = k + 1;
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
