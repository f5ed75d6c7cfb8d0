package io.github.flashj.io.output;

/**
 * One gzip member joined from raw deflate pieces compressed apart: the header zlib writes on Unix
 * (no name, mtime 0, OS 3), the pieces, an empty final block, and the trailer, whose CRC-32 is
 * combined from the pieces' own ({@link #combine}).
 */
final class GzipPieces {
    static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
    /** An empty fixed-Huffman block with BFINAL set: 3 header bits and the 7-bit end code. */
    private static final byte[] FINAL_BLOCK = {3, 0};
    /** CRC-32's polynomial, bits reflected. */
    private static final int POLYNOMIAL = 0xEDB88320;

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

    /**
     * The CRC-32 of A followed by B, from A's CRC-32, B's and B's length. Over GF(2), appending a
     * zero bit to the message maps the register by a fixed 32x32 matrix; appending B amounts to
     * appending {@code len2} zero bytes to A (the matrix raised to the power {@code 8 len2}, by
     * repeated squaring) and adding B's CRC (the initial and final inversions cancel out).
     */
    static int combine(int crc1, int crc2, long len2) {
        if (len2 <= 0) {
            return crc1;
        }
        int[] power = new int[32];
        int[] square = new int[32];
        // One zero bit: the register shifts right, the polynomial entering where the low bit left.
        power[0] = POLYNOMIAL;
        for (int n = 1; n < 32; n++) {
            power[n] = 1 << (n - 1);
        }
        // One zero byte: the one-bit matrix squared three times.
        for (int k = 0; k < 3; k++) {
            square(square, power);
            int[] t = power;
            power = square;
            square = t;
        }
        int crc = crc1;
        for (long bytes = len2; ; ) {
            if ((bytes & 1) != 0) {
                crc = times(power, crc);
            }
            bytes >>>= 1;
            if (bytes == 0) {
                break;
            }
            square(square, power);
            int[] t = power;
            power = square;
            square = t;
        }
        return crc ^ crc2;
    }

    /** The matrix (columns as ints, column n for bit n) times a vector. */
    private static int times(int[] matrix, int vector) {
        int sum = 0;
        for (int n = 0, v = vector; v != 0; n++, v >>>= 1) {
            if ((v & 1) != 0) {
                sum ^= matrix[n];
            }
        }
        return sum;
    }

    private static void square(int[] out, int[] matrix) {
        for (int n = 0; n < 32; n++) {
            out[n] = times(matrix, matrix[n]);
        }
    }

    private static void writeIntLe(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
