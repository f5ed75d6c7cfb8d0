package io.github.flashj.io.lz4;

import io.github.flashj.swar.Swar;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * LZ4 frames (the format of the {@code lz4} tool), written from the frame and block format
 * specifications: 256 KiB independent blocks, each compressed by a greedy single-pass match
 * search (a hash of the next five bytes, one candidate, matches extended both ways eight bytes at
 * a time, longer steps after many misses), or stored when that does not pay; a content checksum (XXH32) at the end, so that {@code lz4 -t} catches a
 * corrupted file.
 */
public final class Lz4FrameOutputStream extends OutputStream {
    /** Version 01, independent blocks, no block checksums, no content size, a content checksum. */
    private static final int FLG = 0x64;
    static final int BLOCK = 256 << 10;
    private static final int HASH_BITS = 14;
    /** The size of the match search's table ({@link #compress}). */
    static final int HASH_TABLE = 1 << HASH_BITS;
    /** The last five bytes of a block are always literals. */
    private static final int LAST_LITERALS = 5;
    /** A match starts at least twelve bytes before the end of the block. */
    private static final int MATCH_FLOOR = 12;
    private static final int MAX_OFFSET = 65535;
    /**
     * After 2^6 positions without a match the search steps two bytes at a time, then three...: data
     * that does not compress is passed over fast (LZ4's own skip rule).
     */
    private static final int SKIP_TRIGGER = 6;
    /** Matches found per call of {@link #sequences}. */
    private static final int MATCHES_PER_CALL = 256;
    /** The high bit of a block's size field: the block is stored as it is. */
    static final int UNCOMPRESSED = 0x80000000;

    private final OutputStream out;
    private final byte[] block = new byte[BLOCK];
    private final byte[] packed = new byte[BLOCK + BLOCK / 255 + 32];
    private final int[] table = new int[HASH_TABLE];
    private final XxHash32 checksum = new XxHash32();
    private int length;
    private boolean closed;

    /** Starts a frame on {@code out}: writes its header. */
    public Lz4FrameOutputStream(OutputStream out) throws IOException {
        this.out = out;
        out.write(Lz4FramePieces.header(FLG));
    }

    @Override
    public void write(int b) throws IOException {
        if (length == BLOCK) {
            flushBlock();
        }
        block[length++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            if (length == BLOCK) {
                flushBlock();
            }
            int n = Math.min(len - done, BLOCK - length);
            System.arraycopy(b, off + done, block, length, n);
            length += n;
            done += n;
        }
    }

    private void flushBlock() throws IOException {
        if (length == 0) {
            return;
        }
        checksum.update(block, 0, length);
        int size = compress(block, length, packed, 4, table);
        if (size < length) {
            Swar.INTS.set(packed, 0, size);
            out.write(packed, 0, 4 + size);
        } else {
            Swar.INTS.set(packed, 0, length | UNCOMPRESSED);
            out.write(packed, 0, 4);
            out.write(block, 0, length);
        }
        length = 0;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Writes the last block, the end mark and the content checksum, and closes the stream under it. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        flushBlock();
        out.write(Lz4FramePieces.end(checksum));
        out.close();
    }

    /**
     * Compresses {@code src[0, n)} as one LZ4 block into {@code dst} from {@code dstOff}.
     *
     * @return the compressed size (which may exceed {@code n}: the caller then stores the block)
     */
    static int compress(byte[] src, int n, byte[] dst, int dstOff, int[] table) {
        Arrays.fill(table, -1);
        long state = dstOff;
        while (state >= 0) {
            state = sequences(src, n, dst, table, state);
        }
        state = ~state;
        int anchor = (int) (state >>> 32);
        return literals(src, anchor, n - anchor, dst, (int) state) - dstOff;
    }

    /**
     * Writes up to {@link #MATCHES_PER_CALL} sequences, each the literals before a match and the
     * match. A bounded run per call: FlashJ runs without on-stack replacement, and a loop over a
     * whole block, in a method called once per block, ran interpreted, then unoptimized, for the
     * first third of a run of 2M pairs (docs/BENCHMARKS.md).
     *
     * @param state where the literals not yet written start ({@code anchor}) in the high half, and
     *     where the next sequence is written ({@code op}) in the low half
     * @return the state after these sequences; its complement (negative) when no match is left
     */
    private static long sequences(byte[] src, int n, byte[] dst, int[] table, long state) {
        int anchor = (int) (state >>> 32);
        int op = (int) state;
        int matchEnd = n - LAST_LITERALS;
        int lastStart = n - MATCH_FLOOR;
        for (int k = 0; k < MATCHES_PER_CALL; k++) {
            long found = findMatch(src, anchor, lastStart, table);
            if (found < 0) {
                return ~((long) anchor << 32 | op);
            }
            int at = (int) (found >>> 32);
            int ref = (int) found;
            int matchLength = matchLength(src, at, ref, matchEnd);
            op = sequence(src, anchor, at - anchor, at - ref, matchLength - 4, dst, op);
            anchor = at + matchLength;
            if (anchor - 2 <= lastStart) {
                table[hash(src, anchor - 2)] = anchor - 2;
            }
        }
        return (long) anchor << 32 | op;
    }

    /**
     * The next match at or after {@code from} that starts at most at {@code lastStart}, extended
     * backwards as far as {@code from}: its start in the high half, its reference in the low half;
     * -1 when there is none. One call per match, so that the JIT compiles the search within the
     * first block rather than leaving a loop over whole blocks interpreted.
     */
    private static long findMatch(byte[] src, int from, int lastStart, int[] table) {
        int misses = 1 << SKIP_TRIGGER;
        for (int ip = from; ip <= lastStart; ip += misses++ >>> SKIP_TRIGGER) {
            int sequence = (int) Swar.INTS.get(src, ip);
            int h = hash(src, ip);
            int ref = table[h];
            table[h] = ip;
            if (ref >= 0 && ip - ref <= MAX_OFFSET && (int) Swar.INTS.get(src, ref) == sequence) {
                int at = ip;
                while (at > from && ref > 0 && src[at - 1] == src[ref - 1]) {
                    at--;
                    ref--;
                }
                return (long) at << 32 | ref;
            }
        }
        return -1;
    }

    /**
     * The bucket of the five bytes at {@code at} (the top 40 bits of a multiplicative hash, as LZ4's
     * fast mode); eight bytes are read, which the block's room after its last match start allows.
     */
    private static int hash(byte[] src, int at) {
        return (int) (((long) Swar.LONGS.get(src, at) << 24) * 889523592379L >>> (64 - HASH_BITS));
    }

    /** The length of the match of {@code src} at {@code ip} and {@code ref} (4 bytes known), ending before {@code end}. */
    private static int matchLength(byte[] src, int ip, int ref, int end) {
        int length = 4;
        while (ip + length + Long.BYTES <= end) {
            long diff = (long) Swar.LONGS.get(src, ip + length) ^ (long) Swar.LONGS.get(src, ref + length);
            if (diff != 0) {
                return length + (Long.numberOfTrailingZeros(diff) >>> 3);
            }
            length += Long.BYTES;
        }
        while (ip + length < end && src[ip + length] == src[ref + length]) {
            length++;
        }
        return length;
    }

    /** Writes a sequence: a token, the literals, the match's offset and its extra length. */
    private static int sequence(byte[] src, int from, int literals, int offset, int extraMatch, byte[] dst, int at) {
        int token = at;
        int op = lengthBytes(literals, dst, at + 1);
        System.arraycopy(src, from, dst, op, literals);
        op += literals;
        dst[op++] = (byte) offset;
        dst[op++] = (byte) (offset >>> 8);
        op = lengthBytes(extraMatch, dst, op);
        dst[token] = (byte) (Math.min(literals, 15) << 4 | Math.min(extraMatch, 15));
        return op;
    }

    /** The last sequence: a token and literals only. */
    private static int literals(byte[] src, int from, int literals, byte[] dst, int at) {
        dst[at] = (byte) (Math.min(literals, 15) << 4);
        int op = lengthBytes(literals, dst, at + 1);
        System.arraycopy(src, from, dst, op, literals);
        return op + literals;
    }

    /** The bytes that continue a length of 15 or more in a token: 255 while it lasts, then the rest. */
    private static int lengthBytes(int length, byte[] dst, int at) {
        int op = at;
        if (length >= 15) {
            int rest = length - 15;
            for (; rest >= 255; rest -= 255) {
                dst[op++] = (byte) 255;
            }
            dst[op++] = (byte) rest;
        }
        return op;
    }
}
