package io.github.flashj.io.decode;

import io.github.flashj.io.plan.PositionalInput;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The decompressed data of a gzip or BGZF file from one offset on, read in order: what the reader
 * of one chunk needs. Decodes on the reading thread, one segment after another from the seek point
 * at or before the offset, into one buffer reused for every segment; unlike {@link DecodedInput}
 * it keeps no cache, starts no thread and decodes nothing the reader does not reach. Plain gzip
 * segments decoded by ISA-L are not checked against their members' CRC32 here: that is the work
 * of the pass that indexed or planned the file, which read every byte.
 */
public final class DecodedStream extends InputStream {
    private final SeekPoints points;
    private final DecodedInput.SegmentDecoder decoder;
    private final Closeable resources;
    private byte[] segment = new byte[0];
    /** The segment in {@link #segment}, -1 before the first. */
    private int current = -1;
    private int at;
    private int end;
    private long position;
    private boolean closed;

    private DecodedStream(SeekPoints points, DecodedInput.SegmentDecoder decoder, Closeable resources,
            long offset) {
        this.points = points;
        this.decoder = decoder;
        this.resources = resources;
        this.position = offset;
    }

    /**
     * A BGZF file's data from {@code offset}, entered at {@code points} ({@link BgzfBlocks.Blocks#seekPoints}).
     *
     * @param resources closed with the stream (the file's channel or stream)
     */
    public static DecodedStream bgzf(String name, PositionalInput compressed, Closeable resources, SeekPoints points,
            long offset) throws IOException {
        return new DecodedStream(points, DecodedInput.bgzfSegments(name, compressed, points), resources,
                checked(offset, points));
    }

    /**
     * A plain gzip file's data from {@code offset}, entered at the seek points of its index
     * ({@link SeekPoints#of}) with the windows {@code windows} gives.
     *
     * @param resources closed with the stream (the file's channel or stream, the index file)
     * @throws IllegalArgumentException as {@link DecodedInput#gzip}
     */
    public static DecodedStream gzip(String name, PositionalInput compressed, Closeable resources, SeekPoints points,
            SegmentWindows windows, long offset) {
        return new DecodedStream(points, DecodedInput.gzipSegments(name, compressed, points, windows, null), resources,
                checked(offset, points));
    }

    private static long checked(long offset, SeekPoints points) {
        if (offset < 0 || offset > points.size()) {
            throw new IllegalArgumentException("offset " + offset + " outside the data's " + points.size() + " bytes");
        }
        return offset;
    }

    @Override
    public int read() throws IOException {
        ensureOpen();
        if (at == end && !next()) {
            return -1;
        }
        position++;
        return segment[at++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (len == 0) {
            return 0;
        }
        if (at == end && !next()) {
            return -1;
        }
        int n = Math.min(len, end - at);
        System.arraycopy(segment, at, b, off, n);
        at += n;
        position += n;
        return n;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the stream is closed");
        }
    }

    /** Decodes the segment holding {@link #position}; false at the data's end. */
    private boolean next() throws IOException {
        if (position >= points.size()) {
            return false;
        }
        do { // past segments that hold no data
            current = current < 0 ? points.segmentOf(position) : current + 1;
            int length = points.segmentLength(current);
            if (segment.length < length) {
                segment = new byte[Math.max(length, segment.length + (segment.length >> 1))];
            }
            decoder.decode(current, segment);
            at = (int) (position - points.decodedStart(current));
            end = length;
        } while (at == end);
        return true;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            segment = null;
            resources.close();
        }
    }
}
