package io.github.flashj.gzip;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The seek points of a gzip index file in indexed_gzip's format, which rapidgzip
 * ({@code rapidgzip --export-index}), indexed_gzip and {@link SeekableGzipInputStream#exportIndex}
 * write: where in the compressed file (in bits) decoding can start, and at which decompressed
 * offset. Serializable, so that the plan of a split run can carry it.
 *
 * <p>An index names no file. {@link #check} tells whether it belongs to a given one: the same
 * compressed size, and the window stored for a seek point equal to the file's decompressed bytes
 * before it.
 */
public final class GzipIndex implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final byte[] MAGIC = "GZIDX".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 35;
    private static final int POINT = 18;
    /** The most seek points read: more would not fit in memory as windows anyway. */
    private static final int MAX_POINTS = 1 << 24;

    private final long compressedSize;
    private final long decompressedSize;
    private final int windowSize;
    private final long[] compressedBits;
    private final long[] decompressed;
    /** For each point, the index of its window among the stored windows, or -1 when it has none. */
    private final int[] window;

    private GzipIndex(long compressedSize, long decompressedSize, int windowSize, long[] compressedBits,
            long[] decompressed, int[] window) {
        this.compressedSize = compressedSize;
        this.decompressedSize = decompressedSize;
        this.windowSize = windowSize;
        this.compressedBits = compressedBits;
        this.decompressed = decompressed;
        this.window = window;
    }

    /**
     * Reads an index file's header and seek points (not its windows).
     *
     * @throws IOException when it cannot be read or is not an index in this format
     */
    public static GzipIndex read(Path index) throws IOException {
        try (FileChannel channel = FileChannel.open(index)) {
            ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, head, 0);
            byte[] magic = new byte[MAGIC.length];
            head.get(0, magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(index + " is not a gzip index (no GZIDX header)");
            }
            int version = head.get(5);
            if (version != 1) {
                throw new IOException(index + " is a gzip index of version " + version + "; version 1 is read");
            }
            long compressedSize = head.getLong(7);
            long decompressedSize = head.getLong(15);
            int windowSize = head.getInt(27);
            long points = head.getInt(31) & 0xffffffffL;
            if (points > MAX_POINTS || HEADER + points * POINT > channel.size()) {
                throw new IOException(index + " is cut short or names " + points + " seek points");
            }
            int n = (int) points;
            ByteBuffer table = ByteBuffer.allocate(n * POINT).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, table, HEADER);
            long[] bits = new long[n];
            long[] offsets = new long[n];
            int[] windows = new int[n];
            int stored = 0;
            for (int i = 0; i < n; i++) {
                int at = i * POINT;
                long bytes = table.getLong(at);
                int bitsBefore = table.get(at + 16);
                bits[i] = bytes * 8 - bitsBefore;
                offsets[i] = table.getLong(at + 8);
                windows[i] = table.get(at + 17) != 0 ? stored++ : -1;
                if (offsets[i] > decompressedSize || i > 0 && offsets[i] < offsets[i - 1]) {
                    throw new IOException(index + ": seek point " + i + " is out of order");
                }
            }
            return new GzipIndex(compressedSize, decompressedSize, windowSize, bits, offsets, windows);
        }
    }

    /** The size of the compressed file the index was made for. */
    public long compressedSize() {
        return compressedSize;
    }

    /** The size of that file's decompressed data. */
    public long decompressedSize() {
        return decompressedSize;
    }

    /** The number of seek points. */
    public int points() {
        return decompressed.length;
    }

    /** The decompressed offset of seek point {@code i}. */
    public long decompressedOffset(int i) {
        return decompressed[i];
    }

    /** The compressed offset of seek point {@code i}, in bits from the file's start. */
    public long compressedBitOffset(int i) {
        return compressedBits[i];
    }

    /**
     * Why this index (read from {@code index}) does not belong to {@code file}, or null when it does:
     * the compressed sizes differ, or the window stored for the first seek point whose window holds
     * data differs from the file's decompressed bytes before it (decoded from the start). A window
     * may leave the bytes that no back-reference uses as zeros; those are not compared. A reader that
     * decodes from the seek points should still check the data against the gzip trailers, as this
     * looks at one window only.
     */
    public String check(Path file, Path index) throws IOException {
        long size = Files.size(file);
        if (size != compressedSize) {
            return "it was made for a file of " + compressedSize + " bytes, not " + size;
        }
        // The first window that holds any data: a window keeps only the bytes that back-references
        // use (the others are zeros), and one that holds none tells nothing about the file.
        byte[] stored = new byte[windowSize];
        int p = -1;
        try (FileChannel channel = FileChannel.open(index)) {
            for (int i = 0; i < window.length && p < 0; i++) {
                if (window[i] >= 0 && decompressed[i] >= windowSize) {
                    readFully(channel, ByteBuffer.wrap(stored),
                            HEADER + (long) points() * POINT + (long) window[i] * windowSize);
                    if (!allZero(stored)) {
                        p = i;
                    }
                }
            }
        }
        if (p < 0) {
            return null;
        }
        byte[] actual = new byte[windowSize];
        long from = decompressed[p] - windowSize;
        try (InputStream in = SeekableGzipInputStream.openSequential(file)) {
            in.skipNBytes(from);
            if (in.readNBytes(actual, 0, windowSize) != windowSize) {
                return "the file ends before its seek point at byte " + decompressed[p];
            }
        } catch (EOFException e) {
            return "the file ends before its seek point at byte " + decompressed[p];
        } catch (GzipFormatException e) {
            return "the file cannot be decoded up to its seek point at byte " + decompressed[p] + " (" + e.getMessage()
                    + ")";
        }
        for (int i = 0; i < windowSize; i++) {
            if (stored[i] != 0 && stored[i] != actual[i]) {
                return "the data before its seek point at byte " + decompressed[p] + " differ from the file's";
            }
        }
        return null;
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int n = channel.read(into, at);
            if (n < 0) {
                throw new IOException("the gzip index is cut short");
            }
            at += n;
        }
    }

    @Override
    public String toString() {
        return "GzipIndex[" + points() + " seek points, " + compressedSize + " -> " + decompressedSize + " bytes]";
    }
}
