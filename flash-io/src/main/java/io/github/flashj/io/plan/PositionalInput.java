package io.github.flashj.io.plan;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * An input read at any byte offset, safely from several threads at once: what finding record
 * boundaries needs. A local {@link FileChannel} backs it ({@link #of}), and so can a Hadoop
 * {@code FSDataInputStream} ({@code PositionedReadable}).
 */
public interface PositionalInput {
    /** The input's size in bytes. */
    long size() throws IOException;

    /**
     * Reads up to {@code length} bytes at {@code position} into {@code buffer[offset, offset + length)}.
     *
     * @return how many bytes were read; -1 at the end of the input
     */
    int read(long position, byte[] buffer, int offset, int length) throws IOException;

    /**
     * Reads exactly {@code length} bytes at {@code position}.
     *
     * @throws EOFException when the input ends first (it changed while it was being read)
     */
    default void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int r = read(position + done, buffer, offset + done, length - done);
            if (r < 0) {
                throw new EOFException("the file ended early: it changed while it was being read");
            }
            done += r;
        }
    }

    /** Bytes in memory read as an input (an index shipped to executors, a test's file). */
    static PositionalInput of(byte[] bytes) {
        return new PositionalInput() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public int read(long position, byte[] buffer, int offset, int length) {
                if (position >= bytes.length) {
                    return -1;
                }
                int n = (int) Math.min(length, bytes.length - position);
                System.arraycopy(bytes, (int) position, buffer, offset, n);
                return n;
            }
        };
    }

    /** A file channel read with positional reads; closing it stays the caller's task. */
    static PositionalInput of(FileChannel channel) {
        return new PositionalInput() {
            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public int read(long position, byte[] buffer, int offset, int length) throws IOException {
                return channel.read(ByteBuffer.wrap(buffer, offset, length), position);
            }
        };
    }
}
