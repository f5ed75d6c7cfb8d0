package io.github.flashj.io.fastq;

import java.util.Arrays;

/**
 * Whole lines of one input, copied out of the reader's buffer so that a merge worker can parse
 * them later: the raw input a deferring source attaches to a batch. Line ends ({@code \n}) are
 * not part of a line.
 */
public final class RawLines {
    private String name;
    private long firstLine;
    private byte[] data = new byte[1 << 16];
    private int length;
    private int[] start = new int[1024];
    private int[] end = new int[1024];
    private int lines;

    public void reset(String inputName, long firstLineNumber) {
        name = inputName;
        firstLine = firstLineNumber;
        length = 0;
        lines = 0;
    }

    /**
     * Copies {@code src[from, to)} in one piece; the caller then marks its lines with
     * {@link #addLineAt}, at offsets counted from {@code from}.
     *
     * @return the offset in these lines that {@code from} was copied to
     */
    int append(byte[] src, int from, int to) {
        int n = to - from;
        System.arraycopy(src, from, room(n), length, n);
        int at = length;
        length += n;
        return at;
    }

    /**
     * Makes room for {@code n} more bytes after the current ones, for a reader that fills
     * {@link #data()} itself and then calls {@link #grow(int)}.
     *
     * @return the array to write to, from offset {@link #length()}
     */
    public byte[] room(int n) {
        if (length + n > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, length + n));
        }
        return data;
    }

    /** Counts {@code n} bytes written into the room {@link #room(int)} made as part of these lines. */
    public void grow(int n) {
        length += n;
    }

    /** The number of bytes held. */
    public int length() {
        return length;
    }

    /** Marks a line already copied by {@link #append}: {@code [start, end)} in these lines. */
    public void addLineAt(int lineStart, int lineEnd) {
        if (lines == start.length) {
            start = Arrays.copyOf(start, lines * 2);
            end = Arrays.copyOf(end, lines * 2);
        }
        start[lines] = lineStart;
        end[lines] = lineEnd;
        lines++;
    }

    /** Copies one line, {@code src[from, to)}. */
    void add(byte[] src, int from, int to) {
        int at = append(src, from, to);
        addLineAt(at, at + to - from);
    }

    /** The input's name for messages. */
    String name() {
        return name;
    }

    /** The 1-based line number of line {@code k} of these lines in its input. */
    long lineNumber(int k) {
        return firstLine + k;
    }

    int lines() {
        return lines;
    }

    byte[] data() {
        return data;
    }

    int start(int k) {
        return start[k];
    }

    int end(int k) {
        return end[k];
    }

    /** The end of line {@code k} with trailing whitespace removed. */
    int trimmedEnd(int k) {
        return LineSource.trimmedEnd(data, start[k], end[k]);
    }
}
