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
            if (!nextBlock()) {
                return -1;
            }
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(decoded, position, b, off, n);
        position += n;
        return n;
    }

    /** Decodes the next block, reading frame headers and trailers on the way; false at the end of the input. */
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
        int end = stored ? store(length, start) : decode(length, start);
        if (contentChecksum) {
            content.update(decoded, start, end - start);
        }
        position = start;
        limit = end;
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
        if (block.length < storedBlock) {
            block = new byte[storedBlock];
        }
        if (decoded.length < WINDOW + maxBlock) {
            decoded = new byte[WINDOW + maxBlock];
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
        limit = decode(size, 0);
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

    private int store(int length, int start) {
        System.arraycopy(block, 0, decoded, start, length);
        return start + length;
    }

    /** Decodes one compressed block into {@code decoded} from {@code start}; returns the end. */
    private int decode(int length, int start) throws IOException {
        blockLength = length;
        in = 0;
        out = start;
        outEnd = start + maxBlock;
        while (sequence()) {
            // Each call decodes one sequence.
        }
        return out;
    }

    /**
     * Decodes the sequence at {@code in}: literals, then a match unless it is the block's last.
     * One call per sequence, so that the JIT compiles it within the first block rather than leaving
     * a loop over whole blocks interpreted.
     *
     * @return false after the last sequence
     */
    private boolean sequence() throws IOException {
        byte[] src = block;
        byte[] dst = decoded;
        int ip = in;
        int op = out;
        if (ip >= blockLength) {
            throw new IOException("lz4 block ends inside a sequence");
        }
        int token = src[ip++] & 0xff;
        int literals = token >>> 4;
        if (literals == 15) {
            in = ip;
            literals += extraLength();
            ip = in;
        }
        if (literals > blockLength - ip || literals > outEnd - op) {
            throw new IOException("lz4 literals run past the block");
        }
        System.arraycopy(src, ip, dst, op, literals);
        ip += literals;
        op += literals;
        if (ip == blockLength) {
            in = ip;
            out = op;
            return false;
        }
        if (blockLength - ip < 2) {
            throw new IOException("lz4 block ends inside a match offset");
        }
        int offset = (src[ip] & 0xff) | (src[ip + 1] & 0xff) << 8;
        ip += 2;
        int match = token & 15;
        if (match == 15) {
            in = ip;
            match += extraLength();
            ip = in;
        }
        match += MIN_MATCH;
        if (offset == 0 || offset > op) {
            throw new IOException("lz4 match offset " + offset + " points before the data");
        }
        if (match > outEnd - op) {
            throw new IOException("lz4 match runs past the block");
        }
        copyMatch(dst, op - offset, op, match);
        in = ip;
        out = op + match;
        return true;
    }

    /**
     * The bytes at {@code in} that continue a length of 15 in a token: each adds its value, and 255
     * means another follows. Stops past the largest block, which no valid length exceeds.
     */
    private int extraLength() throws IOException {
        int extra = 0;
        int b;
        do {
            if (in >= blockLength) {
                throw new IOException("lz4 block ends inside a length");
            }
            b = block[in++] & 0xff;
            extra += b;
        } while (b == 255 && extra < maxBlock);
        return extra;
    }

    /** Copies a match, which may overlap its own output (a run repeats the bytes it has written). */
    private static void copyMatch(byte[] b, int from, int to, int n) {
        if (to - from >= n) {
            System.arraycopy(b, from, b, to, n);
            return;
        }
        for (int k = 0; k < n; k++) {
            b[to + k] = b[from + k];
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
