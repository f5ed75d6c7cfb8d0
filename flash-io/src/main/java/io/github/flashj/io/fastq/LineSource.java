package io.github.flashj.io.fastq;

import io.github.flashj.InputFormatException;
import io.github.flashj.gzip.SeekableGzipInputStream;
import io.github.flashj.io.decode.InputFiles;
import io.github.flashj.io.input.InputFingerprint;
import io.github.flashj.io.plan.PositionalInput;
import io.github.flashj.swar.Swar;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads an input in large blocks and hands out whole lines by the block ({@link #fill}), finding
 * line ends eight bytes at a time; no per-line object.
 */
public final class LineSource implements Closeable {
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    /** The longest line read; a longer one is not a read, and would overflow the buffer's size. */
    private static final int MAX_LINE = 1 << 30;
    /** The most lines one step of {@link #fill} copies. */
    private static final int LINES_PER_STEP = 64;


    private final InputStream in;
    private final String name;
    /** The file read, for a resumed run to find again; null for a stream (standard input, say). */
    private final Path file;
    private byte[] buf = new byte[1 << 17];
    /** The offset in the (decompressed) input of {@code buf[0]}. */
    private long bufferStart;
    private int pos;
    private int limit;
    private boolean eof;
    private long linesConsumed;
    /** The line number (0-based) at which the input ends for this source: the end of its range. */
    private final long lineLimit;
    private final int[] lineEnds = new int[LINES_PER_STEP];

    public LineSource(InputStream in, String name) {
        this(in, name, 0, Long.MAX_VALUE);
    }

    /**
     * A source over the whole of {@code file}, opened as {@code in}: a run that reads it records
     * its position and can be resumed ({@link #offset()}, {@link #resumeAt}).
     */
    public LineSource(InputStream in, String name, Path file) {
        this(in, name, file, 0, Long.MAX_VALUE);
    }

    /**
     * A source over part of an input: {@code in} starts at line {@code linesBefore} (0-based) of the
     * whole input, so that lines are numbered as in the whole input, and the source ends before line
     * {@code lineLimit}.
     */
    public LineSource(InputStream in, String name, long linesBefore, long lineLimit) {
        this(in, name, null, linesBefore, lineLimit);
    }

    private LineSource(InputStream in, String name, Path file, long linesBefore, long lineLimit) {
        this.in = in;
        this.file = file;
        this.name = name;
        this.linesConsumed = linesBefore;
        this.lineLimit = lineLimit;
    }

    /** Passes over the next {@code lines} lines (fewer at the end of the input). */
    public void skip(long lines) throws IOException {
        RawLines scratch = new RawLines();
        for (long left = lines; left > 0; ) {
            int n = fill(scratch, (int) Math.min(left, 1 << 16));
            if (n == 0) {
                return;
            }
            left -= n;
        }
    }

    /** The input's name for messages. */
    String name() {
        return name;
    }

    /** The offset in the (decompressed) input of the first line not yet handed out. */
    long offset() {
        return bufferStart + pos;
    }

    /** The lines handed out so far, counted from the input's start. */
    long linesConsumed() {
        return linesConsumed;
    }

    /** Why a run reading this source cannot be resumed, or null when it can: it reads a regular file. */
    String notResumable() {
        if (file == null) {
            return name + " is a stream, read once";
        }
        if (!Files.isRegularFile(file)) {
            return name + " is not a regular file (a pipe?), read once";
        }
        return null;
    }

    /**
     * The file's {@link InputFingerprint}, tab-separated after its name: what a resumed run checks
     * to know that the file is the one read before.
     */
    String fingerprint() throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            long modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis();
            return name + "\t" + InputFingerprint.of(PositionalInput.of(ch), modified);
        } catch (IOException e) {
            throw InputFiles.readError(name, e);
        }
    }

    /**
     * Continues at {@code offset} of the (decompressed) input, where line {@code line} (0-based)
     * starts, before anything is read: a plain file is entered there, a gzip file read by the
     * native decoders through its seek points when it has them, and any other compressed input
     * decoded up to there.
     *
     * @throws IOException when the input ends before {@code offset}
     */
    void resumeAt(long offset, long line) throws IOException {
        if (bufferStart != 0 || limit != 0) {
            throw new IllegalStateException("a source resumes before it is read");
        }
        long left = offset;
        try {
            if (in instanceof SeekableGzipInputStream gzip) {
                // Through rapidgzip's seek points where it has them (an index imported), else decoded there.
                gzip.seek(offset);
                left = offset - gzip.position();
            }
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException(name + " ends at byte " + (offset - left) + ", before byte " + offset
                                + " where the run resumes");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        } catch (IOException e) {
            throw InputFiles.readError(name, e);
        }
        bufferStart = offset;
        linesConsumed = line;
    }

    /**
     * Copies the next lines, up to {@code wanted}, into {@code lines} (emptied first). A last
     * line without {@code \n} counts as a line when it is not empty.
     *
     * @return how many lines were copied: {@code wanted}, or fewer at the end of the input
     */
    int fill(RawLines lines, int wanted) throws IOException {
        lines.reset(name, linesConsumed + 1);
        int maxLines = (int) Math.min(wanted, lineLimit - linesConsumed);
        while (lines.lines() < maxLines) {
            if (copyLines(lines, Math.min(maxLines - lines.lines(), LINES_PER_STEP)) > 0) {
                continue;
            }
            if (eof) {
                if (pos < limit) {
                    lines.add(buf, pos, limit);
                    pos = limit;
                    linesConsumed++;
                }
                break;
            }
            refill();
        }
        return lines.lines();
    }

    /**
     * Copies up to {@code room} whole lines from the buffer into {@code lines} in one piece.
     *
     * <p>A batch is filled in many such steps rather than in one loop over all its lines: this
     * method then runs a few hundred times per batch, so the JIT compiles it within the first
     * batches, where a loop over whole batches would run interpreted for the first hundred.
     *
     * @return how many lines were copied; 0 when the buffer holds no whole line
     */
    private int copyLines(RawLines lines, int room) {
        int from = pos;
        int scan = pos;
        int found = 0;
        int nl;
        while (found < room && (nl = indexOfNewline(buf, scan, limit)) >= 0) {
            lineEnds[found++] = nl;
            scan = nl + 1;
        }
        if (found == 0) {
            return 0;
        }
        int at = lines.append(buf, from, scan) - from;
        int lineStart = from;
        for (int k = 0; k < found; k++) {
            lines.addLineAt(lineStart + at, lineEnds[k] + at);
            lineStart = lineEnds[k] + 1;
        }
        pos = scan;
        linesConsumed += found;
        return found;
    }

    /** Moves the partial line to the front (growing the buffer if it fills it) and reads more. */
    private void refill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            bufferStart += pos;
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            if (buf.length >= MAX_LINE) {
                throw new InputFormatException(name, linesConsumed + 1, "a line longer than " + (MAX_LINE >> 20)
                        + " MiB: this is not FASTQ or tab-delimited text");
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int r;
        try {
            r = in.read(buf, limit, buf.length - limit);
        } catch (IOException e) {
            throw InputFiles.readError(name, e);
        }
        if (r < 0) {
            eof = true;
        } else {
            limit += r;
        }
    }

    /** The first {@code \n} of {@code b[from, to)}, eight bytes at a time; -1 when there is none. */
    public static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long v = (long) Swar.LONGS.get(b, i) ^ NEWLINES;
            // Classic zero-byte test: the lowest set bit marks the first byte equal to '\n'.
            long found = (v - Swar.ONES) & ~v & Swar.HIGH_BITS;
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

    /** How many of the eight bytes of {@code word} are {@code \n}. */
    public static int newlinesIn(long word) {
        return Long.bitCount(Swar.zeroBytes(word ^ NEWLINES));
    }

    /** The end of {@code b[start, end)} with trailing whitespace removed. */
    public static int trimmedEnd(byte[] b, int start, int end) {
        int e = end;
        while (e > start && isSpace(b[e - 1])) {
            e--;
        }
        return e;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0x0b || b == 0x0c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
