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
 *
 * <p>A frame left open by a stopped run is ended where its last checkpoint cut it ({@link
 * #endCut}), and the resumed run writes a new frame after it: zstd cannot continue a frame from a
 * cut (its window and content checksum are not kept), so a resumed file holds one frame more.
 */
final class ZstdFileStream extends OutputStream {
    private static final int MAGIC = 0xFD2FB528;
    /** Magic number, frame header descriptor, window descriptor: zstd's header when streaming. */
    private static final int STREAMING_HEADER = 6;
    /** Frame_Content_Size_flag 3: an 8-byte content size. */
    private static final int EIGHT_BYTE_SIZE = 0xC0;
    /** The header's descriptor bit that says a content checksum ends the frame. */
    private static final int CHECKSUM_FLAG = 0x04;
    /** The header descriptor's offset in the frame. */
    private static final int DESCRIPTOR = 4;
    /** An empty raw block with Last_Block set: what ends a frame whose blocks were all flushed. */
    private static final byte[] LAST_EMPTY_BLOCK = {1, 0, 0};
    /**
     * A file is flushed, and can be cut by a checkpoint, after every this many batches only: zstd's
     * flush ends its blocks, so that flushing when the clock says (once a second) would make
     * every run's bytes differ; after fixed batches, every run writes the same bytes, whatever its
     * checkpoints and threads. 64 batches of 1,024 pairs hold about 35 MB of merged reads: a
     * checkpoint waits a few milliseconds for one, and zstd's threads are rarely stopped.
     */
    static final int CUT_BATCHES = 64;

    private final OutputStream frame;
    private final Path file;
    private final long knownLength;
    /** Where this frame starts in {@link #file}. */
    private final long frameStart;
    private long length;
    /** The frame's bytes handed to the file so far. */
    private long frameBytes;
    /** The content's length at the last flush: a checkpoint with nothing written since flushes nothing. */
    private long flushedLength;
    /** Whether zstd stated the size itself (content small enough to be compressed in one go). */
    private boolean sizeStated;

    /**
     * @param out where the frame goes
     * @param file the file {@code out} writes from its start, to fill in the size at the end; or
     *     null when {@code knownLength} is given
     * @param knownLength the content's length when known in advance, else -1
     */
    ZstdFileStream(OutputStream out, int level, Path file, long knownLength) throws IOException {
        this(out, level, file, knownLength, 0);
    }

    /** @param frameStart where the frame starts in {@code file}: after the frames a stopped run wrote */
    ZstdFileStream(OutputStream out, int level, Path file, long knownLength, long frameStart) throws IOException {
        this.file = file;
        this.knownLength = knownLength;
        this.frameStart = frameStart;
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

    /**
     * Flushes every block compressed so far to the file (zstd's flush: whole blocks, the frame
     * still open), unless nothing was written since the last flush, and returns the file's length:
     * where a checkpoint cuts it.
     */
    long checkpoint() throws IOException {
        if (length != flushedLength) {
            frame.flush();
            flushedLength = length;
        }
        return frameStart + frameBytes;
    }

    /** Whether files are flushed, and can be cut, after batch {@code batchId} ({@link #CUT_BATCHES}). */
    static boolean cutsAfter(long batchId) {
        return (batchId + 1) % CUT_BATCHES == 0;
    }

    /** Where this frame starts in the file. */
    long frameStart() {
        return frameStart;
    }

    /** The frame's content so far. */
    long contentLength() {
        return length;
    }

    /**
     * Ends the frame a stopped run left open at its last checkpoint: the file is cut to {@code
     * length}, where every block before is whole, and a last, empty block ends the frame, whose
     * header then states its content's length and no checksum (the running checksum is lost).
     * A frame with no content yet is removed.
     *
     * @return the file's length after the frame
     */
    static long endCut(FileChannel file, long length, long frameStart, long contentLength) throws IOException {
        if (contentLength == 0) {
            file.truncate(frameStart);
            return frameStart;
        }
        file.truncate(length);
        file.write(ByteBuffer.wrap(LAST_EMPTY_BLOCK), length);
        ByteBuffer descriptor = ByteBuffer.allocate(1);
        if (file.read(descriptor, frameStart + DESCRIPTOR) != 1) {
            throw new IOException("the Zstandard frame at byte " + frameStart + " has no header");
        }
        descriptor.put(0, (byte) (descriptor.get(0) & ~CHECKSUM_FLAG)).rewind();
        file.write(descriptor, frameStart + DESCRIPTOR);
        file.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, contentLength),
                frameStart + STREAMING_HEADER);
        return length + LAST_EMPTY_BLOCK.length;
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
            channel.write(size, frameStart + STREAMING_HEADER);
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
            frameBytes += len - n;
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
                frameBytes += header.length;
                return;
            }
            ByteBuffer rewritten = ByteBuffer.allocate(STREAMING_HEADER + 8).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(MAGIC).put((byte) (descriptor | EIGHT_BYTE_SIZE)).put(header[5])
                    .putLong(Math.max(knownLength, 0));
            out.write(rewritten.array());
            frameBytes += rewritten.capacity();
        }
    }
}
