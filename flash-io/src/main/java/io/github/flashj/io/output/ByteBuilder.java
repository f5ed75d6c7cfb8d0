package io.github.flashj.io.output;

import io.github.flashj.ReadEncoding;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer that output is formatted into before one write per batch. */
final class ByteBuilder {
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

    /** Appends qualities (PHRED values) as characters. */
    void appendQualities(byte[] quals, int off, int len, int phredOffset) {
        byte[] b = reserve(len);
        ReadEncoding.toQualityCharacters(quals, off, b, length, len, phredOffset);
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
