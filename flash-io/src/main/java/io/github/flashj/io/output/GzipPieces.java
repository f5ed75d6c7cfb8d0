package io.github.flashj.io.output;

/**
 * One gzip member joined from raw deflate pieces compressed apart: the header zlib writes on Unix
 * (no name, mtime 0, OS 3), the pieces, an empty final block, and the trailer, whose CRC-32 is
 * combined from the pieces' own ({@link io.github.flashj.gzip.Crc32Combine}).
 */
final class GzipPieces {
    static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
    /** An empty fixed-Huffman block with BFINAL set: 3 header bits and the 7-bit end code. */
    private static final byte[] FINAL_BLOCK = {3, 0};

    private GzipPieces() {
    }

    /** The member's end: the final block, the content's CRC-32 and its length modulo 2^32. */
    static byte[] end(int crc, long length) {
        byte[] end = new byte[10];
        System.arraycopy(FINAL_BLOCK, 0, end, 0, 2);
        writeIntLe(end, 2, crc);
        writeIntLe(end, 6, (int) length);
        return end;
    }

    private static void writeIntLe(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
