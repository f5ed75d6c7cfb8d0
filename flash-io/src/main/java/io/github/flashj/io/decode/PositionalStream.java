package io.github.flashj.io.decode;

import io.github.flashj.io.plan.PositionalInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** An input read forward from a position by positional reads, a buffer at a time. */
final class PositionalStream extends InputStream {
    /** Large enough that a remote file (a Hadoop stream) is read in few calls per segment. */
    private static final int BUFFER = 1 << 18;
    private final PositionalInput in;
    private final byte[] buffer = new byte[BUFFER];
    private long position;
    private int at;
    private int filled;

    PositionalStream(PositionalInput in, long position) {
        this.in = in;
        this.position = position;
    }

    @Override
    public int read() throws IOException {
        if (at == filled && !fill()) {
            return -1;
        }
        return buffer[at++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (at == filled && !fill()) {
            return -1;
        }
        int n = Math.min(len, filled - at);
        System.arraycopy(buffer, at, b, off, n);
        at += n;
        return n;
    }

    private boolean fill() throws IOException {
        int n = in.read(position, buffer, 0, BUFFER);
        if (n <= 0) {
            return false;
        }
        position += n;
        at = 0;
        filled = n;
        return true;
    }
}
