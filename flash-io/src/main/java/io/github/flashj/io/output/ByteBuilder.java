package io.github.flashj.io.output;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer that output is formatted into before one write per batch. */
final class ByteBuilder {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    private int length;

    ByteBuilder(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    int length() {
        return length;
    }

    /** The backing array; its first {@link #length()} bytes are the content. */
    byte[] array() {
        return buf;
    }

    void clear() {
        length = 0;
    }

    /** Makes room for {@code extra} more bytes; returns the array to write them into at {@link #length()}. */
    byte[] reserve(int extra) {
        if (length + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + extra));
        }
        return buf;
    }

    void advance(int n) {
        length += n;
    }

    void append(byte b) {
        reserve(1)[length++] = b;
    }

    void append(byte[] src, int off, int len) {
        System.arraycopy(src, off, reserve(len), length, len);
        length += len;
    }

    /** Appends a decimal number. */
    void appendDecimal(long v) {
        byte[] digits = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
        append(digits, 0, digits.length);
    }

    /**
     * Appends qualities (PHRED values) as characters, eight at a time where no byte can carry
     * into the next: quality characters are below 128, so each sum fits its byte.
     */
    void appendQualities(byte[] quals, int off, int len, int phredOffset) {
        byte[] b = reserve(len);
        int k = 0;
        if (phredOffset >= 0 && phredOffset < 128) {
            long offsets = (phredOffset & 0xffL) * 0x0101010101010101L;
            for (; k + Long.BYTES <= len; k += Long.BYTES) {
                long q = (long) LONGS.get(quals, off + k);
                if ((q & 0x8080808080808080L) != 0) {
                    break;
                }
                LONGS.set(b, length + k, q + offsets);
            }
        }
        for (; k < len; k++) {
            b[length + k] = (byte) (quals[off + k] + phredOffset);
        }
        length += len;
    }

    /** A stream that appends to this buffer; closing it does nothing. */
    OutputStream asOutputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                append((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                append(b, off, len);
            }
        };
    }

    void writeTo(OutputStream out) throws IOException {
        if (length > 0) {
            out.write(buf, 0, length);
        }
    }
}
