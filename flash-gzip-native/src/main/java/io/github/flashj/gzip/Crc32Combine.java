package io.github.flashj.gzip;

/**
 * The CRC-32 (gzip's) of two pieces of data joined, from each piece's CRC-32 and the second's
 * length: what lets pieces compressed, or decoded, on different threads end in one gzip trailer,
 * or be checked against one. Over GF(2), appending a zero bit to the message maps the register by
 * a fixed 32x32 matrix; appending B amounts to appending {@code length2} zero bytes to A (the
 * matrix raised to the power {@code 8 length2}, by repeated squaring) and adding B's CRC (the
 * initial and final inversions cancel out).
 */
public final class Crc32Combine {
    /** CRC-32's polynomial, bits reflected. */
    private static final int POLYNOMIAL = 0xEDB88320;

    private Crc32Combine() {
    }

    /** The CRC-32 of A followed by B, from A's CRC-32, B's and B's length in bytes. */
    public static int combine(int crc1, int crc2, long length2) {
        if (length2 <= 0) {
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
        for (long bytes = length2; ; ) {
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
}
