package io.github.flashj.io.lz4;

import io.github.flashj.swar.Swar;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads LZ4 frames (the format of the {@code lz4} tool), one after another, written from the frame
 * and block format specifications: independent or linked blocks, stored blocks, block and content
 * checksums (checked), skippable frames (skipped), and frames of the legacy format ({@code lz4 -l},
 * as the Linux kernel's build writes them). Dictionaries are not supported. Every length and
 * offset is checked against the block and the window before use, so corrupt or hostile input ends
 * in an IOException, never in a read or write out of bounds.
 */
public final class Lz4FrameInputStream extends InputStream {
    private static final int SKIPPABLE = 0x184D2A50;
    /** The legacy format: blocks of at most 8 MiB, each a 4-byte size and compressed data, to the end. */
    private static final int LEGACY_MAGIC = 0x184C2102;
    private static final int LEGACY_BLOCK = 8 << 20;
    /** The most bytes a legacy block of 8 MiB compresses to (LZ4's compress bound). */
    private static final int LEGACY_MAX_COMPRESSED = LEGACY_BLOCK + LEGACY_BLOCK / 255 + 16;
    private static final int WINDOW = 64 << 10;
    private static final int MIN_MATCH = 4;
    /**
     * Bytes past the most a block holds, in the compressed and the decoded buffer: short literals
     * and matches are copied 8 bytes at a time, which may read and write up to 15 bytes past their
     * end (bytes that the next sequence overwrites, or that lie past the block's output).
     */
    private static final int SLACK = 16;
    /** Literal runs up to this long are copied as two longs; longer ones by System.arraycopy. */
    private static final int SHORT_COPY = 16;
    private static final int SEQUENCES_PER_CALL = 256;
    /**
     * Decoded bytes made ready at a time from a compressed block of up to 4 MiB: the reader takes
     * them while they are still in the core's cache, and the decoder's output stays near its input.
     */
    private static final int STEP = 128 << 10;

    private final InputStream source;
    private final byte[] word = new byte[8];
    private byte[] block = new byte[0];
    /** Decoded data: the window kept for linked blocks, then the current block's bytes. */
    private byte[] decoded = new byte[0];
    private int position;
    private int limit;
    private boolean inFrame;
    private boolean legacy;
    private boolean linked;
    private boolean blockChecksum;
    private boolean contentChecksum;
    private int maxBlock;
    private XxHash32 content;
    private boolean ended;
    /** Whether a compressed block is part decoded: {@link #in} and {@link #out} say how far. */
    private boolean decoding;
    /** The block being decoded: its length, and where the next sequence and its output start. */
    private int blockLength;
    private int in;
    private int out;
    private int outEnd;

    /** Reads the frames of {@code in}, which this stream closes. */
    public Lz4FrameInputStream(InputStream in) {
        this.source = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (position == limit) {
            if (decoding) {
                decodeStep();
            } else if (!nextBlock()) {
                return -1;
            }
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(decoded, position, b, off, n);
        position += n;
        return n;
    }

    /**
     * Reads the next block, reading frame headers and trailers on the way, and stores it or starts
     * decoding it; false at the end of the input.
     */
    private boolean nextBlock() throws IOException {
        if (ended) {
            return false;
        }
        if (!inFrame && !startFrame(readMagic())) {
            ended = true;
            return false;
        }
        if (legacy) {
            return nextLegacyBlock();
        }
        int size = readInt();
        if (size == 0) {
            if (contentChecksum && readInt() != content.digest()) {
                throw new IOException("lz4 content checksum mismatch");
            }
            inFrame = false;
            position = 0;
            limit = 0;
            return true;
        }
        boolean stored = size < 0;
        int length = size & 0x7fffffff;
        if (length > maxBlock) {
            throw new IOException("lz4 block of " + length + " bytes exceeds the frame's maximum of " + maxBlock);
        }
        readFully(block, length);
        if (blockChecksum && readInt() != XxHash32.of(block, 0, length)) {
            throw new IOException("lz4 block checksum mismatch");
        }
        int start = keepWindow();
        position = start;
        limit = start;
        if (stored) {
            System.arraycopy(block, 0, decoded, start, length);
            madeReady(start + length);
        } else {
            startDecoding(length, start);
        }
        return true;
    }

    /** The next frame's magic number, null at a clean end of the input. */
    private Integer readMagic() throws IOException {
        int first = source.readNBytes(word, 0, 4);
        if (first == 0) {
            return null;
        }
        if (first < 4) {
            throw new EOFException("lz4 data ends inside a frame header");
        }
        return (int) Swar.INTS.get(word, 0);
    }

    /**
     * Reads the header of the frame that {@code magic} starts, skipping skippable frames; false at
     * a clean end of the input ({@code magic} null).
     */
    private boolean startFrame(Integer magic) throws IOException {
        while (magic != null && (magic & 0xfffffff0) == SKIPPABLE) {
            try {
                source.skipNBytes(readInt() & 0xffffffffL);
            } catch (EOFException e) {
                throw new EOFException("lz4 data ends inside a skippable frame");
            }
            magic = readMagic();
        }
        if (magic == null) {
            return false;
        }
        legacy = magic == LEGACY_MAGIC;
        if (legacy) {
            startLegacyFrame();
            return true;
        }
        if (magic != Lz4FramePieces.MAGIC) {
            throw new IOException("not an lz4 frame (magic " + Integer.toHexString(magic) + ")");
        }
        readFully(word, 2);
        int flg = word[0] & 0xff;
        int bd = word[1] & 0xff;
        if ((flg >>> 6) != 1 || (flg & 2) != 0 || (bd & 0x8f) != 0 || ((bd >>> 4) & 7) < 4) {
            throw new IOException("unsupported lz4 frame descriptor " + Integer.toHexString(flg) + " "
                    + Integer.toHexString(bd));
        }
        if ((flg & 1) != 0) {
            throw new IOException("lz4 frames with a dictionary are not supported");
        }
        byte[] descriptor = new byte[10];
        descriptor[0] = (byte) flg;
        descriptor[1] = (byte) bd;
        int n = 2;
        if ((flg & 8) != 0) {
            readFully(word, 8);
            System.arraycopy(word, 0, descriptor, 2, 8);
            n = 10;
        }
        readFully(word, 1);
        if ((word[0] & 0xff) != ((XxHash32.of(descriptor, 0, n) >>> 8) & 0xff)) {
            throw new IOException("lz4 frame header checksum mismatch");
        }
        linked = (flg & 0x20) == 0;
        blockChecksum = (flg & 0x10) != 0;
        contentChecksum = (flg & 4) != 0;
        maxBlock = 1 << (8 + 2 * ((bd >>> 4) & 7));
        content = contentChecksum ? new XxHash32() : null;
        enterFrame(maxBlock);
        return true;
    }

    private void startLegacyFrame() {
        linked = false;
        blockChecksum = false;
        contentChecksum = false;
        content = null;
        maxBlock = LEGACY_BLOCK;
        enterFrame(LEGACY_MAX_COMPRESSED);
    }

    /**
     * Starts decoding a frame whose blocks decode to at most {@link #maxBlock} bytes: makes room for
     * a block as stored ({@code storedBlock} bytes) and for the window before a decoded block.
     */
    private void enterFrame(int storedBlock) {
        if (block.length < storedBlock + SLACK) {
            block = new byte[storedBlock + SLACK];
        }
        if (decoded.length < WINDOW + maxBlock + SLACK) {
            decoded = new byte[WINDOW + maxBlock + SLACK];
        }
        limit = 0;
        position = 0;
        inFrame = true;
    }

    /**
     * Decodes the next block of a legacy frame. The format has no end mark: the frame ends with the
     * input, or where a size too large for a block is the magic number of the next frame (as the
     * {@code lz4} tool reads it).
     */
    private boolean nextLegacyBlock() throws IOException {
        Integer size = readMagic();
        if (size == null) {
            ended = true;
            return false;
        }
        if (size == LEGACY_MAGIC) {
            return true;
        }
        if (size < 0 || size > LEGACY_MAX_COMPRESSED) {
            inFrame = false;
            legacy = false;
            if (!startFrame(size)) {
                ended = true;
                return false;
            }
            position = 0;
            limit = 0;
            return true;
        }
        readFully(block, size);
        position = 0;
        limit = 0;
        startDecoding(size, 0);
        return true;
    }

    /** Where the next block is decoded: after the last 64 KiB of output for linked blocks, else at 0. */
    private int keepWindow() {
        if (!linked) {
            return 0;
        }
        int keep = Math.min(WINDOW, limit);
        System.arraycopy(decoded, limit - keep, decoded, 0, keep);
        return keep;
    }

    /** Starts decoding a compressed block of {@code length} bytes into {@code decoded} from {@code start}. */
    private void startDecoding(int length, int start) {
        blockLength = length;
        in = 0;
        out = start;
        outEnd = start + maxBlock;
        decoding = true;
    }

    /** Decodes about {@link #STEP} more bytes of the block, or to its end, and makes them ready. */
    private void decodeStep() throws IOException {
        int target = out + STEP;
        boolean more = true;
        while (out < target && (more = sequences())) {
            // Each call decodes a run of sequences.
        }
        decoding = more;
        madeReady(out);
    }

    /** Makes the decoded bytes up to {@code end} ready to read, adding them to the content checksum. */
    private void madeReady(int end) {
        if (contentChecksum) {
            content.update(decoded, limit, end - limit);
        }
        limit = end;
    }

    /**
     * Decodes up to {@link #SEQUENCES_PER_CALL} sequences from {@code in}: literals, then a match
     * unless it is the block's last. A bounded run per call, so that the JIT compiles the loop
     * within the first block rather than leaving a loop over whole blocks interpreted (FlashJ runs
     * without on-stack replacement), while the positions stay in registers between sequences.
     *
     * @return false after the last sequence
     */
    private boolean sequences() throws IOException {
        byte[] src = block;
        byte[] dst = decoded;
        int length = blockLength;
        int end = outEnd;
        int ip = in;
        int op = out;
        for (int s = 0; s < SEQUENCES_PER_CALL; s++) {
            if (ip >= length) {
                throw new IOException("lz4 block ends inside a sequence");
            }
            int token = src[ip++] & 0xff;
            int literals = token >>> 4;
            if (literals == 15) {
                long extra = extraLength(src, ip, length);
                ip = (int) (extra >>> 32);
                literals += (int) extra;
            }
            if (literals > length - ip || literals > end - op) {
                throw new IOException("lz4 literals run past the block");
            }
            if (literals <= SHORT_COPY) {
                Swar.LONGS.set(dst, op, (long) Swar.LONGS.get(src, ip));
                Swar.LONGS.set(dst, op + 8, (long) Swar.LONGS.get(src, ip + 8));
            } else {
                System.arraycopy(src, ip, dst, op, literals);
            }
            ip += literals;
            op += literals;
            if (ip == length) {
                in = ip;
                out = op;
                return false;
            }
            if (length - ip < 2) {
                throw new IOException("lz4 block ends inside a match offset");
            }
            int offset = (src[ip] & 0xff) | (src[ip + 1] & 0xff) << 8;
            ip += 2;
            int match = token & 15;
            if (match == 15) {
                long extra = extraLength(src, ip, length);
                ip = (int) (extra >>> 32);
                match += (int) extra;
            }
            match += MIN_MATCH;
            if (offset == 0 || offset > op) {
                throw new IOException("lz4 match offset " + offset + " points before the data");
            }
            if (match > end - op) {
                throw new IOException("lz4 match runs past the block");
            }
            copyMatch(dst, op - offset, op, match);
            op += match;
        }
        in = ip;
        out = op;
        return true;
    }

    /**
     * The bytes from {@code ip} that continue a length of 15 in a token: each adds its value, and
     * 255 means another follows. Stops past the largest block, which no valid length exceeds.
     *
     * @return where the bytes end, in the high 32 bits, and what they add, in the low 32
     */
    private long extraLength(byte[] src, int ip, int length) throws IOException {
        int extra = 0;
        int b;
        do {
            if (ip >= length) {
                throw new IOException("lz4 block ends inside a length");
            }
            b = src[ip++] & 0xff;
            extra += b;
        } while (b == 255 && extra < maxBlock);
        return (long) ip << 32 | extra;
    }

    /**
     * Copies a match, which may overlap its own output (a run repeats the bytes it has written): 8
     * bytes at a time where the match starts 8 or more bytes back, since each long read is then
     * written already; a long match that does not overlap by System.arraycopy; a closer one byte by
     * byte.
     */
    private static void copyMatch(byte[] b, int from, int to, int n) {
        int offset = to - from;
        if (offset >= n && n > 2 * SHORT_COPY) {
            System.arraycopy(b, from, b, to, n);
        } else if (offset >= 8) {
            for (int k = 0; k < n; k += 8) {
                Swar.LONGS.set(b, to + k, (long) Swar.LONGS.get(b, from + k));
            }
        } else {
            for (int k = 0; k < n; k++) {
                b[to + k] = b[from + k];
            }
        }
    }

    private int readInt() throws IOException {
        readFully(word, 4);
        return (int) Swar.INTS.get(word, 0);
    }

    private void readFully(byte[] b, int n) throws IOException {
        if (source.readNBytes(b, 0, n) < n) {
            throw new EOFException("lz4 data is truncated");
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
