package io.github.flashj.io.output;

import io.github.flashj.batch.ReadEncoding;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer that a batch's output is formatted into before it is written. */
final class ByteBuilder {
    /** The most bytes {@link #writeTo} hands to one write (see there). */
    static final int WRITE_PIECE = 1 << 17;
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

    /**
     * Writes the content in pieces of at most {@link #WRITE_PIECE} bytes. A FileOutputStream copies
     * each write into a native buffer, and the kernel copies that into the page cache; a piece small
     * enough for the CPU's cache is read there by the second copy. A batch's megabyte in one write
     * cost the writer 0.7 to 1.0 us per pair, pieces of 64 to 256 KiB 0.4, and pieces of 8 to 16 KiB
     * as much again in system calls (docs/BENCHMARKS.md).
     */
    void writeTo(OutputStream out) throws IOException {
        for (int at = 0; at < length; at += WRITE_PIECE) {
            out.write(buf, at, Math.min(WRITE_PIECE, length - at));
        }
    }
}
