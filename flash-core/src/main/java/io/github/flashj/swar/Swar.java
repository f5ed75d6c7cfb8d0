package io.github.flashj.swar;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The little-endian views of a byte array as words, and the byte-lane constants and tests that
 * the loops working on eight bytes at a time share. Byte {@code k} of a word read by
 * {@link #LONGS} at offset {@code i} is {@code b[i + k]}, bits {@code 8k} to {@code 8k + 7}, so
 * that the lowest set bit of a byte mask names the first byte.
 *
 * <p>Engine-internal (see the package): not part of FlashJ's API.
 */
public final class Swar {
    /** A {@code long} read or written at any byte offset of a {@code byte[]}, byte 0 lowest. */
    public static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    /** An {@code int} read or written at any byte offset of a {@code byte[]}, byte 0 lowest. */
    public static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);
    /** 0x01 in each byte: {@code c * ONES} is byte {@code c} eight times. */
    public static final long ONES = 0x0101010101010101L;
    /** The high bit of each byte. */
    public static final long HIGH_BITS = 0x8080808080808080L;
    /** The seven low bits of each byte. */
    public static final long LOW_BITS = ~HIGH_BITS;

    private Swar() {
    }

    /**
     * The high bit of each byte of {@code v} that is zero, and no other bit. Exact for every byte:
     * adding {@code 0x7F} to a byte's low seven bits cannot carry into the next byte, and sets its
     * high bit exactly when those bits are not all zero.
     */
    public static long zeroBytes(long v) {
        return ~(((v & LOW_BITS) + LOW_BITS) | v) & HIGH_BITS;
    }
}
