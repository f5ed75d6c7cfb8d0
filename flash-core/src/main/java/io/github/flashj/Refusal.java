package io.github.flashj;

/**
 * Why the merge left a pair not combined, in the cases its search tells apart. Counted per run
 * ({@link JobStatistics#refusals(Refusal)}); the order of the constants is the order of the tests:
 * a pair counts under the first that applies.
 */
public enum Refusal {
    /** A read is shorter than the min overlap ({@code -m}): no overlap that long is possible. */
    READ_SHORTER_THAN_MIN_OVERLAP("a read shorter than the min overlap (-m)"),
    /**
     * Every overlap whose mismatch density was within the max ({@code -x}) had fewer than
     * {@code -m} positions without an N; FLASH counts neither N positions nor such overlaps.
     */
    TOO_MANY_N("within -x only where fewer than -m positions are free of N"),
    /** Every overlap of at least {@code -m} positions had a mismatch density above the max ({@code -x}). */
    MISMATCH_DENSITY_ABOVE_MAX("mismatch density above -x at every overlap of at least -m");

    private final String description;

    Refusal(String description) {
        this.description = description;
    }

    /** A short description for reports. */
    public String description() {
        return description;
    }
}
