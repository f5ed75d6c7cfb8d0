package io.github.flashj.spark.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.flashj.MergeParameters;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** {@code flash_merge}'s refusals name a bad quality byte by its value, as the file readers do. */
class RowMergerTest {
    private static UTF8String s(String text) {
        return UTF8String.fromString(text);
    }

    private static UTF8String bytes(byte... b) {
        return UTF8String.fromBytes(b);
    }

    @Test
    void aQualityByteAbove127_isNamedByItsValue() {
        RowMerger merger = new RowMerger(MergeParameters.builder().build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> merger.merge(
                s("@r/1"), s("ACG"), bytes((byte) 'I', (byte) 0x80, (byte) 'I'), s("@r/2"), s("CGT"), s("III")));
        assertEquals("flash_merge: read @r/1: quality byte 128 (0x80, not ASCII) at position 2 is below the PHRED "
                + "offset 33", e.getMessage());
    }

    @Test
    void aNulQualityByte_isNamedNotPrinted() {
        RowMerger merger = new RowMerger(MergeParameters.builder().build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> merger.merge(
                s("@r/1"), s("ACG"), s("III"), s("@r/2"), s("CGT"), bytes((byte) 'I', (byte) 'I', (byte) 0)));
        assertEquals("flash_merge: read @r/2: quality byte 0 (NUL) at position 3 is below the PHRED offset 33",
                e.getMessage());
    }
}
