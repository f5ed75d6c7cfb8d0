package io.github.flashj.io.output;

/**
 * Each file of FLASH's output layout, by what it holds; {@link OutputLayout#path} gives its name.
 * A layout writes some of them ({@link OutputLayout#readFiles()},
 * {@link OutputLayout#histogramFiles()}).
 */
public enum OutputFile {
    /** {@code PREFIX.extendedFrags.fastq}: the merged reads (standard output with {@code -c}). */
    EXTENDED_FRAGMENTS(".extendedFrags.fastq"),
    /** {@code PREFIX.notCombined_1.fastq}: the first mates of pairs not merged. */
    NOT_COMBINED_1(".notCombined_1.fastq"),
    /** {@code PREFIX.notCombined_2.fastq}: the second mates of pairs not merged. */
    NOT_COMBINED_2(".notCombined_2.fastq"),
    /** {@code PREFIX.notCombined.fastq}: both mates of pairs not merged, interleaved. */
    NOT_COMBINED(".notCombined.fastq"),
    /** {@code PREFIX.readsAndPairs.tab}: merged reads and pairs, tab-delimited (standard output with {@code -c}). */
    READS_AND_PAIRS(".readsAndPairs.tab"),
    /** {@code PREFIX.hist}: a {@code length TAB count} line for each merged length that occurs. */
    HIST(".hist"),
    /** {@code PREFIX.histogram}: a bar of {@code *} for each merged length. */
    HISTOGRAM(".histogram"),
    /** {@code PREFIX.hist.innie}: {@link #HIST} of the reads merged as innies. */
    HIST_INNIE(".hist.innie"),
    /** {@code PREFIX.hist.outie}: {@link #HIST} of the reads merged as outies. */
    HIST_OUTIE(".hist.outie"),
    /** {@code PREFIX.histogram.innie}: {@link #HISTOGRAM} of the reads merged as innies. */
    HISTOGRAM_INNIE(".histogram.innie"),
    /** {@code PREFIX.histogram.outie}: {@link #HISTOGRAM} of the reads merged as outies. */
    HISTOGRAM_OUTIE(".histogram.outie");

    private final String ending;

    OutputFile(String ending) {
        this.ending = ending;
    }

    /** What follows the prefix in the file's name, before any compression suffix. */
    String ending() {
        return ending;
    }

    /** Whether this is a histogram file (never compressed, never standard output). */
    public boolean isHistogram() {
        return ordinal() >= HIST.ordinal();
    }
}
