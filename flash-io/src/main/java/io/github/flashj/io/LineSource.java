package io.github.flashj.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Hands out groups of whole lines that lie contiguous in one reused buffer, with no copy and no
 * per-line object: {@link #nextLines(int)} finds up to {@code n} lines and exposes their bounds.
 * Line ends ({@code \n}) are not part of a line.
 */
final class LineSource implements Closeable {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final InputStream in;
    private final String name;
    private byte[] buf = new byte[1 << 17];
    private int pos;
    private int limit;
    private boolean eof;
    private long linesConsumed;

    /** Start and end (exclusive, before the {@code \n}) of each line of the last group. */
    final int[] start = new int[5];
    final int[] end = new int[5];

    LineSource(InputStream in, String name) {
        this.in = in;
        this.name = name;
    }

    /** The input's name for messages. */
    String name() {
        return name;
    }

    /** The buffer the bounds of the last group point into. */
    byte[] buffer() {
        return buf;
    }

    /** The 1-based number of the first line of the last group. */
    long firstLineNumber(int count) {
        return linesConsumed - count + 1;
    }

    /** The 1-based number of the last line consumed so far (0 before any). */
    long lineNumber() {
        return linesConsumed;
    }

    /**
     * Finds the next {@code n} lines (n at most 5). A last line without {@code \n} counts as a line
     * when it is not empty.
     *
     * @return how many were found: {@code n}, or fewer at the end of the input
     */
    int nextLines(int n) throws IOException {
        int found = 0;
        int scan = pos;
        int lineStart = pos;
        while (found < n) {
            int nl = indexOfNewline(scan, limit);
            if (nl >= 0) {
                start[found] = lineStart;
                end[found] = nl;
                found++;
                scan = nl + 1;
                lineStart = scan;
                continue;
            }
            if (eof) {
                if (lineStart < limit) {
                    start[found] = lineStart;
                    end[found] = limit;
                    found++;
                    lineStart = limit;
                }
                break;
            }
            // Refill, keeping the lines found so far and the partial one contiguous.
            int shift = pos;
            if (shift > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= shift;
                pos = 0;
                for (int k = 0; k < found; k++) {
                    start[k] -= shift;
                    end[k] -= shift;
                }
                lineStart -= shift;
                scan = limit;
            }
            if (limit == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
        pos = lineStart;
        linesConsumed += found;
        return found;
    }

    /** The first {@code \n} in {@code [from, to)}, eight bytes at a time; -1 when there is none. */
    private int indexOfNewline(int from, int to) {
        byte[] b = buf;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long v = (long) LONGS.get(b, i) ^ NEWLINES;
            // Classic zero-byte test: the lowest set bit marks the first byte equal to '\n'.
            long found = (v - ONES) & ~v & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The end of line {@code k} of the last group with trailing whitespace removed. */
    int trimmedEnd(int k) {
        int s = start[k];
        int e = end[k];
        while (e > s && isSpace(buf[e - 1])) {
            e--;
        }
        return e;
    }

    static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0x0b || b == 0x0c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
