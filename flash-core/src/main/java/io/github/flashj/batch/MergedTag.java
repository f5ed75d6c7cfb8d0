package io.github.flashj.batch;

/**
 * The tag of a merged read, made from read 1's tag as FLASH does: everything from the last
 * {@code /} is removed, but a barcode {@code #...} right after {@code /x} is kept, so
 * {@code @r7/1#ACGT} becomes {@code @r7#ACGT}. A tag with no {@code /} is kept whole.
 *
 * <p>The merged tag is two slices of read 1's tag: {@code [off, prefixEnd)} and
 * {@code [suffixStart, off + len)}; writers copy them without building a new array.
 */
public final class MergedTag {
    private MergedTag() {
    }

    /** The end of the first slice: the last {@code /}, or the end of the tag when it has none. */
    public static int prefixEnd(byte[] tag, int off, int len) {
        for (int k = off + len - 1; k >= off; k--) {
            if (tag[k] == '/') {
                return k;
            }
        }
        return off + len;
    }

    /** The start of the second slice: the barcode's {@code #} after {@code /x}, else the end of the tag. */
    public static int suffixStart(byte[] tag, int off, int len) {
        int end = off + len;
        int slash = prefixEnd(tag, off, len);
        if (slash + 2 < end && tag[slash + 2] == '#') {
            return slash + 2;
        }
        return end;
    }
}
