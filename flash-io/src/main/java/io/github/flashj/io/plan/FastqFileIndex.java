package io.github.flashj.io.plan;

import io.github.flashj.io.fastq.LineSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Finding record starts and counting lines in an input read at any offset: what {@link RangeScan}
 * does for each byte range of a split run, locally and on Spark.
 *
 * <p>{@link #findBoundary} finds the first record start of a range by the four-line structure of a
 * record, never by an {@code @} at a line start alone (a quality line can start with {@code @}).
 * {@link #countLines} then counts the lines from there, keeping the offset of every {@code g}-th
 * line as a checkpoint.
 *
 * <p>Lines end at {@code \n}, and a last line without one counts when it is not empty, as in
 * {@link LineSource}, so the lines of any record range are those a {@code LineSource} gives.
 */
public final class FastqFileIndex {
    /** The most bytes the lines of one structure check may span. */
    private static final int MAX_WINDOW = 1 << 24;
    /** Lines looked at by a structure check: two records. */
    private static final int CHECK_LINES = 8;

    private FastqFileIndex() {
    }

    /** The line count and checkpoints of one segment. */
    static final class Segment {
        long lines;
        private long[] offsets = new long[16];
        private int count;

        void checkpoint(long offset) {
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, count * 2);
            }
            offsets[count++] = offset;
        }

        long[] checkpoints() {
            return Arrays.copyOf(offsets, count);
        }
    }

    /**
     * Counts the lines of bytes {@code [from, to)}, which start at a line start, keeping the offset
     * of every {@code every}-th line from the first as a checkpoint (not counting the line at
     * {@code to}).
     */
    static Segment countLines(PositionalInput in, long size, long from, long to, long every) throws IOException {
        Segment segment = new Segment();
        if (from >= to) {
            return segment;
        }
        segment.checkpoint(from);
        Counter counter = new Counter(segment, every);
        byte[] block = new byte[1 << 18];
        ByteBuffer bb = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        long pos = from;
        byte last = 0;
        while (pos < to) {
            int n = (int) Math.min(block.length, to - pos);
            in.readFully(pos, block, 0, n);
            counter.block(bb, n, pos, to);
            last = bb.get(n - 1);
            pos += n;
        }
        if (to == size && last != '\n') {
            counter.lines++;
        }
        segment.lines = counter.lines;
        return segment;
    }

    /**
     * Counts lines block by block, keeping every {@code every}-th line start as a checkpoint. The
     * work is split into small methods called often, so that they compile early even where
     * on-stack replacement is off ({@code bin/flashj}).
     */
    static final class Counter {
        private static final int STRIDE = 1024;
        private final Segment segment;
        private final long every;
        long lines;
        private long nextCheckpoint;

        Counter(Segment segment, long every) {
            this.segment = segment;
            this.every = every;
            nextCheckpoint = every;
        }

        /** Counts the lines of {@code bb[0, n)}, bytes {@code [pos, pos + n)} of a segment ending at {@code to}. */
        void block(ByteBuffer bb, int n, long pos, long to) {
            int i = 0;
            for (; i + STRIDE <= n; i += STRIDE) {
                long c = newlines(bb, i, i + STRIDE);
                if (lines + c < nextCheckpoint) {
                    lines += c;
                } else {
                    bytes(bb, i, i + STRIDE, pos, to);
                }
            }
            bytes(bb, i, n, pos, to);
        }

        private static long newlines(ByteBuffer bb, int from, int to) {
            long c = 0;
            for (int w = from; w < to; w += Long.BYTES) {
                c += LineSource.newlinesIn(bb.getLong(w));
            }
            return c;
        }

        private void bytes(ByteBuffer bb, int from, int to, long pos, long end) {
            for (int i = from; i < to; i++) {
                if (bb.get(i) == '\n' && ++lines == nextCheckpoint) {
                    long at = pos + i + 1;
                    if (at < end) {
                        segment.checkpoint(at);
                    }
                    nextCheckpoint += every;
                }
            }
        }
    }

    /**
     * The first record start at or after {@code from} and before {@code limit}, judged by the four-line
     * structure of this record and the next: a tag line starting with {@code @}, a separator line
     * starting with {@code +}, a quality line as long as the sequence line (trailing whitespace
     * aside), and the next record's lines likewise as far as the file goes.
     *
     * @return the offset, or -1 when there is none in the range
     * @throws IrregularInputException when the lines to check are too long to judge
     */
    public static long findBoundary(PositionalInput in, long size, long from, long limit) throws IOException {
        Window w = new Window(in, size);
        long[] ends = new long[CHECK_LINES];
        long p;
        if (from == 0) {
            p = 0;
        } else {
            int n = w.lines(from - 1, ends, 1);
            if (n == 0) {
                return -1;
            }
            p = ends[0] + 1;
        }
        while (p < limit && p < size) {
            int n = w.lines(p, ends, CHECK_LINES);
            if (w.isRecordStart(p, ends, n)) {
                return p;
            }
            p = ends[0] + 1;
        }
        return -1;
    }

    /** The first line start at or after {@code from}; -1 when there is none. */
    static long findLineStart(PositionalInput in, long size, long from) throws IOException {
        if (from == 0) {
            return size == 0 ? -1 : 0;
        }
        long[] ends = new long[1];
        if (new Window(in, size).lines(from - 1, ends, 1) == 0 || ends[0] + 1 >= size) {
            return -1;
        }
        return ends[0] + 1;
    }

    /** Whether a structure check at offset 0 passes: the file starts like FASTQ. */
    public static boolean startsWithRecord(PositionalInput in, long size) throws IOException {
        if (size == 0) {
            return true;
        }
        Window w = new Window(in, size);
        long[] ends = new long[CHECK_LINES];
        int n = w.lines(0, ends, CHECK_LINES);
        return w.isRecordStart(0, ends, n);
    }

    /** The file cannot be indexed; it is read in order instead. */
    static final class IrregularInputException extends IOException {
        private static final long serialVersionUID = 1L;

        IrregularInputException(String message) {
            super(message);
        }
    }

    /** Bytes of the file around the lines being checked. */
    private static final class Window {
        private final PositionalInput in;
        private final long size;
        private byte[] buf = new byte[1 << 16];
        private long start;
        private long end;

        Window(PositionalInput in, long size) {
            this.in = in;
            this.size = size;
        }

        /**
         * Finds the ends of up to {@code max} lines from {@code p}: the offset of each {@code \n},
         * or the size for a last line without one.
         *
         * @return how many lines there are, fewer than {@code max} only at the end of the file
         */
        int lines(long p, long[] ends, int max) throws IOException {
            int want = Math.max(1 << 16, buf.length);
            while (true) {
                if (p < start || p + want > end && end < size) {
                    load(p, want);
                }
                int scan = (int) (p - start);
                int limit = (int) (end - start);
                int n = 0;
                while (n < max) {
                    int nl = LineSource.indexOfNewline(buf, scan, limit);
                    if (nl < 0) {
                        break;
                    }
                    ends[n++] = start + nl;
                    scan = nl + 1;
                }
                if (n == max) {
                    return n;
                }
                if (end == size) {
                    if (scan < limit) {
                        ends[n++] = size;
                    }
                    return n;
                }
                if (want >= MAX_WINDOW) {
                    throw new IrregularInputException("lines too long to find a record boundary");
                }
                want *= 2;
                load(p, want);
            }
        }

        private void load(long p, int want) throws IOException {
            int n = (int) Math.min(want, size - p);
            if (buf.length < n) {
                buf = new byte[n];
            }
            in.readFully(p, buf, 0, n);
            start = p;
            end = p + n;
        }

        /** Whether the lines from {@code p} (ends from {@link #lines}) look like two records. */
        boolean isRecordStart(long p, long[] ends, int n) {
            if (n < 4 || !record(p, ends, 0)) {
                return false;
            }
            if (n > 4 && !startsWith(ends[3] + 1, ends[4], '@')) {
                return false;
            }
            return n < 8 || record(p, ends, 4);
        }

        private boolean record(long p, long[] ends, int k) {
            long tag = k == 0 ? p : ends[k - 1] + 1;
            return startsWith(tag, ends[k], '@') && startsWith(ends[k + 1] + 1, ends[k + 2], '+')
                    && trimmedLength(ends[k] + 1, ends[k + 1]) == trimmedLength(ends[k + 2] + 1, ends[k + 3]);
        }

        private boolean startsWith(long lineStart, long lineEnd, char c) {
            return lineStart < lineEnd && buf[(int) (lineStart - start)] == c;
        }

        private int trimmedLength(long lineStart, long lineEnd) {
            int s = (int) (lineStart - start);
            return LineSource.trimmedEnd(buf, s, (int) (lineEnd - start)) - s;
        }
    }
}
