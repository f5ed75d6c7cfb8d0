package io.github.flashj.gzip;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
    private static final long serialVersionUID = 2L;
    private static final byte[] MAGIC = "GZIDX".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 35;
    private static final int POINT = 18;
    /** The most seek points read: more would not fit in memory as windows anyway. */
    private static final int MAX_POINTS = 1 << 24;
    /** The window size written: deflate's, which indexed_gzip and rapidgzip use. */
    private static final int WINDOW = DeflateStream.WINDOW;

    private final long compressedSize;
    private final long decompressedSize;
    private final int spacing;
    private final int windowSize;
    private final long[] compressedBits;
    private final long[] decompressed;
    /** For each point, the index of its window among the stored windows, or -1 when it has none. */
    private final int[] window;
    /** The stored windows in order, each {@link #windowSize} bytes; null when not read into memory. */
    private final byte[][] windows;

    private GzipIndex(long compressedSize, long decompressedSize, int spacing, int windowSize, long[] compressedBits,
            long[] decompressed, int[] window, byte[][] windows) {
        this.compressedSize = compressedSize;
        this.decompressedSize = decompressedSize;
        this.spacing = spacing;
        this.windowSize = windowSize;
        this.compressedBits = compressedBits;
        this.decompressed = decompressed;
        this.window = window;
        this.windows = windows;
    }

    /**
     * An index held in memory with its windows, as {@link GzipRangeIndex#join} makes it.
     *
     * @param spacing the compressed bytes between seek points it was made with (written to the file)
     * @param compressedBits each point's offset in bits from the file's start, ascending
     * @param decompressed each point's decompressed offset, ascending
     * @param windows each point's window: the decompressed bytes right before it (the last
     *     {@link DeflateStream#WINDOW} or fewer), or null or empty for none
     */
    public static GzipIndex of(long compressedSize, long decompressedSize, int spacing, long[] compressedBits,
            long[] decompressed, byte[][] windows) {
        int n = compressedBits.length;
        if (decompressed.length != n || windows.length != n) {
            throw new IllegalArgumentException("each seek point needs an offset of each kind and a window");
        }
        int[] window = new int[n];
        List<byte[]> stored = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (decompressed[i] > decompressedSize || i > 0 && (decompressed[i] < decompressed[i - 1]
                    || compressedBits[i] < compressedBits[i - 1])) {
                throw new IllegalArgumentException("seek point " + i + " is out of order");
            }
            byte[] w = windows[i];
            if (w == null || w.length == 0) {
                window[i] = -1;
            } else if (w.length > WINDOW) {
                throw new IllegalArgumentException("the window of seek point " + i + " is longer than " + WINDOW);
            } else {
                window[i] = stored.size();
                stored.add(padded(w));
            }
        }
        return new GzipIndex(compressedSize, decompressedSize, spacing, WINDOW, compressedBits.clone(),
                decompressed.clone(), window, stored.toArray(new byte[0][]));
    }

    /**
     * An index's seek points without their windows, which are written after them
     * ({@link #writeTable}, then {@link #writeWindow} for each point at a decompressed offset above
     * 0, the others having none).
     */
    static GzipIndex ofPoints(long compressedSize, long decompressedSize, int spacing, long[] compressedBits,
            long[] decompressed) {
        int n = compressedBits.length;
        int[] window = new int[n];
        int stored = 0;
        for (int i = 0; i < n; i++) {
            if (decompressed[i] > decompressedSize || i > 0 && (decompressed[i] < decompressed[i - 1]
                    || compressedBits[i] < compressedBits[i - 1])) {
                throw new IllegalArgumentException("seek point " + i + " is out of order");
            }
            window[i] = decompressed[i] > 0 ? stored++ : -1;
        }
        return new GzipIndex(compressedSize, decompressedSize, spacing, WINDOW, compressedBits.clone(),
                decompressed.clone(), window, null);
    }

    /** A window as the formats store it: {@link #WINDOW} bytes, the window's at their end. */
    private static byte[] padded(byte[] w) {
        byte[] padded = new byte[WINDOW];
        System.arraycopy(w, 0, padded, WINDOW - w.length, w.length);
        return padded;
    }

    /** Writes a window after the seek points ({@link #writeTable}), as the formats store it. */
    static void writeWindow(OutputStream out, byte[] w) throws IOException {
        if (w.length > WINDOW) {
            throw new IllegalArgumentException("a window longer than " + WINDOW);
        }
        out.write(padded(w));
    }

    /**
     * Reads an index file's header and seek points (not its windows).
     *
     * @throws IOException when it cannot be read or is not an index in this format
     */
    public static GzipIndex read(Path index) throws IOException {
        try (InputStream in = Files.newInputStream(index)) {
            return read(in, index.toString(), Files.size(index), false);
        }
    }

    /**
     * Reads an index from a stream: its header and seek points, and, when {@code withWindows}, its
     * windows into memory ({@link #window}). Without windows, reading stops after the seek points:
     * a reader of a remote file then fetches the windows it needs from {@link #windowPosition}.
     *
     * @param name the index's name, for messages
     * @param size the index file's size when known (a check that it is not cut short), else -1
     */
    public static GzipIndex read(InputStream in, String name, long size, boolean withWindows) throws IOException {
        DataInputStream data = new DataInputStream(in);
        ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        readFully(data, head.array(), name);
        byte[] magic = new byte[MAGIC.length];
        head.get(0, magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException(name + " is not a gzip index (no GZIDX header)");
        }
        int version = head.get(5);
        if (version != 1) {
            throw new IOException(name + " is a gzip index of version " + version + "; version 1 is read");
        }
        long compressedSize = head.getLong(7);
        long decompressedSize = head.getLong(15);
        int spacing = head.getInt(23);
        int windowSize = head.getInt(27);
        long points = head.getInt(31) & 0xffffffffL;
        if (points > MAX_POINTS || size >= 0 && HEADER + points * POINT > size || windowSize < 0
                || windowSize > 1 << 24) {
            throw new IOException(name + " is cut short or names " + points + " seek points");
        }
        int n = (int) points;
        ByteBuffer table = ByteBuffer.allocate(n * POINT).order(ByteOrder.LITTLE_ENDIAN);
        readFully(data, table.array(), name);
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
                throw new IOException(name + ": seek point " + i + " is out of order");
            }
        }
        byte[][] windowData = null;
        if (withWindows) {
            if (size >= 0 && HEADER + points * POINT + (long) stored * windowSize > size) {
                throw new IOException(name + " is cut short: its " + stored + " windows are not all there");
            }
            windowData = new byte[stored][];
            for (int w = 0; w < stored; w++) {
                windowData[w] = new byte[windowSize];
                readFully(data, windowData[w], name);
            }
        }
        return new GzipIndex(compressedSize, decompressedSize, spacing, windowSize, bits, offsets, windows,
                windowData);
    }

    /**
     * Writes the index in indexed_gzip's format, version 1, which indexed_gzip, rapidgzip and
     * {@link SeekableGzipInputStream#openIndexed} read.
     *
     * @throws IllegalStateException when its windows are not in memory
     */
    public void write(OutputStream out) throws IOException {
        if (windows == null) {
            throw new IllegalStateException("the windows of this index were not read into memory");
        }
        writeTable(out);
        for (byte[] w : windows) {
            out.write(w);
        }
    }

    /** Writes the index's header and seek points, which its windows follow. */
    void writeTable(OutputStream out) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        head.put(MAGIC).put((byte) 1).put((byte) 0).putLong(compressedSize).putLong(decompressedSize)
                .putInt(spacing).putInt(windowSize).putInt(points());
        out.write(head.array());
        ByteBuffer point = ByteBuffer.allocate(POINT).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < points(); i++) {
            // A byte offset and how many bits of the byte before it belong to the point.
            long bytes = (compressedBits[i] + 7) >>> 3;
            point.clear();
            point.putLong(bytes).putLong(decompressed[i]).put((byte) (bytes * 8 - compressedBits[i]))
                    .put((byte) (window[i] >= 0 ? 1 : 0));
            out.write(point.array());
        }
    }

    /**
     * This index without its windows in memory: what readers elsewhere are sent, who read the
     * windows they need from the index file ({@link #windowPosition}).
     */
    public GzipIndex withoutWindows() {
        return windows == null ? this
                : new GzipIndex(compressedSize, decompressedSize, spacing, windowSize, compressedBits, decompressed,
                        window, null);
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

    /** The compressed bytes between seek points the index was made with, as its file says. */
    public int spacing() {
        return spacing;
    }

    /** The size of each window in the index file. */
    public int windowSize() {
        return windowSize;
    }

    /**
     * Where the window of seek point {@code i} lies in the index file ({@link #windowSize} bytes
     * from there, the decompressed bytes right before the point at their end), or -1 when the point
     * has none (it needs none: the start of the data).
     */
    public long windowPosition(int i) {
        return window[i] < 0 ? -1 : HEADER + (long) points() * POINT + (long) window[i] * windowSize;
    }

    /**
     * The window of seek point {@code i}, when in memory: the decompressed bytes right before it, at
     * most {@link #windowSize} and no more than the data before it; empty when it has none.
     *
     * @throws IllegalStateException when the windows were not read into memory
     */
    public byte[] window(int i) {
        if (windows == null) {
            throw new IllegalStateException("the windows of this index were not read into memory");
        }
        return window[i] < 0 ? new byte[0] : windowAt(windows[window[i]], decompressed[i]);
    }

    /**
     * A window as stored ({@link #windowSize} bytes), cut to the bytes that can precede a point at
     * decompressed offset {@code offset}.
     */
    public static byte[] windowAt(byte[] stored, long offset) {
        int length = (int) Math.min(stored.length, offset);
        return Arrays.copyOfRange(stored, stored.length - length, stored.length);
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
                    readFully(channel, ByteBuffer.wrap(stored), windowPosition(i));
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
        try (InputStream in = NativeLibrary.available() ? SeekableGzipInputStream.openSequential(file)
                : GzipDecoding.open(Files.newInputStream(file), file.toString())) {
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

    private static void readFully(DataInputStream in, byte[] into, String name) throws IOException {
        try {
            in.readFully(into);
        } catch (EOFException e) {
            throw new IOException(name + " is cut short", e);
        }
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
