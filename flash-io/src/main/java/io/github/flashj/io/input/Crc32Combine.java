package io.github.flashj.io.input;

/**
 * The CRC32 of two pieces of data joined, from the CRC32 of each and the second's length, so that
 * pieces decoded on different threads can be checked against one gzip trailer. Appending
 * {@code n} zero bytes to a CRC's register is a linear map over GF(2); its matrix for {@code n}
 * bytes is built by squaring the one-bit map, one power of two of {@code n} at a time.
 */
final class Crc32Combine {
    /** The reflected polynomial of gzip's CRC32. */
    private static final long POLYNOMIAL = 0xedb88320L;

    private Crc32Combine() {
    }

    /** The CRC32 of {@code a} followed by {@code b}, from {@code crcA}, {@code crcB} and {@code b}'s length. */
    static long combine(long crcA, long crcB, long lengthB) {
        if (lengthB <= 0) {
            return crcA;
        }
        long[] odd = new long[32];
        long[] even = new long[32];
        odd[0] = POLYNOMIAL;
        for (int n = 1; n < 32; n++) {
            odd[n] = 1L << (n - 1);
        }
        square(even, odd);
        square(odd, even);
        long crc = crcA;
        long length = lengthB;
        // odd now appends four zero bits; each squaring doubles that, the first to one zero byte.
        while (true) {
            square(even, odd);
            if ((length & 1) != 0) {
                crc = times(even, crc);
            }
            length >>>= 1;
            if (length == 0) {
                break;
            }
            square(odd, even);
            if ((length & 1) != 0) {
                crc = times(odd, crc);
            }
            length >>>= 1;
            if (length == 0) {
                break;
            }
        }
        return (crc ^ crcB) & 0xffffffffL;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        long v = vector;
        for (int i = 0; v != 0; i++, v >>>= 1) {
            if ((v & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] result, long[] matrix) {
        for (int n = 0; n < 32; n++) {
            result[n] = times(matrix, matrix[n]);
        }
    }
}
