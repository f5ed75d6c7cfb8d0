package io.github.flashj.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.io.output.OutputCompression;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Compression}: each format's magic bytes, suffix, name and description, and {@link OutputCompression}'s use of them. */
class CompressionTest {
    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void magicBytes_nameTheFormat() {
        assertEquals(Compression.GZIP, Compression.of(bytes(0x1f, 0x8b), 2));
        assertEquals(Compression.ZSTD, Compression.of(bytes(0x28, 0xb5, 0x2f, 0xfd), 4));
        assertEquals(Compression.LZ4, Compression.of(bytes(0x04, 0x22, 0x4d, 0x18), 4));
        assertEquals(Compression.LZ4, Compression.of(bytes(0x02, 0x21, 0x4c, 0x18), 4));
        assertEquals(Compression.ZSTD, Compression.of(bytes(0x5e, 0x2a, 0x4d, 0x18), 4));
        assertTrue(Compression.startsWithSkippableFrame(bytes(0x50, 0x2a, 0x4d, 0x18), 4));
        assertEquals(Compression.NONE, Compression.of(bytes('@', 'r', '1', '\n'), 4));
        assertEquals(Compression.NONE, Compression.of(bytes(0x28, 0xb5, 0x2f, 0xfd), 3), "too short to tell");
        assertEquals(Compression.NONE, Compression.of(new byte[0], 0));
    }

    /** Skippable frames are passed over to the frame that follows, where the head holds it. */
    @Test
    void skippableFrames_nameTheFrameAfterThem() {
        byte[] lz4After = bytes(0x50, 0x2a, 0x4d, 0x18, 2, 0, 0, 0, 'x', 'y', 0x04, 0x22, 0x4d, 0x18);
        assertEquals(Compression.LZ4, Compression.of(lz4After, lz4After.length));
        byte[] zstdAfter = bytes(0x5f, 0x2a, 0x4d, 0x18, 0, 0, 0, 0, 0x28, 0xb5, 0x2f, 0xfd);
        assertEquals(Compression.ZSTD, Compression.of(zstdAfter, zstdAfter.length));
        assertEquals(Compression.ZSTD, Compression.of(lz4After, 9), "the head ends in the skippable frame");
    }

    @Test
    void namesAndSuffixes_roundTrip() {
        for (Compression c : Compression.values()) {
            assertEquals(Optional.of(c), Compression.named(c.toString()));
            assertEquals(c == Compression.NONE ? Optional.empty() : Optional.of(c), Compression.ofSuffix(c.suffix()));
            OutputCompression output = OutputCompression.of(c);
            assertEquals(c, output.format());
            assertEquals(c.joinsPieces(), output.joinsPieces());
            assertEquals(c != Compression.NONE, output.compresses());
            assertEquals(c.toString(), output.toString());
        }
        assertEquals(Optional.empty(), Compression.named("GZIP"));
        assertEquals(", gzip", Compression.GZIP.description());
        assertEquals("", Compression.NONE.description());
        assertFalse(OutputCompression.program("bzip2", "").compresses());
        assertEquals(Compression.NONE, OutputCompression.program("bzip2", "").format());
    }
}
