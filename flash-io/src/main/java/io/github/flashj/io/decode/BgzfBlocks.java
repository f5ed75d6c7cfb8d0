package io.github.flashj.io.decode;

import io.github.flashj.io.input.CompressedDataException;
import io.github.flashj.io.plan.PositionalInput;
import io.github.flashj.swar.Swar;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
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
     * The first block start at or after {@code from}, checked against the next block; the input's
     * size when none follows.
     */
    public static long nextBlock(PositionalInput in, long from) throws IOException {
        long size = in.size();
        byte[] window = new byte[2 * MAX_BLOCK + HEADER];
        for (long base = from; base < size; base += MAX_BLOCK) {
            int n = (int) Math.min(window.length, size - base);
            in.readFully(base, window, 0, n);
            for (int i = 0; i < Math.min(n, MAX_BLOCK); i++) {
                if ((window[i] & 0xff) != 0x1f) {
                    continue;
                }
                long at = base + i;
                int blockSize = blockSize(window, i, n - i);
                if (blockSize > 0 && (at + blockSize == size || isBlockAt(in, at + blockSize, size))) {
                    return at;
                }
            }
        }
        return size;
    }

    /**
     * The blocks of a file that is BGZF throughout: {@code [0][i]} is the compressed offset of block
     * {@code i} and {@code [1][i]} its decompressed offset, each array ending with the file's size
     * (compressed, decompressed); null when some member is not a BGZF block (such as plain gzip
     * after BGZF). Reads each block's header and size field, not its data.
     */
    static long[][] table(PositionalInput in) throws IOException {
        long size = in.size();
        long[] offsets = new long[1024];
        long[] decoded = new long[1024];
        int n = 0;
        byte[] buf = new byte[1 << 20];
        long base = 0;
        int length = 0;
        long at = 0;
        long out = 0;
        while (at < size) {
            if (at + MAX_BLOCK > base + length && base + length < size) {
                base = at;
                length = (int) Math.min(buf.length, size - at);
                in.readFully(at, buf, 0, length);
            }
            int i = (int) (at - base);
            int blockSize = blockSize(buf, i, length - i);
            if (blockSize < HEADER + 8 || at + blockSize > size) {
                return null;
            }
            if (n + 1 >= offsets.length) {
                offsets = Arrays.copyOf(offsets, 2 * offsets.length);
                decoded = Arrays.copyOf(decoded, 2 * decoded.length);
            }
            offsets[n] = at;
            decoded[n++] = out;
            out += (int) Swar.INTS.get(buf, i + blockSize - 4) & 0xffffffffL;
            at += blockSize;
        }
        offsets[n] = size;
        decoded[n] = out;
        return new long[][] {Arrays.copyOf(offsets, n + 1), Arrays.copyOf(decoded, n + 1)};
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
        long size = in.size();
        byte[] block = new byte[MAX_BLOCK];
        byte[] data = new byte[MAX_BLOCK];
        Inflater inflater = new Inflater(true);
        CRC32 crc = new CRC32();
        try {
            for (long at = from; at < to && at < size; ) {
                int head = (int) Math.min(HEADER, size - at);
                in.readFully(at, block, 0, head);
                int blockSize = blockSize(block, 0, head);
                if (blockSize < HEADER + 8 || at + blockSize > size) {
                    throw new CompressedDataException(name, "bgzf", new IOException("no valid block at byte " + at));
                }
                in.readFully(at, block, 0, blockSize);
                int xlen = (block[10] & 0xff) | (block[11] & 0xff) << 8;
                int payload = 12 + xlen;
                inflater.reset();
                inflater.setInput(block, payload, blockSize - 8 - payload);
                int n = inflater.inflate(data);
                int expectedCrc = (int) Swar.INTS.get(block, blockSize - 8);
                int expectedSize = (int) Swar.INTS.get(block, blockSize - 4);
                crc.reset();
                crc.update(data, 0, n);
                if (!inflater.finished() || n != expectedSize || (int) crc.getValue() != expectedCrc) {
                    throw new CompressedDataException(name, "bgzf",
                            new IOException("block at byte " + at + " fails its CRC32 or length check"));
                }
                out.write(data, 0, n);
                at += blockSize;
            }
        } catch (DataFormatException e) {
            throw new CompressedDataException(name, "bgzf", e);
        } finally {
            inflater.end();
        }
    }
}
