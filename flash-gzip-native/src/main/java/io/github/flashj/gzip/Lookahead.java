package io.github.flashj.gzip;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A stream that keeps the bytes it delivered lately and can look at those not yet delivered, by
 * their offset in the file: what telling a gzip member's header at a block boundary needs while a
 * decoder reads the same stream.
 */
final class Lookahead extends InputStream {
    /** Bytes kept before the delivered position: more than any decoder reads ahead of its boundary. */
    private static final int KEEP = 1 << 20;
    private final InputStream in;
    private byte[] buffer = new byte[1 << 16];
    /** The file offset of {@code buffer[0]}. */
    private long base;
    private int delivered;
    private int filled;
    private boolean ended;

    Lookahead(InputStream in, long offset) {
        this.in = in;
        this.base = offset;
    }

    /** The byte at file offset {@code offset}, or -1 past the end or when no longer kept. */
    int byteAt(long offset) throws IOException {
        if (offset < base) {
            return -1;
        }
        while (offset >= base + filled) {
            if (!readMore()) {
                return -1;
            }
        }
        return buffer[(int) (offset - base)] & 0xff;
    }

    /** The {@code n} bits (at most 32) from bit {@code bit} on, least significant first; -1 when not all can be seen. */
    long bits(long bit, int n) throws IOException {
        long value = 0;
        for (int i = 0; i < n; i++) {
            int b = byteAt((bit + i) >>> 3);
            if (b < 0) {
                return -1;
            }
            value |= (long) ((b >>> ((bit + i) & 7)) & 1) << i;
        }
        return value;
    }

    /**
     * The length of the gzip member header at file offset {@code offset}, or -1 when none starts
     * there (or it cannot be seen).
     */
    int headerLength(long offset) throws IOException {
        if (byteAt(offset) != 0x1f || byteAt(offset + 1) != 0x8b || byteAt(offset + 2) != 8) {
            return -1;
        }
        int flags = byteAt(offset + 3);
        if (flags < 0) {
            return -1;
        }
        long at = offset + 10;
        if ((flags & 4) != 0) {
            int low = byteAt(at);
            int high = byteAt(at + 1);
            if (low < 0 || high < 0) {
                return -1;
            }
            at += 2 + (low | high << 8);
        }
        for (int field = 8; field <= 16; field <<= 1) {
            if ((flags & field) != 0) {
                int b;
                while ((b = byteAt(at++)) > 0) {
                    if (at - offset > KEEP) {
                        return -1;
                    }
                }
                if (b < 0) {
                    return -1;
                }
            }
        }
        if ((flags & 2) != 0) {
            at += 2;
        }
        return byteAt(at - 1) < 0 ? -1 : (int) (at - offset);
    }

    private boolean readMore() throws IOException {
        if (ended) {
            return false;
        }
        if (filled == buffer.length) {
            int drop = Math.max(0, delivered - KEEP);
            if (drop > buffer.length / 2) {
                System.arraycopy(buffer, drop, buffer, 0, filled - drop);
                base += drop;
                delivered -= drop;
                filled -= drop;
            } else {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
        }
        int n = in.read(buffer, filled, buffer.length - filled);
        if (n < 0) {
            ended = true;
            return false;
        }
        filled += n;
        return true;
    }

    @Override
    public int read() throws IOException {
        if (delivered == filled && !readMore()) {
            return -1;
        }
        return buffer[delivered++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (delivered == filled) {
            if (!readMore()) {
                return -1;
            }
        }
        int n = Math.min(len, filled - delivered);
        System.arraycopy(buffer, delivered, b, off, n);
        delivered += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
