package io.github.flashj.gzip;

import java.util.Arrays;

/**
 * Deflate's canonical Huffman codes (RFC 1951, 3.2.2) as lookup tables: a primary table indexed by
 * the next {@link #ROOT_BITS} input bits, whose entries for longer codes point to sub-tables
 * indexed by the bits that follow. Deflate packs a code from its most significant bit on, so the
 * tables are indexed by the bit-reversed code.
 *
 * <p>An entry is an int: bits 0 to 3 the code's full length (0 for an invalid entry), bits 4 to 7
 * the extra bits that follow the code (for a sub-table pointer: the sub-table's index width), bits
 * 8 to 10 the kind, bits 16 to 31 the value (a literal byte, a length or distance base, a code
 * length symbol, or the sub-table's offset).
 */
final class HuffmanTables {
    static final int ROOT_BITS = 10;
    static final int ROOT_MASK = (1 << ROOT_BITS) - 1;
    static final int CODE_LENGTH_BITS = 7;

    static final int KIND_MASK = 7 << 8;
    /** A literal byte, a distance, or a code length symbol. */
    static final int KIND_VALUE = 0;
    static final int KIND_LENGTH = 1 << 8;
    static final int KIND_END = 2 << 8;
    static final int KIND_SUB = 3 << 8;
    static final int KIND_INVALID = 4 << 8;

    /** Room for a literal/length or distance table: the root plus at most one 32-entry sub-table a code. */
    static final int TABLE_SIZE = (1 << ROOT_BITS) + 288 * 32;

    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51,
        59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4,
        4, 5, 5, 5, 5, 0};
    private static final int[] DISTANCE_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
        513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DISTANCE_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9,
        10, 10, 11, 11, 12, 12, 13, 13};

    /** Each literal/length symbol's entry, without its code length. */
    static final int[] LITERAL_LENGTH_SYMBOLS = new int[288];
    /** Each distance symbol's entry, without its code length. */
    static final int[] DISTANCE_SYMBOLS = new int[32];
    /** Each code length symbol's entry, without its code length. */
    static final int[] CODE_LENGTH_SYMBOLS = new int[19];

    /** The scratch {@link #build} needs: counts, next codes, reversed codes, sub-table widths. */
    static final int SCRATCH_SIZE = 16 + 16 + 288 + (1 << ROOT_BITS);

    static final int[] FIXED_LITERAL_LENGTH = new int[TABLE_SIZE];
    static final int[] FIXED_DISTANCE = new int[TABLE_SIZE];

    static {
        for (int s = 0; s < 256; s++) {
            LITERAL_LENGTH_SYMBOLS[s] = KIND_VALUE | s << 16;
        }
        LITERAL_LENGTH_SYMBOLS[256] = KIND_END;
        for (int s = 257; s < 286; s++) {
            LITERAL_LENGTH_SYMBOLS[s] = KIND_LENGTH | LENGTH_EXTRA[s - 257] << 4 | LENGTH_BASE[s - 257] << 16;
        }
        LITERAL_LENGTH_SYMBOLS[286] = KIND_INVALID;
        LITERAL_LENGTH_SYMBOLS[287] = KIND_INVALID;
        for (int s = 0; s < 30; s++) {
            DISTANCE_SYMBOLS[s] = KIND_VALUE | DISTANCE_EXTRA[s] << 4 | DISTANCE_BASE[s] << 16;
        }
        DISTANCE_SYMBOLS[30] = KIND_INVALID;
        DISTANCE_SYMBOLS[31] = KIND_INVALID;
        for (int s = 0; s < 19; s++) {
            CODE_LENGTH_SYMBOLS[s] = KIND_VALUE | s << 16;
        }
        int[] lengths = new int[288];
        Arrays.fill(lengths, 0, 144, 8);
        Arrays.fill(lengths, 144, 256, 9);
        Arrays.fill(lengths, 256, 280, 7);
        Arrays.fill(lengths, 280, 288, 8);
        int[] scratch = new int[SCRATCH_SIZE];
        build(lengths, 0, 288, LITERAL_LENGTH_SYMBOLS, FIXED_LITERAL_LENGTH, ROOT_BITS, false, false, scratch);
        Arrays.fill(lengths, 0, 32, 5);
        build(lengths, 0, 32, DISTANCE_SYMBOLS, FIXED_DISTANCE, ROOT_BITS, false, false, scratch);
    }

    private HuffmanTables() {
    }

    /**
     * Fills {@code table} with the code whose lengths are {@code lengths[off, off + n)}.
     *
     * @param allowSingle whether an incomplete code of a single one-bit code is accepted (deflate
     *     allows it, for a block with one distance)
     * @param allowEmpty whether a code with no symbols is accepted (a block with no distances)
     * @return null, or what is wrong with the code
     */
    static String build(int[] lengths, int off, int n, int[] symbols, int[] table, int rootBits,
            boolean allowSingle, boolean allowEmpty, int[] scratch) {
        final int counts = 0;
        final int nextCodes = 16;
        final int reversed = 32;
        final int subBits = 32 + 288;
        Arrays.fill(scratch, counts, counts + 16, 0);
        for (int i = 0; i < n; i++) {
            scratch[counts + lengths[off + i]]++;
        }
        scratch[counts] = 0;
        int left = 1;
        int longest = 0;
        for (int len = 1; len < 16; len++) {
            left = (left << 1) - scratch[counts + len];
            if (left < 0) {
                return "over-subscribed Huffman code";
            }
            if (scratch[counts + len] != 0) {
                longest = len;
            }
        }
        if (left > 0) {
            boolean accepted = longest == 0 ? allowEmpty : allowSingle && longest == 1;
            if (!accepted) {
                return "incomplete Huffman code";
            }
        }
        int rootSize = 1 << rootBits;
        Arrays.fill(table, 0, rootSize, KIND_INVALID);
        int code = 0;
        for (int len = 1; len < 16; len++) {
            code = (code + scratch[counts + len - 1]) << 1;
            scratch[nextCodes + len] = code;
        }
        boolean anyLong = false;
        for (int s = 0; s < n; s++) {
            int len = lengths[off + s];
            if (len == 0) {
                continue;
            }
            int rev = Integer.reverse(scratch[nextCodes + len]++) >>> (32 - len);
            scratch[reversed + s] = rev;
            if (len <= rootBits) {
                int entry = symbols[s] | len;
                for (int i = rev; i < rootSize; i += 1 << len) {
                    table[i] = entry;
                }
            } else {
                if (!anyLong) {
                    Arrays.fill(scratch, subBits, subBits + rootSize, 0);
                    anyLong = true;
                }
                int prefix = rev & (rootSize - 1);
                scratch[subBits + prefix] = Math.max(scratch[subBits + prefix], len - rootBits);
            }
        }
        if (!anyLong) {
            return null;
        }
        int next = rootSize;
        for (int s = 0; s < n; s++) {
            int len = lengths[off + s];
            if (len <= rootBits) {
                continue;
            }
            int rev = scratch[reversed + s];
            int prefix = rev & (rootSize - 1);
            int pointer = table[prefix];
            if ((pointer & KIND_MASK) != KIND_SUB) {
                int width = scratch[subBits + prefix];
                pointer = KIND_SUB | width << 4 | next << 16;
                table[prefix] = pointer;
                Arrays.fill(table, next, next + (1 << width), KIND_INVALID);
                next += 1 << width;
            }
            int width = (pointer >>> 4) & 15;
            int start = pointer >>> 16;
            int entry = symbols[s] | len;
            int step = 1 << (len - rootBits);
            for (int i = rev >>> rootBits; i < 1 << width; i += step) {
                table[start + i] = entry;
            }
        }
        return null;
    }
}
