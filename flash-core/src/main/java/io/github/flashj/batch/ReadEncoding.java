package io.github.flashj.batch;

import io.github.flashj.swar.Swar;
import java.util.Arrays;

/**
 * How a read's text becomes a batch's bytes, and why a read is refused: bases made canonical
 * (upper-case {@code A C G T}, anything else {@code N}), quality characters turned into PHRED
 * values, both checked as FLASH checks them, eight bytes at a time where they can be.
 *
 * <p>{@link PairBatch#appendRead} returns {@link #APPENDED} or a refusal that names the position
 * of the first bad byte of the read; {@link #isWhitespaceInSequence} and {@link #position} read it.
 */
public final class ReadEncoding {
    /** {@link PairBatch#appendRead}'s result when the read was appended. */
    public static final int APPENDED = -1;
    /** A, C, G, T in either case to upper case, whitespace to -1 (rejected), anything else to N. */
    private static final byte[] CANONICAL = canonicalTable();
    private static final long A_BYTES = 'A' * Swar.ONES;
    private static final long C_BYTES = 'C' * Swar.ONES;
    private static final long G_BYTES = 'G' * Swar.ONES;
    private static final long T_BYTES = 'T' * Swar.ONES;
    private static final long N_BYTES = 'N' * Swar.ONES;

    private static final byte[] COMPLEMENT = complementTable();

    private ReadEncoding() {
    }

    /** The complement of a canonical base: A and T, C and G swap; N (and anything else) gives N. */
    public static byte complement(byte base) {
        return COMPLEMENT[base & 0xff];
    }

    private static byte[] complementTable() {
        byte[] t = new byte[256];
        Arrays.fill(t, (byte) 'N');
        t['A'] = 'T';
        t['T'] = 'A';
        t['C'] = 'G';
        t['G'] = 'C';
        return t;
    }

    /**
     * A quality byte as a message names it: a printable character in quotes with its code
     * ({@code character 'I' (ASCII 73)}), any other byte by its value, so that a message never
     * carries raw control bytes or half of a character ({@code byte 0 (NUL)}, {@code byte 128 (0x80,
     * not ASCII)}).
     */
    private static String describeQualityByte(int value) {
        int b = value & 0xff;
        if (b > ' ' && b < 0x7f) {
            return "character '" + (char) b + "' (ASCII " + b + ")";
        }
        String hex = String.format("0x%02x", b);
        return "byte " + b + " (" + (b == 0 ? "NUL" : b == ' ' ? "space" : b >= 0x80 ? hex + ", not ASCII"
                : hex + ", a control character") + ")";
    }

    /**
     * Why {@link PairBatch#appendRead} refused a read, for a message that goes on to name the read:
     * {@code whitespace in the sequence at position N}, or {@code quality ... at position N is below
     * the PHRED offset P}.
     *
     * @param refusal what appendRead returned (not {@link #APPENDED})
     * @param qual the read's quality bytes, from {@code qualOff}
     */
    public static String describeRefusal(int refusal, byte[] qual, int qualOff, int phredOffset) {
        int at = position(refusal);
        return isWhitespaceInSequence(refusal) ? "whitespace in the sequence at position " + (at + 1)
                : "quality " + describeQualityByte(qual[qualOff + at]) + " at position " + (at + 1)
                        + " is below the PHRED offset " + phredOffset;
    }

    /**
     * Whether a refusal is for whitespace inside the sequence; otherwise a quality character is
     * below the PHRED offset (quality bytes are signed, as in FLASH, so 0x80 and above are below any
     * offset; at offset 0, as in FLASH, no quality is refused).
     */
    public static boolean isWhitespaceInSequence(int refusal) {
        return refusal < APPENDED;
    }

    /** The position in the read (from 0) of the byte that a refusal names. */
    public static int position(int refusal) {
        return refusal >= 0 ? refusal : -2 - refusal;
    }

    /**
     * Writes the canonical bases and PHRED values of a read of {@code length} at {@code start} of
     * {@code bases} and {@code quals}.
     *
     * @return {@link #APPENDED}, or a refusal: quality byte {@code k} below the offset is {@code k},
     *     whitespace at sequence byte {@code k} is {@code -2 - k}
     */
    static int encode(byte[] seq, int seqOff, byte[] qual, int qualOff, int length, byte[] bases, byte[] quals,
            int start, int offset) {
        int flags = 0;
        int k = copyCanonicalBases(seq, seqOff, bases, start, length);
        for (; k < length; k++) {
            byte c = CANONICAL[seq[seqOff + k] & 0xff];
            bases[start + k] = c;
            flags |= c;
        }
        if (offset > 0) {
            k = convertQualities(qual, qualOff, quals, start, length, offset);
            for (; k < length; k++) {
                int v = qual[qualOff + k] - offset;
                quals[start + k] = (byte) v;
                flags |= v;
            }
        } else {
            // FLASH checks no quality at offset 0: every byte is taken as it is, as a signed value.
            System.arraycopy(qual, qualOff, quals, start, length);
        }
        // Negative flags: a quality below the offset, or whitespace (whose table entry is negative).
        if (flags < 0) {
            for (k = 0; k < length; k++) {
                if (CANONICAL[seq[seqOff + k] & 0xff] < 0) {
                    return -2 - k;
                }
                if (offset > 0 && qual[qualOff + k] < offset) {
                    return k;
                }
            }
        }
        return APPENDED;
    }

    /**
     * Writes PHRED values as quality characters (value + offset), the inverse of {@link #encode}'s
     * conversion, eight at a time where no byte can carry into the next: values below 128 with an
     * offset below 128 each fit their byte.
     */
    public static void toQualityCharacters(byte[] values, int from, byte[] to, int at, int length, int offset) {
        int k = 0;
        long offsets = (offset & 0xffL) * Swar.ONES;
        for (; k + Long.BYTES <= length; k += Long.BYTES) {
            long q = (long) Swar.LONGS.get(values, from + k);
            if ((q & Swar.HIGH_BITS) != 0) {
                break;
            }
            Swar.LONGS.set(to, at + k, q + offsets);
        }
        for (; k < length; k++) {
            to[at + k] = (byte) (values[from + k] + offset);
        }
    }

    /**
     * Copies bases eight at a time while they are already canonical (upper-case A, C, G, T or N),
     * as nearly all are. A read that is canonical to its end finishes with one word that overlaps
     * the previous one, rather than byte by byte.
     *
     * @return how many bases were copied: {@code length}, or where the table must take over
     */
    private static int copyCanonicalBases(byte[] seq, int seqOff, byte[] b, int start, int length) {
        int lastWord = length - Long.BYTES;
        int k = 0;
        for (; k <= lastWord; k += Long.BYTES) {
            long w = (long) Swar.LONGS.get(seq, seqOff + k);
            if (!canonical(w)) {
                return k;
            }
            Swar.LONGS.set(b, start + k, w);
        }
        if (k < length && lastWord >= 0) {
            long w = (long) Swar.LONGS.get(seq, seqOff + lastWord);
            if (canonical(w)) {
                Swar.LONGS.set(b, start + lastWord, w);
                return length;
            }
        }
        return k;
    }

    /**
     * Turns quality characters into PHRED values eight at a time while all are at least the
     * offset and below 128, finishing with an overlapping word as {@link #copyCanonicalBases}.
     * For bytes below 128, {@code (c | 0x80) - offset} cannot borrow from the next byte, and its
     * high bit stays set exactly when {@code c >= offset}.
     *
     * @return how many were converted: {@code length}, or where the byte-wise loop must take over
     */
    private static int convertQualities(byte[] qual, int qualOff, byte[] q, int start, int length, int offset) {
        long offsets = offset * Swar.ONES;
        int lastWord = length - Long.BYTES;
        int k = 0;
        for (; k <= lastWord; k += Long.BYTES) {
            long c = (long) Swar.LONGS.get(qual, qualOff + k);
            long t = (c | Swar.HIGH_BITS) - offsets;
            if (((c | ~t) & Swar.HIGH_BITS) != 0) {
                return k;
            }
            Swar.LONGS.set(q, start + k, t & ~Swar.HIGH_BITS);
        }
        if (k < length && lastWord >= 0) {
            long c = (long) Swar.LONGS.get(qual, qualOff + lastWord);
            long t = (c | Swar.HIGH_BITS) - offsets;
            if (((c | ~t) & Swar.HIGH_BITS) == 0) {
                Swar.LONGS.set(q, start + lastWord, t & ~Swar.HIGH_BITS);
                return length;
            }
        }
        return k;
    }

    /**
     * Whether all eight bytes of {@code w} are A, C, G, T or N. For a byte below 0x80, its XOR
     * with one of these letters is below 0x80 too, and adding 0x7F sets its high bit exactly when
     * it differs from the letter, without a carry into the next byte. A byte is canonical when
     * one of the five sums leaves its high bit clear. A byte of 0x80 or more may carry into its
     * neighbour, but the final OR with {@code w} rejects the word anyway.
     */
    private static boolean canonical(long w) {
        long differs = ((w ^ A_BYTES) + Swar.LOW_BITS) & ((w ^ C_BYTES) + Swar.LOW_BITS)
                & ((w ^ G_BYTES) + Swar.LOW_BITS) & ((w ^ T_BYTES) + Swar.LOW_BITS) & ((w ^ N_BYTES) + Swar.LOW_BITS);
        return ((differs | w) & Swar.HIGH_BITS) == 0;
    }

    private static byte[] canonicalTable() {
        byte[] t = new byte[256];
        Arrays.fill(t, (byte) 'N');
        for (char c : " \t\n\r\u000b\f".toCharArray()) {
            t[c] = -1;
        }
        for (char c : "ACGT".toCharArray()) {
            t[c] = (byte) c;
            t[Character.toLowerCase(c)] = (byte) c;
        }
        return t;
    }
}
