package io.github.flashj.io.output;

import io.github.flashj.swar.Swar;

/**
 * A gzip member's header as zlib writes it on Unix (no name, mtime 0, OS 3) and its trailer, for
 * {@link GzipOutputStream} and for one member joined from raw deflate pieces compressed apart: the
 * header, the pieces, an empty final block, and the trailer, whose CRC-32 is combined from the
 * pieces' own ({@link io.github.flashj.gzip.Crc32Combine}).
 */
final class GzipPieces {
    static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
    /** An empty fixed-Huffman block with BFINAL set: 3 header bits and the 7-bit end code. */
    private static final byte[] FINAL_BLOCK = {3, 0};
    private static final int TRAILER = 8;

    private GzipPieces() {
    }

    /** The member's end: the final block, then its {@link #trailer}. */
    static byte[] end(int crc, long length) {
        byte[] end = new byte[FINAL_BLOCK.length + TRAILER];
        System.arraycopy(FINAL_BLOCK, 0, end, 0, FINAL_BLOCK.length);
        writeTrailer(end, FINAL_BLOCK.length, crc, length);
        return end;
    }

    /** A member's trailer: the content's CRC-32 and its length modulo 2^32, little-endian. */
    static byte[] trailer(int crc, long length) {
        byte[] trailer = new byte[TRAILER];
        writeTrailer(trailer, 0, crc, length);
        return trailer;
    }

    private static void writeTrailer(byte[] b, int off, int crc, long length) {
        Swar.INTS.set(b, off, crc);
        Swar.INTS.set(b, off + Integer.BYTES, (int) length);
    }
}
