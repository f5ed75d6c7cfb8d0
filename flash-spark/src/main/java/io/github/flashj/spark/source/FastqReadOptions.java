package io.github.flashj.spark.source;

import io.github.flashj.InvalidParameterException;
import io.github.flashj.MergeParameters;
import io.github.flashj.io.input.InputFormat;
import io.github.flashj.spark.FlashSpark;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The {@code flashj-fastq} table's read options, parsed once, on the driver. An option a query does
 * not give takes the session's FlashJ setting of the same meaning, as {@code bin/flashj-spark}
 * does ({@value FlashSpark#PAIRS_PER_CHUNK_SETTING}, {@value FlashSpark#RANGE_BYTES_SETTING},
 * {@value FlashSpark#GZIP_INDEX_SETTING}).
 *
 * @param format how the inputs hold pairs
 * @param inputs the input paths, in the format's order
 * @param phredOffset the quality encoding's offset ({@code phredOffset}, 33)
 * @param pairsPerChunk pairs per partition ({@code pairsPerChunk}); 0 for about four partitions per core
 * @param rangeBytes bytes per planning task, and per compressed range of a plain gzip input being
 *     indexed ({@code rangeBytes}); 0 to choose by input size
 * @param gzipIndex where indexes of plain gzip inputs are reused and kept ({@code gzipIndex}, a
 *     Hadoop directory every executor reads); null to ship each index from the driver, as an empty
 *     option asks where the session's setting names a directory
 */
record FastqReadOptions(InputFormat format, List<String> inputs, int phredOffset, long pairsPerChunk,
        long rangeBytes, String gzipIndex) {
    static final String MATE1 = "mate1";
    static final String MATE2 = "mate2";
    static final String INTERLEAVED = "interleaved";
    static final String TAB_DELIMITED = "tabDelimited";
    static final String PHRED_OFFSET = "phredOffset";
    static final String PAIRS_PER_CHUNK = "pairsPerChunk";
    static final String RANGE_BYTES = "rangeBytes";
    static final String GZIP_INDEX = "gzipIndex";

    /**
     * The options of a query, with {@code setting} giving the session's value of a Spark setting
     * (null when it is not set).
     *
     * @throws IllegalArgumentException when the inputs are not named as one format asks
     * @throws InvalidParameterException when an option's value is not one it takes, naming the option
     */
    static FastqReadOptions parse(CaseInsensitiveStringMap options, Function<String, String> setting) {
        String phred = options.get(PHRED_OFFSET);
        int phredOffset = phred == null ? MergeParameters.DEFAULTS.phredOffset()
                : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number(PHRED_OFFSET, phred)));
        parameters(phredOffset); // an offset FLASH does not take fails here, as the query is planned
        String gzipIndex = options.containsKey(GZIP_INDEX) ? options.get(GZIP_INDEX)
                : setting.apply(FlashSpark.GZIP_INDEX_SETTING);
        return new FastqReadOptions(format(options), inputs(options), phredOffset,
                count(options, setting, PAIRS_PER_CHUNK, FlashSpark.PAIRS_PER_CHUNK_SETTING),
                count(options, setting, RANGE_BYTES, FlashSpark.RANGE_BYTES_SETTING),
                gzipIndex == null || gzipIndex.isBlank() ? null : gzipIndex);
    }

    /** The merge parameters the reads are parsed with. */
    MergeParameters parameters() {
        return parameters(phredOffset);
    }

    /** @throws InvalidParameterException when {@code phredOffset} is not one FLASH takes */
    private static MergeParameters parameters(int phredOffset) {
        return MergeParameters.builder().phredOffset(phredOffset).build();
    }

    /** The input format the options name. */
    static InputFormat format(CaseInsensitiveStringMap options) {
        boolean mates = options.containsKey(MATE1) || options.containsKey(MATE2);
        boolean interleaved = options.containsKey(INTERLEAVED);
        boolean tab = options.containsKey(TAB_DELIMITED);
        int given = (mates ? 1 : 0) + (interleaved ? 1 : 0) + (tab ? 1 : 0);
        if (given != 1 || mates && !(options.containsKey(MATE1) && options.containsKey(MATE2))) {
            throw new IllegalArgumentException(FlashFastqSource.SHORT_NAME + " reads either '" + MATE1 + "' and '"
                    + MATE2 + "', or '" + INTERLEAVED + "', or '" + TAB_DELIMITED + "' (a path each)");
        }
        return mates ? InputFormat.PAIRED_FASTQ : interleaved ? InputFormat.INTERLEAVED_FASTQ
                : InputFormat.TAB_DELIMITED;
    }

    /** The input paths the options name, in format order; none when they name none. */
    static List<String> inputs(CaseInsensitiveStringMap options) {
        if (options.containsKey(MATE1) && options.containsKey(MATE2)) {
            return List.of(options.get(MATE1), options.get(MATE2));
        }
        if (options.containsKey(INTERLEAVED)) {
            return List.of(options.get(INTERLEAVED));
        }
        if (options.containsKey(TAB_DELIMITED)) {
            return List.of(options.get(TAB_DELIMITED));
        }
        return List.of();
    }

    /** Option {@code name}, else Spark setting {@code key}, as a count from 0; 0 when neither is given. */
    private static long count(CaseInsensitiveStringMap options, Function<String, String> setting, String name,
            String key) {
        String given = options.get(name);
        String from = given != null ? name : key;
        String value = given != null ? given : setting.apply(key);
        if (value == null) {
            return 0;
        }
        long n = number(from, value);
        if (n < 0) {
            throw new InvalidParameterException(from, from + " must be 0 (automatic) or more, got " + n);
        }
        return n;
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, FlashFastqSource.SHORT_NAME + " option " + name
                    + " must be a whole number, got '" + value + "'");
        }
    }
}
