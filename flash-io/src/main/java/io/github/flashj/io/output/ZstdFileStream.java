package io.github.flashj.io.output;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One Zstandard frame compressed by zstd's own threads, whose header states the content's size:
 * decoders that decode a whole frame in one call (python-zstandard's {@code decompress}) need it,
 * and a streaming compressor leaves it out. zstd's header is rewritten with an 8-byte
 * Frame_Content_Size: the size known in advance, or a placeholder that {@link #close()} fills in,
 * once the file is complete, by writing into the file.
 */
final class ZstdFileStream extends OutputStream {
    private static final int MAGIC = 0xFD2FB528;
    /** Magic number, frame header descriptor, window descriptor: zstd's header when streaming. */
    private static final int STREAMING_HEADER = 6;
    /** Frame_Content_Size_flag 3: an 8-byte content size. */
    private static final int EIGHT_BYTE_SIZE = 0xC0;

    private final OutputStream frame;
    private final Path file;
    private final long knownLength;
    private long length;
    /** Whether zstd stated the size itself (content small enough to be compressed in one go). */
    private boolean sizeStated;

    /**
     * @param out where the frame goes
     * @param file the file {@code out} writes from its start, to fill in the size at the end; or
     *     null when {@code knownLength} is given
     * @param knownLength the content's length when known in advance, else -1
     */
    ZstdFileStream(OutputStream out, int level, Path file, long knownLength) throws IOException {
        this.file = file;
        this.knownLength = knownLength;
        frame = new ZstdOutputStream(new HeaderRewriter(out), level).setChecksum(true)
                .setWorkers(Runtime.getRuntime().availableProcessors());
    }

    @Override
    public void write(int b) throws IOException {
        frame.write(b);
        length++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        frame.write(b, off, len);
        length += len;
    }

    @Override
    public void flush() throws IOException {
        frame.flush();
    }

    @Override
    public void close() throws IOException {
        frame.close();
        if (sizeStated) {
            return;
        }
        if (knownLength >= 0) {
            if (length != knownLength) {
                throw new IOException("the Zstandard frame was announced with " + knownLength + " bytes and has "
                        + length);
            }
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer size = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
            channel.write(size, STREAMING_HEADER);
        }
    }

    /** Replaces zstd's streaming header by one with an 8-byte content size. */
    private final class HeaderRewriter extends FilterOutputStream {
        private final byte[] header = new byte[STREAMING_HEADER];
        private int seen;

        HeaderRewriter(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int n = Math.min(len, STREAMING_HEADER - seen);
            if (n > 0) {
                System.arraycopy(b, off, header, seen, n);
                seen += n;
                if (seen == STREAMING_HEADER) {
                    writeHeader();
                }
            }
            out.write(b, off + n, len - n);
        }

        private void writeHeader() throws IOException {
            ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            int descriptor = header[4] & 0xff;
            if (h.getInt(0) != MAGIC || (descriptor & 0x03) != 0) {
                throw new IOException("unexpected Zstandard frame header descriptor " + descriptor);
            }
            // A content size already (in a single segment, or a size field): kept as it is.
            if ((descriptor & 0xE0) != 0) {
                sizeStated = true;
                out.write(header);
                return;
            }
            ByteBuffer rewritten = ByteBuffer.allocate(STREAMING_HEADER + 8).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(MAGIC).put((byte) (descriptor | EIGHT_BYTE_SIZE)).put(header[5])
                    .putLong(Math.max(knownLength, 0));
            out.write(rewritten.array());
        }
    }
}
