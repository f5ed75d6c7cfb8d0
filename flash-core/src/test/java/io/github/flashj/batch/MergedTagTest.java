package io.github.flashj.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link MergedTag} on tags as a batch stores them: without the leading {@code @}. */
class MergedTagTest {
    /** The merged tag of {@code tag}, placed at an offset inside a larger array. */
    static String merged(String tag) {
        byte[] t = ("xx/#" + tag + "/#yy").getBytes(StandardCharsets.ISO_8859_1);
        int off = 4;
        int len = tag.length();
        int prefixEnd = MergedTag.prefixEnd(t, off, len);
        int suffixStart = MergedTag.suffixStart(t, off, len);
        return new String(t, off, prefixEnd - off, StandardCharsets.ISO_8859_1)
                + new String(t, suffixStart, off + len - suffixStart, StandardCharsets.ISO_8859_1);
    }

    @Test
    void mateSuffix_isRemoved() {
        assertEquals("r7", merged("r7/1"));
    }

    @Test
    void barcodeAfterMateSuffix_isKept() {
        assertEquals("r7#ACGT", merged("r7/1#ACGT"));
    }

    @Test
    void onlyTheLastSlash_counts() {
        assertEquals("r7/1#ACGT", merged("r7/1#ACGT/x"));
    }

    @Test
    void noSlash_isUnchanged() {
        assertEquals("r7", merged("r7"));
        assertEquals("r7 1:N:0:ACGT", merged("r7 1:N:0:ACGT"));
    }

    @Test
    void slashesInsideTheName_areKept() {
        assertEquals("a/b", merged("a/b/1"));
    }

    @Test
    void slashInTheComment_isTheLastSlash() {
        assertEquals("r7/1 ex", merged("r7/1 ex/tra"));
    }

    @Test
    void hashNotRightAfterMateNumber_isDropped() {
        assertEquals("r7", merged("r7/12#ACGT"));
    }

    @Test
    void trailingSlash_isRemoved() {
        assertEquals("r7", merged("r7/"));
        assertEquals("r7", merged("r7/1"));
    }

    @Test
    void slashThenHashAtTheEnd_isRemoved() {
        // "/#" : the character after the slash is '#', but the barcode rule looks at slash + 2.
        assertEquals("r7", merged("r7/#"));
    }

    @Test
    void emptyBarcode_isKept() {
        assertEquals("r7#", merged("r7/1#"));
    }

    @Test
    void emptyTag_staysEmpty() {
        assertEquals("", merged(""));
        assertEquals("", merged("/1"));
    }

    @Test
    void prefixEnd_withNoSlash_isTheEndOfTheTag() {
        byte[] t = "abc/def".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(3, MergedTag.prefixEnd(t, 0, 3));
        assertEquals(3, MergedTag.suffixStart(t, 0, 3));
        assertEquals(3, MergedTag.prefixEnd(t, 0, 7));
        assertEquals(7, MergedTag.suffixStart(t, 0, 7));
    }
}
