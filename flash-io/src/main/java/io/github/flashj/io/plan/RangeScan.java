package io.github.flashj.io.plan;

import io.github.flashj.io.input.InputFormat;
import java.io.IOException;
import java.io.Serializable;

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
