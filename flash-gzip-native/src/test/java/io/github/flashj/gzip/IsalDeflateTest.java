package io.github.flashj.gzip;

import static io.github.flashj.gzip.GzipDecodingTest.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ISA-L pieces, framed as one gzip member (header, the pieces, a final empty block, CRC-32 and
 * length), decode with java.util.zip to the bytes that went in, alone and joined.
 */
class IsalDeflateTest {
    @BeforeEach
    void needsTheLibrary() {
        assumeTrue(IsalDeflate.available(), () -> "native library unavailable: " + NativeLibrary.unavailableReason());
    }

    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
    private static final byte[] FINAL_BLOCK = {3, 0};

    private static byte[] roundTrip(byte[] data, int offset, int length, int level) throws IOException {
        return decode(member(level, Arrays.copyOfRange(data, offset, offset + length)));
    }

    /** One gzip member of the pieces compressed from {@code parts}, in order. */
    private static byte[] member(int level, byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(HEADER);
        CRC32 crc = new CRC32();
        long size = 0;
        for (byte[] part : parts) {
            byte[] piece = new byte[7 + IsalDeflate.maxPieceSize(part.length)];
            int n = IsalDeflate.compressPiece(part, 0, part.length, piece, 7, level);
            out.write(piece, 7, n);
            crc.update(part);
            size += part.length;
        }
        out.write(FINAL_BLOCK);
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue())
                .putInt((int) size).array());
        return out.toByteArray();
    }

    private static byte[] decode(byte[] member) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(member))) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void membersDecodeToTheirInputAtEveryLevel(int level) throws IOException {
        byte[] fastq = text(5000, level);
        assertArrayEquals(fastq, roundTrip(fastq, 0, fastq.length, level));
        assertArrayEquals(Arrays.copyOfRange(fastq, 100, 5000), roundTrip(fastq, 100, 4900, level));
        assertArrayEquals(new byte[0], roundTrip(fastq, 0, 0, level));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void piecesCompressedApartJoinIntoOneStream(int level) throws IOException {
        byte[] fastq = text(20000, level);
        int cut = fastq.length / 3;
        byte[] first = Arrays.copyOfRange(fastq, 0, cut);
        byte[] second = Arrays.copyOfRange(fastq, cut, fastq.length);
        assertArrayEquals(fastq, decode(member(level, first, second, new byte[0])));
    }

    @Test
    void incompressibleDataFitsTheBound() throws IOException {
        byte[] noise = new byte[1 << 20];
        new Random(5).nextBytes(noise);
        assertArrayEquals(noise, roundTrip(noise, 0, noise.length, 1));
    }

    @Test
    void aTooSmallOutputIsMinusOne() throws IOException {
        byte[] fastq = text(100, 1);
        assertEquals(-1, IsalDeflate.compressPiece(fastq, 0, fastq.length, new byte[10], 0, 1));
    }

    @Test
    void levelsOutsideZeroToThreeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> IsalDeflate.compressPiece(new byte[1], 0, 1, new byte[99], 0, 4));
    }
}
