package io.github.flashj.io.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteBuilderTest {
    /** Records the length of every write it is given. */
    private static final class RecordingStream extends ByteArrayOutputStream {
        final List<Integer> writes = new ArrayList<>();

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes.add(len);
            super.write(b, off, len);
        }
    }

    @Test
    void writesItsContentInPiecesNoLargerThanTheWritePiece() throws Exception {
        byte[] content = new byte[3 * ByteBuilder.WRITE_PIECE + 123];
        new Random(7).nextBytes(content);
        ByteBuilder builder = new ByteBuilder(16);
        builder.append(content, 0, content.length);
        RecordingStream out = new RecordingStream();
        builder.writeTo(out);
        assertArrayEquals(content, out.toByteArray());
        assertEquals(List.of(ByteBuilder.WRITE_PIECE, ByteBuilder.WRITE_PIECE, ByteBuilder.WRITE_PIECE, 123),
                out.writes);
    }

    @Test
    void writesNothingWhenEmpty_andSmallContentInOneWrite() throws Exception {
        ByteBuilder builder = new ByteBuilder(16);
        RecordingStream out = new RecordingStream();
        builder.writeTo(out);
        assertTrue(out.writes.isEmpty());
        builder.append((byte) 'A');
        builder.appendDecimal(42);
        builder.writeTo(out);
        assertEquals(List.of(3), out.writes);
        assertArrayEquals("A42".getBytes(), Arrays.copyOf(out.toByteArray(), 3));
    }
}
