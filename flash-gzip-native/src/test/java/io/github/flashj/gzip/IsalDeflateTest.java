package io.github.flashj.gzip;

import static io.github.flashj.gzip.GzipDecodingTest.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ISA-L members decode with java.util.zip to the bytes that went in. */
class IsalDeflateTest {
    @BeforeEach
    void needsTheLibrary() {
        assumeTrue(IsalDeflate.available(), () -> "native library unavailable: " + NativeLibrary.unavailableReason());
    }

    private static byte[] roundTrip(byte[] data, int offset, int length, int level) throws IOException {
        byte[] out = new byte[7 + IsalDeflate.maxMemberSize(length)];
        int n = IsalDeflate.compressMember(data, offset, length, out, 7, level);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(out, 7, n))) {
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

    @Test
    void incompressibleDataFitsTheBound() throws IOException {
        byte[] noise = new byte[1 << 20];
        new Random(5).nextBytes(noise);
        assertArrayEquals(noise, roundTrip(noise, 0, noise.length, IsalDeflate.DEFAULT_LEVEL));
    }

    @Test
    void aTooSmallOutputIsMinusOne() throws IOException {
        byte[] fastq = text(100, 1);
        assertEquals(-1, IsalDeflate.compressMember(fastq, 0, fastq.length, new byte[10], 0, 1));
    }

    @Test
    void levelsOutsideZeroToThreeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> IsalDeflate.compressMember(new byte[1], 0, 1, new byte[99], 0, 4));
    }
}
