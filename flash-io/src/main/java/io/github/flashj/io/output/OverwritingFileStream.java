package io.github.flashj.io.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Writes a file over an existing one from its start, without truncating it first, and cuts it to
 * the bytes written when closed. An earlier run's output rewritten this way keeps its cached pages
 * and disk blocks: a rerun neither frees 1 GB of page cache nor allocates it again.
 *
 * <p>Every write but the last covers whole {@link #ALIGNMENT}-byte pages: a write that ends inside
 * a page of the old file that is not cached makes the kernel read that page from disk first, and a
 * batch's write would then wait for one disk read. The bytes past the last whole page are held
 * until the next write or {@link #close}.
 */
final class OverwritingFileStream extends OutputStream {
    /** A multiple of every page size in use (4 KiB on x86, up to 64 KiB on ARM). */
    static final int ALIGNMENT = 1 << 16;

    private final RandomAccessFile file;
    private final byte[] pending = new byte[ALIGNMENT];
    private int pendingLength;
    private long position;
    private boolean closed;

    OverwritingFileStream(Path path) throws IOException {
        file = new RandomAccessFile(path.toFile(), "rw");
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int at = off;
        int end = off + len;
        if (pendingLength > 0) {
            int n = Math.min(end - at, ALIGNMENT - pendingLength);
            System.arraycopy(b, at, pending, pendingLength, n);
            pendingLength += n;
            at += n;
            if (pendingLength < ALIGNMENT) {
                return;
            }
            writeThrough(pending, 0, ALIGNMENT);
            pendingLength = 0;
        }
        int whole = (end - at) / ALIGNMENT * ALIGNMENT;
        if (whole > 0) {
            writeThrough(b, at, whole);
            at += whole;
        }
        pendingLength = end - at;
        System.arraycopy(b, at, pending, 0, pendingLength);
    }

    private void writeThrough(byte[] b, int off, int len) throws IOException {
        file.write(b, off, len);
        position += len;
    }

    /**
     * Writes the held bytes to the file, and holds them still: the next write covers their page
     * whole again. A checkpoint's length then counts them ({@link OutputChannel#checkpoint}).
     */
    void writeHeld() throws IOException {
        ByteBuffer held = ByteBuffer.wrap(pending, 0, pendingLength);
        while (held.hasRemaining()) {
            file.getChannel().write(held, position + held.position());
        }
    }

    /** Writes the held bytes to the file, holding them still ({@link #writeHeld}). */
    @Override
    public void flush() throws IOException {
        writeHeld();
    }

    /** Writes the held bytes, cuts the file where this stream's bytes end, and closes it. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (RandomAccessFile f = file) {
            writeThrough(pending, 0, pendingLength);
            pendingLength = 0;
            f.setLength(position);
        }
    }
}
