package io.github.flashj.io.decode;

import io.github.flashj.gzip.IsalInflate;
import io.github.flashj.io.input.CompressedDataException;
import io.github.flashj.io.plan.PositionalInput;
import io.github.flashj.swar.Swar;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * BGZF, the blocked gzip that bgzip, bcl2fastq and BCL Convert write: gzip members of at most
 * 64 KiB, each carrying its own compressed size in a {@code BC} extra field. Any block can be
 * decoded on its own, so a file can be cut at block starts and its ranges decoded at once, on
 * several threads or machines.
 *
 * <p>A block start is recognised by its header (gzip magic, deflate, the extra-field flag, a
 * {@code BC} subfield) followed by a second block header, or the end of the file, exactly where the
 * first block's size says: a byte pattern inside compressed data passes that check only by chance
 * twice over.
 */
public final class BgzfBlocks {
    /** The most bytes of one block, header and trailer included. */
    private static final int MAX_BLOCK = 1 << 16;
    private static final int HEADER = 18;

    private BgzfBlocks() {
    }

    /** Whether data starting with {@code head[0, length)} is BGZF (at least 18 bytes are needed). */
    public static boolean isBgzf(byte[] head, int length) {
        return blockSize(head, 0, length) > 0;
    }

    /**
     * The size of the block whose header is at {@code b[off, off + length)}, or -1 when the bytes
     * are not a BGZF block header.
     */
    private static int blockSize(byte[] b, int off, int length) {
        if (length < HEADER || (b[off] & 0xff) != 0x1f || (b[off + 1] & 0xff) != 0x8b || b[off + 2] != 8
                || (b[off + 3] & 4) == 0) {
            return -1;
        }
        int xlen = (b[off + 10] & 0xff) | (b[off + 11] & 0xff) << 8;
        int p = off + 12;
        int end = Math.min(off + length, p + xlen);
        while (p + 4 <= end) {
            int slen = (b[p + 2] & 0xff) | (b[p + 3] & 0xff) << 8;
            if (b[p] == 'B' && b[p + 1] == 'C' && slen == 2 && p + 6 <= end) {
                return ((b[p + 4] & 0xff) | (b[p + 5] & 0xff) << 8) + 1;
            }
            p += 4 + slen;
        }
        return -1;
    }

    /**
     * The blocks that start in {@code [from, to)}, as a task finds them for its range of a file: the
     * first block start at or after {@code from} (a header, checked against the header its size
     * points to), then block to block by their size fields up to the first block at or after
     * {@code to}. {@link #join} makes the file's table of the ranges' blocks.
     *
     * @return null when the bytes there are not BGZF blocks
     */
    public static Blocks rangeBlocks(PositionalInput in, long from, long to) throws IOException {
        long first = from == 0 ? 0 : firstBlock(in, from);
        return first < 0 ? null : hop(in, first, to);
    }

    /**
     * The table of a whole file from the blocks of its ranges, in order ({@link #rangeBlocks}):
     * each range starts where the one before ended. Where one does not (its first block was a byte
     * pattern that passed for a header, by a chance in billions), the rest of the file is found
     * again from the last block known to be real, by its headers.
     *
     * @return null when some member of the file is not a BGZF block (such as plain gzip after BGZF)
     */
    public static Blocks join(PositionalInput in, List<Blocks> ranges) throws IOException {
        Table table = new Table();
        for (Blocks range : ranges) {
            if (range == null) {
                return null;
            }
            if (range.first() != table.end) {
                break;
            }
            table.add(range);
        }
        if (table.end < in.size()) {
            Blocks rest = hop(in, table.end, in.size());
            if (rest == null) {
                return null;
            }
            table.add(rest);
        }
        return table.blocks();
    }

    /**
     * The blocks of a file that is BGZF throughout, found by their headers from its start; null
     * when some member is not a BGZF block.
     */
    public static Blocks table(PositionalInput in) throws IOException {
        return hop(in, 0, in.size());
    }

    /**
     * The first block start at or after {@code from} ({@code from > 0}), checked against the next
     * block; the input's size when none follows; -1 when there is none within a block's length,
     * where BGZF always has one.
     */
    private static long firstBlock(PositionalInput in, long from) throws IOException {
        long size = in.size();
        if (from >= size) {
            return size;
        }
        byte[] window = new byte[2 * MAX_BLOCK + HEADER];
        int n = (int) Math.min(window.length, size - from);
        in.readFully(from, window, 0, n);
        for (int i = 0; i < Math.min(n, MAX_BLOCK); i++) {
            if ((window[i] & 0xff) != 0x1f) {
                continue;
            }
            long at = from + i;
            int blockSize = blockSize(window, i, n - i);
            if (blockSize > 0 && (at + blockSize == size || isBlockAt(in, at + blockSize, size))) {
                return at;
            }
        }
        return from + MAX_BLOCK >= size ? size : -1;
    }

    /**
     * The blocks from the block at {@code from} to the first block at or after {@code to}, read by
     * their headers and size fields, a megabyte of the file at a time; null when a member is not
     * a BGZF block or the file ends inside one.
     */
    private static Blocks hop(PositionalInput in, long from, long to) throws IOException {
        long size = in.size();
        Table table = new Table(from);
        Window window = new Window(in, size);
        long at = from;
        while (at < to && at < size) {
            int i = window.blockAt(at);
            int blockSize = blockSize(window.bytes, i, window.length - i);
            if (blockSize < HEADER + 8 || at + blockSize > size) {
                return null;
            }
            at += blockSize;
            table.add(at, (int) Swar.INTS.get(window.bytes, i + blockSize - 4) & 0xffffffffL);
        }
        return table.blocks();
    }

    /**
     * A file read a megabyte at a time, forward, so that each block lies whole in {@link #bytes}:
     * one positional read for some sixteen blocks, which on HDFS or an object store is one request.
     */
    private static final class Window {
        private final PositionalInput in;
        /** Where reading stops: no block read starts at or past it. */
        private final long end;
        final byte[] bytes = new byte[1 << 20];
        private long base;
        int length;

        Window(PositionalInput in, long end) {
            this.in = in;
            this.end = end;
        }

        /**
         * The index in {@link #bytes} of the block at {@code at} (at or after the last one asked
         * for), after reading on from it when the block might not lie whole in the window; the
         * block is cut short only where the window reaches {@code end}.
         */
        int blockAt(long at) throws IOException {
            if (at + MAX_BLOCK > base + length && base + length < end) {
                base = at;
                length = (int) Math.min(bytes.length, end - at);
                in.readFully(at, bytes, 0, length);
            }
            return (int) (at - base);
        }
    }

    private static boolean isBlockAt(PositionalInput in, long at, long size) throws IOException {
        if (at + HEADER > size) {
            return false;
        }
        byte[] head = new byte[HEADER];
        in.readFully(at, head, 0, HEADER);
        return blockSize(head, 0, HEADER) > 0;
    }

    /**
     * Decodes the blocks that start in {@code [from, to)} ({@code from} a block start) to
     * {@code out}, checking each block's CRC32 and length.
     *
     * @param name the input's name for errors
     * @throws CompressedDataException when a block is corrupt or the file ends inside one
     */
    public static void decode(PositionalInput in, String name, long from, long to, OutputStream out)
            throws IOException {
        decode(in, name, from, to, out, IsalInflate.available());
    }

    /** As {@link #decode(PositionalInput, String, long, long, OutputStream)}, by ISA-L or by zlib. */
    static void decode(PositionalInput in, String name, long from, long to, OutputStream out, boolean isal)
            throws IOException {
        long size = in.size();
        // A block that starts before to ends within a block's length of it.
        Window window = new Window(in, Math.min(size, Math.min(to, size) + MAX_BLOCK));
        byte[] block = window.bytes;
        byte[] data = new byte[MAX_BLOCK];
        Inflater inflater = new Inflater(true);
        CRC32 crc = new CRC32();
        try {
            for (long at = from; at < to && at < size; ) {
                int b = window.blockAt(at);
                int blockSize = blockSize(block, b, window.length - b);
                if (blockSize < HEADER + 8 || at + blockSize > size) {
                    throw new CompressedDataException(name, "bgzf", new IOException("no valid block at byte " + at));
                }
                int xlen = (block[b + 10] & 0xff) | (block[b + 11] & 0xff) << 8;
                int payload = b + 12 + xlen;
                int compressedEnd = b + blockSize - 8;
                if (payload > compressedEnd) {
                    throw new CompressedDataException(name, "bgzf", new IOException("the block at byte " + at
                            + " has an extra field longer than the block"));
                }
                int n;
                boolean ended;
                if (isal) {
                    try {
                        n = IsalInflate.inflateWhole(block, payload, compressedEnd - payload, data, 0);
                    } catch (IOException e) {
                        throw new CompressedDataException(name, "bgzf",
                                new IOException("block at byte " + at + ": " + e.getMessage(), e));
                    }
                    ended = n >= 0;
                } else {
                    inflater.reset();
                    inflater.setInput(block, payload, compressedEnd - payload);
                    try {
                        n = inflater.inflate(data);
                    } catch (DataFormatException e) {
                        throw new CompressedDataException(name, "bgzf",
                                new IOException("block at byte " + at + ": " + e.getMessage(), e));
                    }
                    ended = inflater.finished();
                }
                int expectedCrc = (int) Swar.INTS.get(block, compressedEnd);
                int expectedSize = (int) Swar.INTS.get(block, compressedEnd + 4);
                crc.reset();
                crc.update(data, 0, Math.max(0, n));
                if (!ended || n != expectedSize || (int) crc.getValue() != expectedCrc) {
                    throw new CompressedDataException(name, "bgzf",
                            new IOException("block at byte " + at + " fails its CRC32 or length check"));
                }
                out.write(data, 0, n);
                at += blockSize;
            }
        } finally {
            inflater.end();
        }
    }
    /**
     * The blocks of a BGZF file, or of a byte range of it: {@code offsets[i]} is the compressed
     * offset of block {@code i} and {@code decoded[i]} its decompressed offset, counted from the
     * first block; each array ends with the value after the last block (where the next block
     * starts, the blocks' decompressed length). A range that holds no block start has no blocks.
     * Serializable: a Spark task returns its range's blocks to the driver.
     */
    public record Blocks(long[] offsets, long[] decoded) implements Serializable {
        /** The number of blocks. */
        public int count() {
            return offsets.length - 1;
        }

        private long first() {
            return offsets[0];
        }

        /**
         * Where the data are entered: a segment starts at a block, after at least {@code spacing}
         * compressed bytes of the segment before (the first at the first block), and holds data.
         */
        public SeekPoints seekPoints(int spacing) {
            long size = decoded[count()];
            List<Long> starts = new ArrayList<>();
            List<Long> at = new ArrayList<>();
            for (int b = 0; b < count() && size > 0; b++) {
                if (b == 0 || offsets[b] - at.get(at.size() - 1) >= spacing
                        && decoded[b] > starts.get(starts.size() - 1) && decoded[b] < size) {
                    starts.add(decoded[b]);
                    at.add(offsets[b]);
                }
            }
            starts.add(size);
            return new SeekPoints(SeekPoints.Kind.BGZF, starts.stream().mapToLong(Long::longValue).toArray(),
                    at.stream().mapToLong(Long::longValue).toArray(), count());
        }
    }

    /** Blocks added one after another, then {@link #blocks()}. */
    private static final class Table {
        private long[] offsets = new long[256];
        private long[] decoded = new long[256];
        private int n;
        /** Where the next block starts. */
        long end;
        private long out;

        Table() {
            this(0);
        }

        Table(long first) {
            end = first;
        }

        /** The block that starts at {@link #end} and ends at {@code next}, holding {@code length} bytes. */
        void add(long next, long length) {
            if (n + 1 >= offsets.length) {
                offsets = Arrays.copyOf(offsets, 2 * offsets.length);
                decoded = Arrays.copyOf(decoded, 2 * decoded.length);
            }
            offsets[n] = end;
            decoded[n++] = out;
            end = next;
            out += length;
        }

        /** The blocks of a range that starts at {@link #end}. */
        void add(Blocks range) {
            for (int b = 0; b < range.count(); b++) {
                add(range.offsets()[b + 1], range.decoded()[b + 1] - range.decoded()[b]);
            }
        }

        Blocks blocks() {
            long[] o = Arrays.copyOf(offsets, n + 1);
            long[] d = Arrays.copyOf(decoded, n + 1);
            o[n] = end;
            d[n] = out;
            return new Blocks(o, d);
        }
    }
}
