package io.github.flashj.spark.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.InvalidParameterException;
import io.github.flashj.MergeParameters;
import io.github.flashj.io.input.InputFormat;
import io.github.flashj.spark.FlashSpark;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.junit.jupiter.api.Test;

/** The table's read options: parsed once, the session's FlashJ settings where a query gives none, clear errors. */
class FastqReadOptionsTest {
    private static final Function<String, String> NO_SETTINGS = key -> null;

    private static FastqReadOptions parse(Map<String, String> options, Function<String, String> settings) {
        return FastqReadOptions.parse(new CaseInsensitiveStringMap(options), settings);
    }

    @Test
    void defaults() {
        FastqReadOptions o = parse(Map.of("mate1", "a.fq", "mate2", "b.fq"), NO_SETTINGS);
        assertEquals(InputFormat.PAIRED_FASTQ, o.format());
        assertEquals(List.of("a.fq", "b.fq"), o.inputs());
        assertEquals(MergeParameters.DEFAULTS.phredOffset(), o.phredOffset());
        assertEquals(0, o.pairsPerChunk());
        assertEquals(0, o.rangeBytes());
        assertNull(o.gzipIndex());
    }

    @Test
    void optionsAreReadWhateverTheirCase() {
        FastqReadOptions o = parse(Map.of("INTERLEAVED", "i.fq", "phredoffset", "64", "PairsPerChunk", "500",
                "rangebytes", "1048576", "GZIPINDEX", "hdfs:///indexes"), NO_SETTINGS);
        assertEquals(InputFormat.INTERLEAVED_FASTQ, o.format());
        assertEquals(List.of("i.fq"), o.inputs());
        assertEquals(64, o.parameters().phredOffset());
        assertEquals(64, o.phredOffset());
        assertEquals(500, o.pairsPerChunk());
        assertEquals(1 << 20, o.rangeBytes());
        assertEquals("hdfs:///indexes", o.gzipIndex());
    }

    @Test
    void theSessionsSettingsApplyWhereAQueryGivesNoOption() {
        Map<String, String> settings = Map.of(FlashSpark.GZIP_INDEX_SETTING, "hdfs:///shared/indexes",
                FlashSpark.PAIRS_PER_CHUNK_SETTING, "2000", FlashSpark.RANGE_BYTES_SETTING, "4096");
        FastqReadOptions fromSettings = parse(Map.of("tabDelimited", "t.tsv"), settings::get);
        assertEquals(InputFormat.TAB_DELIMITED, fromSettings.format());
        assertEquals("hdfs:///shared/indexes", fromSettings.gzipIndex());
        assertEquals(2000, fromSettings.pairsPerChunk());
        assertEquals(4096, fromSettings.rangeBytes());

        FastqReadOptions given = parse(Map.of("tabDelimited", "t.tsv", "gzipIndex", "mine", "pairsPerChunk", "7",
                "rangeBytes", "0"), settings::get);
        assertEquals("mine", given.gzipIndex());
        assertEquals(7, given.pairsPerChunk());
        assertEquals(0, given.rangeBytes(), "0, automatic, given in the query wins over the setting");

        assertNull(parse(Map.of("tabDelimited", "t.tsv", "gzipIndex", ""), settings::get).gzipIndex(),
                "an empty option keeps the indexes in no directory, whatever the setting");
        assertNull(parse(Map.of("tabDelimited", "t.tsv"), Map.of(FlashSpark.GZIP_INDEX_SETTING, " ")::get).gzipIndex());
    }

    @Test
    void badValuesNameTheOptionOrSetting() {
        InvalidParameterException notANumber = assertThrows(InvalidParameterException.class,
                () -> parse(Map.of("interleaved", "i.fq", "pairsPerChunk", "lots"), NO_SETTINGS));
        assertEquals("pairsPerChunk", notANumber.parameter());
        assertTrue(notANumber.getMessage().contains("'lots'"), notANumber.getMessage());

        InvalidParameterException negative = assertThrows(InvalidParameterException.class,
                () -> parse(Map.of("interleaved", "i.fq", "rangeBytes", "-1"), NO_SETTINGS));
        assertEquals("rangeBytes", negative.parameter());

        InvalidParameterException badSetting = assertThrows(InvalidParameterException.class,
                () -> parse(Map.of("interleaved", "i.fq"), Map.of(FlashSpark.PAIRS_PER_CHUNK_SETTING, "-5")::get));
        assertEquals(FlashSpark.PAIRS_PER_CHUNK_SETTING, badSetting.parameter());
        assertTrue(badSetting.getMessage().contains("-5"), badSetting.getMessage());

        InvalidParameterException phred = assertThrows(InvalidParameterException.class,
                () -> parse(Map.of("interleaved", "i.fq", "phredOffset", "200"), NO_SETTINGS));
        assertEquals("phredOffset", phred.parameter());
        assertTrue(phred.getMessage().contains("200"), phred.getMessage());
        assertEquals("phredOffset", assertThrows(InvalidParameterException.class,
                () -> parse(Map.of("interleaved", "i.fq", "phredOffset", "99999999999"), NO_SETTINGS)).parameter());
    }

    @Test
    void theInputsMustNameOneFormat() {
        for (Map<String, String> wrong : List.of(Map.<String, String>of(), Map.of("mate1", "a.fq"),
                Map.of("mate1", "a.fq", "mate2", "b.fq", "interleaved", "i.fq"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(wrong, NO_SETTINGS));
            assertTrue(e.getMessage().contains("'mate1' and 'mate2', or 'interleaved', or 'tabDelimited'"),
                    e.getMessage());
        }
    }

    @Test
    void aLargeShippedIndexIsWarnedOfWithTheFix() {
        assertNull(FastqScan.shippedIndexWarning("r1.fq.gz", 0));
        assertNull(FastqScan.shippedIndexWarning("r1.fq.gz", FastqScan.SHIPPED_INDEX_WARNING));
        String warning = FastqScan.shippedIndexWarning("r1.fq.gz", 1536L << 20);
        assertTrue(warning.startsWith("r1.fq.gz: its gzip index (1536 MiB) is shipped from the driver"), warning);
        assertTrue(warning.contains("gzipIndex option or the " + FlashSpark.GZIP_INDEX_SETTING + " setting"),
                warning);
    }
}
