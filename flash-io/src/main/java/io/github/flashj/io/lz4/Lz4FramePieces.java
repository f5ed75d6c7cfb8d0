package io.github.flashj.io.lz4;

import io.github.flashj.swar.Swar;

/**
 * One LZ4 frame written in pieces compressed apart: a piece is a run of independent blocks of at
 * most 256 KiB, each with its block checksum, so pieces compressed on different threads (or
 * machines) and written one after another, between {@link #header} and {@link #end}, make one
 * frame. The content checksum needs the content in order: the writer keeps it ({@link XxHash32})
 * when it sees the pieces' text in order, and a frame joined from parts compressed apart has none
 * (its block checksums still let {@code lz4 -t} catch damage).
 *
 * <p>Not thread-safe: one per thread; it reuses its buffers.
 */
public final class Lz4FramePieces {
    /** The first four bytes of a frame. */
    static final int MAGIC = 0x184D2204;
    /** Version 01, independent blocks, block checksums. */
    private static final int FLG = 0x70;
    private static final int CONTENT_CHECKSUM = 0x04;
    /** Largest block 256 KiB (block maximum size code 5). */
    private static final int BD = 0x50;
    /** A block's size field and checksum. */
    private static final int BLOCK_OVERHEAD = 8;

    private final byte[] block = new byte[Lz4FrameOutputStream.BLOCK];
    private final byte[] packed = new byte[Lz4FrameOutputStream.BLOCK + Lz4FrameOutputStream.BLOCK / 255 + 32];
    private final int[] table = new int[Lz4FrameOutputStream.HASH_TABLE];

    /** The frame's header: with a content checksum at its end or without. */
    public static byte[] header(boolean contentChecksum) {
        return header(FLG | (contentChecksum ? CONTENT_CHECKSUM : 0));
    }

    /** A frame header with the flags {@code flg}, blocks of at most 256 KiB, no content size. */
    static byte[] header(int flg) {
        byte[] header = new byte[7];
        Swar.INTS.set(header, 0, MAGIC);
        header[4] = (byte) flg;
        header[5] = (byte) BD;
        header[6] = (byte) (XxHash32.of(header, 4, 2) >>> 8);
        return header;
    }

    /** The frame's end: the end mark, then the content checksum when {@code contentChecksum} is given. */
    public static byte[] end(XxHash32 contentChecksum) {
        byte[] end = new byte[contentChecksum == null ? 4 : 8];
        if (contentChecksum != null) {
            Swar.INTS.set(end, 4, contentChecksum.digest());
        }
        return end;
    }

    /** Room enough for the piece of {@code length} bytes. */
    public static int maxPieceSize(int length) {
        return length + BLOCK_OVERHEAD * (length / Lz4FrameOutputStream.BLOCK + 1);
    }

    /**
     * Compresses {@code src[off, off + len)} as a piece written at {@code dst[dstOff]}, which has
     * {@link #maxPieceSize} room; each block is stored as it is when compressing does not pay.
     *
     * @return the piece's size
     */
    public int compress(byte[] src, int off, int len, byte[] dst, int dstOff) {
        int op = dstOff;
        for (int done = 0; done < len; ) {
            int n = Math.min(len - done, Lz4FrameOutputStream.BLOCK);
            System.arraycopy(src, off + done, block, 0, n);
            int size = Lz4FrameOutputStream.compress(block, n, packed, 0, table);
            byte[] data = size < n ? packed : block;
            int stored = size < n ? size : n;
            Swar.INTS.set(dst, op, size < n ? size : n | Lz4FrameOutputStream.UNCOMPRESSED);
            System.arraycopy(data, 0, dst, op + 4, stored);
            Swar.INTS.set(dst, op + 4 + stored, XxHash32.of(data, 0, stored));
            op += BLOCK_OVERHEAD + stored;
            done += n;
        }
        return op - dstOff;
    }
}
