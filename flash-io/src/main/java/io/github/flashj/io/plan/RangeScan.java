package io.github.flashj.io.plan;

import io.github.flashj.io.input.InputFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * What one planning task learns of one byte range of an input: where the range's records start
 * and end, how many lines lie between, and the offset of every {@code checkpointLines}-th of those
 * lines. A range {@code [from, nextFrom)} owns the records that start in it; their start is found
 * by the record structure ({@link ChunkPlanner}), never by an {@code @} at a line start alone.
 *
 * <p>Immutable and serializable: a Spark task returns it to the driver.
 */
public final class RangeScan implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long start;
    private final long end;
    private final long lines;
    private final long[] checkpoints;
    private final boolean regular;

    private RangeScan(long start, long end, long lines, long[] checkpoints, boolean regular) {
        this.start = start;
        this.end = end;
        this.lines = lines;
        this.checkpoints = checkpoints;
        this.regular = regular;
    }

    /**
     * Scans bytes {@code [from, nextFrom)} of {@code in}.
     *
     * @param format how records are laid out (FASTQ's four-line records or single lines)
     * @param checkpointLines keep the offset of every this-many-th line of the range
     */
    public static RangeScan scan(PositionalInput in, InputFormat format, long from, long nextFrom,
            int checkpointLines) throws IOException {
        if (checkpointLines < 1) {
            throw new IllegalArgumentException("checkpoint spacing must be at least one line, got " + checkpointLines);
        }
        long size = in.size();
        try {
            if (from == 0 && format.isFastq() && !FastqFileIndex.startsWithRecord(in, size)) {
                return new RangeScan(0, size, 0, new long[0], false);
            }
            long start = from == 0 ? 0 : boundary(in, format, size, from);
            long end = nextFrom >= size ? size : boundary(in, format, size, nextFrom);
            if (start >= end) {
                return new RangeScan(end, end, 0, new long[0], true);
            }
            FastqFileIndex.Segment segment = FastqFileIndex.countLines(in, size, start, end, checkpointLines);
            return new RangeScan(start, end, segment.lines, segment.checkpoints(),
                    segment.lines % format.linesPerRecord() == 0);
        } catch (FastqFileIndex.IrregularInputException e) {
            return new RangeScan(from, nextFrom, 0, new long[0], false);
        }
    }

    /**
     * A scan of a whole input, {@code scan(in, format, 0, size, checkpointLines)}, made as the
     * input's bytes are written to the stream returned, in order: for an input decoded from its
     * start in one pass (a gzip file indexed by one task), which planning then need not read again.
     * {@link Whole#scan} gives it once all bytes are written.
     */
    public static Whole whole(InputFormat format, int checkpointLines) {
        if (checkpointLines < 1) {
            throw new IllegalArgumentException("checkpoint spacing must be at least one line, got " + checkpointLines);
        }
        return new Whole(format, checkpointLines);
    }

    /** The stream {@link #whole} returns: it counts lines as bytes are written, keeping the first ones. */
    public static final class Whole extends OutputStream {
        /** The first bytes kept, for the check that the input starts like its format. */
        private static final int HEAD = 1 << 20;
        private final InputFormat format;
        private final FastqFileIndex.Segment segment = new FastqFileIndex.Segment();
        private final FastqFileIndex.Counter counter;
        private final byte[] block = new byte[1 << 18];
        private final ByteBuffer blockView = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        private int filled;
        private long counted;
        private byte[] head = new byte[1 << 16];
        private int headLength;
        private byte last;

        private Whole(InputFormat format, int checkpointLines) {
            this.format = format;
            this.counter = new FastqFileIndex.Counter(segment, checkpointLines);
            segment.checkpoint(0);
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            keepHead(b, off, len);
            while (len > 0) {
                int n = Math.min(len, block.length - filled);
                System.arraycopy(b, off, block, filled, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == block.length) {
                    count();
                }
            }
        }

        private void keepHead(byte[] b, int off, int len) {
            int n = Math.min(len, HEAD - headLength);
            if (n <= 0) {
                return;
            }
            if (head.length < headLength + n) {
                head = Arrays.copyOf(head, Math.min(HEAD, Math.max(2 * head.length, headLength + n)));
            }
            System.arraycopy(b, off, head, headLength, n);
            headLength += n;
        }

        private void count() {
            if (filled == 0) {
                return;
            }
            // Checkpoints at the end are dropped once the size is known (scan keeps none there).
            counter.block(blockView, filled, counted, Long.MAX_VALUE);
            last = block[filled - 1];
            counted += filled;
            filled = 0;
        }

        /**
         * The scan of the bytes written, as {@link RangeScan#scan} gives it over all of them; null
         * when the first lines are too long for the check of the format to be made from the first
         * MiB kept (plan such an input by reading it again).
         */
        public RangeScan scan() throws IOException {
            count();
            long size = counted;
            if (size == 0) {
                return new RangeScan(0, 0, 0, new long[0], true);
            }
            if (format.isFastq()) {
                PositionalInput first = headOf(size);
                try {
                    if (!FastqFileIndex.startsWithRecord(first, size)) {
                        return new RangeScan(0, size, 0, new long[0], false);
                    }
                } catch (FastqFileIndex.IrregularInputException e) {
                    return new RangeScan(0, size, 0, new long[0], false);
                } catch (BeyondHeadException e) {
                    return null;
                }
            }
            long lines = counter.lines + (last != '\n' ? 1 : 0);
            long[] checkpoints = segment.checkpoints();
            int n = checkpoints.length;
            while (n > 1 && checkpoints[n - 1] >= size) {
                n--;
            }
            return new RangeScan(0, size, lines, Arrays.copyOf(checkpoints, n), lines % format.linesPerRecord() == 0);
        }

        /** The input as far as its first bytes were kept; reading past them throws {@link BeyondHeadException}. */
        private PositionalInput headOf(long size) {
            return new PositionalInput() {
                @Override
                public long size() {
                    return size;
                }

                @Override
                public int read(long position, byte[] buffer, int offset, int length) throws IOException {
                    if (position + length > headLength) {
                        throw new BeyondHeadException();
                    }
                    System.arraycopy(head, (int) position, buffer, offset, length);
                    return length;
                }
            };
        }

        private static final class BeyondHeadException extends IOException {
            private static final long serialVersionUID = 1L;
        }
    }

    /**
     * A range whose data cannot be read (compressed data that fail their check): the plan is then
     * one chunk that reads the inputs in order, which reports the error as a local run does.
     */
    public static RangeScan unreadable(long from, long nextFrom) {
        return new RangeScan(from, nextFrom, 0, new long[0], false);
    }

    /** The first record start at or after {@code from}; the size when there is none. */
    private static long boundary(PositionalInput in, InputFormat format, long size, long from) throws IOException {
        long p = format.isFastq() ? FastqFileIndex.findBoundary(in, size, from, size)
                : FastqFileIndex.findLineStart(in, size, from);
        return p < 0 ? size : p;
    }

    /** The offset of the range's first record; equal to {@link #end()} when it has none. */
    public long start() {
        return start;
    }

    /** The offset where the next range's records start (the input's size for the last). */
    public long end() {
        return end;
    }

    /** The lines between {@link #start()} and {@link #end()}. */
    public long lines() {
        return lines;
    }

    /** Whether the range holds whole records and the input starts like its format. */
    public boolean regular() {
        return regular;
    }

    long[] checkpoints() {
        return checkpoints;
    }

    @Override
    public String toString() {
        return "RangeScan[" + start + ", " + end + "): " + lines + " lines" + (regular ? "" : ", irregular")
                + ", " + checkpoints.length + " checkpoints";
    }
}
