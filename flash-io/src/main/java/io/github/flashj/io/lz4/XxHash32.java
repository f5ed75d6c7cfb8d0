package io.github.flashj.io.lz4;

import io.github.flashj.swar.Swar;


/**
 * XXH32 with seed 0, as the LZ4 frame format checksums its header, blocks and content; fed in
 * pieces. Its state (four lanes, the length so far, up to 15 bytes not yet in a stripe) is a value:
 * serializable and copied by {@link #copy()}, so that a file's running content checksum can be kept
 * and continued elsewhere.
 */
public final class XxHash32 implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final int P1 = 0x9E3779B1;
    private static final int P2 = 0x85EBCA77;
    private static final int P3 = 0xC2B2AE3D;
    private static final int P4 = 0x27D4EB2F;
    private static final int P5 = 0x165667B1;

    private int v1 = P1 + P2;
    private int v2 = P2;
    private int v3;
    private int v4 = -P1;
    private long total;
    private final byte[] pending = new byte[16];
    private int pendingLength;

    /** The checksum of no byte yet. */
    public XxHash32() {
    }

    /** A checksum in the same state as this one, to be fed apart. */
    public XxHash32 copy() {
        XxHash32 c = new XxHash32();
        c.v1 = v1;
        c.v2 = v2;
        c.v3 = v3;
        c.v4 = v4;
        c.total = total;
        System.arraycopy(pending, 0, c.pending, 0, pendingLength);
        c.pendingLength = pendingLength;
        return c;
    }

    /** The checksum of {@code b[off, off + len)}. */
    static int of(byte[] b, int off, int len) {
        XxHash32 h = new XxHash32();
        h.update(b, off, len);
        return h.digest();
    }

    /** Adds {@code b[off, off + len)} to the bytes checksummed. */
    public void update(byte[] b, int off, int len) {
        total += len;
        int p = off;
        int end = off + len;
        if (pendingLength > 0) {
            int n = Math.min(16 - pendingLength, len);
            System.arraycopy(b, p, pending, pendingLength, n);
            pendingLength += n;
            p += n;
            if (pendingLength < 16) {
                return;
            }
            stripe(pending, 0);
            pendingLength = 0;
        }
        for (; p + 16 <= end; p += 16) {
            stripe(b, p);
        }
        pendingLength = end - p;
        System.arraycopy(b, p, pending, 0, pendingLength);
    }

    private void stripe(byte[] b, int p) {
        v1 = round(v1, (int) Swar.INTS.get(b, p));
        v2 = round(v2, (int) Swar.INTS.get(b, p + 4));
        v3 = round(v3, (int) Swar.INTS.get(b, p + 8));
        v4 = round(v4, (int) Swar.INTS.get(b, p + 12));
    }

    private static int round(int acc, int input) {
        return Integer.rotateLeft(acc + input * P2, 13) * P1;
    }

    /** The checksum of the bytes so far; more may follow. */
    public int digest() {
        int h = total >= 16
                ? Integer.rotateLeft(v1, 1) + Integer.rotateLeft(v2, 7) + Integer.rotateLeft(v3, 12)
                        + Integer.rotateLeft(v4, 18)
                : P5;
        h += (int) total;
        int p = 0;
        for (; p + 4 <= pendingLength; p += 4) {
            h = Integer.rotateLeft(h + (int) Swar.INTS.get(pending, p) * P3, 17) * P4;
        }
        for (; p < pendingLength; p++) {
            h = Integer.rotateLeft(h + (pending[p] & 0xff) * P5, 11) * P1;
        }
        h ^= h >>> 15;
        h *= P2;
        h ^= h >>> 13;
        h *= P3;
        h ^= h >>> 16;
        return h;
    }
}
