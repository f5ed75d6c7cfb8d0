package io.github.flashj;

/**
 * The parameters that decide how pairs are merged, with FLASH 1.2.11's defaults.
 *
 * <p>Immutable and serializable (a Spark job ships it to its executors); made by {@link #builder()},
 * which checks every value at {@link Builder#build()}.
 *
 * <pre>{@code
 * MergeParameters p = MergeParameters.builder().minOverlap(20).maxOverlap(150).allowOuties(true).build();
 * }</pre>
 */
public final class MergeParameters implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** FLASH's defaults: {@code -m 10 -M 65 -x 0.25 -p 33}, innies only. */
    public static final MergeParameters DEFAULTS = builder().build();

    /** How a base is chosen where the two reads disagree and their qualities count as equal. */
    public enum TieBreak {
        /** FLASH 1.2.11: the base of the second read of the overlap unless it is N. */
        FLASH_1_2_11,
        /** The fork's default: the base of read 1 unless it is N. */
        READ1,
        /** The fork's {@code --earliest}: the base that came earliest in its own read unless it is N. */
        EARLIEST,
        /** The fork's {@code --ambiguous}: the IUPAC code of the two bases. */
        AMBIGUOUS
    }

    private final int minOverlap;
    private final int maxOverlap;
    private final float maxMismatchDensity;
    private final boolean allowOuties;
    private final int phredOffset;
    private final boolean capMismatchQuals;
    private final boolean lowercaseOverhang;
    private final TieBreak tieBreak;
    private final int qualityTieThreshold;

    private MergeParameters(Builder b, int maxOverlap) {
        this.minOverlap = b.minOverlap;
        this.maxOverlap = maxOverlap;
        this.maxMismatchDensity = b.maxMismatchDensity;
        this.allowOuties = b.allowOuties;
        this.phredOffset = b.phredOffset;
        this.capMismatchQuals = b.capMismatchQuals;
        this.lowercaseOverhang = b.lowercaseOverhang;
        this.tieBreak = b.tieBreak;
        this.qualityTieThreshold = b.qualityTieThreshold;
    }

    /** FLASH's read length ({@code -r}) when none is given. */
    public static final int DEFAULT_READ_LENGTH = 100;
    /** FLASH's fragment length ({@code -f}) when none is given. */
    public static final int DEFAULT_FRAGMENT_LENGTH = 180;
    /** FLASH's fragment length standard deviation ({@code -s}) when none is given. */
    public static final int DEFAULT_FRAGMENT_STDDEV = 18;

    /**
     * FLASH's {@code -M} when it is not given: {@code 2 × readLength − fragmentLength + 2.5 ×
     * fragmentStddev}, the first two in int arithmetic, the sum cut to an int toward zero, and a sum
     * beyond the int range (or NaN) gives {@link Integer#MIN_VALUE}, as FLASH's conversion does on
     * x86-64. Not checked: may be below 1.
     */
    public static int computedMaxOverlap(int readLength, int fragmentLength, double fragmentStddev) {
        double maxOverlap = 2 * readLength - fragmentLength + 2.5 * fragmentStddev;
        // Java's cast would clamp to the nearest int; x86's truncation gives INT_MIN, which FLASH
        // then refuses, so an absurd -s is refused here too.
        return maxOverlap >= Integer.MIN_VALUE && maxOverlap < 2147483648.0 ? (int) maxOverlap : Integer.MIN_VALUE;
    }

    /** A builder with FLASH's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these parameters. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.minOverlap = minOverlap;
        b.maxOverlap = maxOverlap;
        b.maxOverlapSet = true;
        b.maxMismatchDensity = maxMismatchDensity;
        b.nanDensityWanted = Float.isNaN(maxMismatchDensity);
        b.allowOuties = allowOuties;
        b.phredOffset = phredOffset;
        b.capMismatchQuals = capMismatchQuals;
        b.lowercaseOverhang = lowercaseOverhang;
        b.tieBreak = tieBreak;
        b.qualityTieThreshold = qualityTieThreshold;
        return b;
    }

    /** {@code -m}: the shortest overlap (not counting N positions) that can merge a pair. */
    public int minOverlap() {
        return minOverlap;
    }

    /** {@code -M}: the overlap length over which the mismatch density is at most computed. */
    public int maxOverlap() {
        return maxOverlap;
    }

    /** {@code -x}: the highest mismatch density a merge may have. */
    public float maxMismatchDensity() {
        return maxMismatchDensity;
    }

    /** {@code -O}: whether outie overlaps are tried too. */
    public boolean allowOuties() {
        return allowOuties;
    }

    /** {@code -p}: the ASCII value of quality 0. */
    public int phredOffset() {
        return phredOffset;
    }

    /** {@code --cap-mismatch-quals}: mismatch qualities capped at 2. */
    public boolean capMismatchQuals() {
        return capMismatchQuals;
    }

    /** {@code -l}: bases outside the overlap written in lower case. */
    public boolean lowercaseOverhang() {
        return lowercaseOverhang;
    }

    /** The rule that picks the base where qualities tie. */
    public TieBreak tieBreak() {
        return tieBreak;
    }

    /** {@code -E}: qualities that differ by at most this much count as equal (fork rules only). */
    public int qualityTieThreshold() {
        return qualityTieThreshold;
    }

    @Override
    public String toString() {
        return "MergeParameters[minOverlap=" + minOverlap + ", maxOverlap=" + maxOverlap
                + ", maxMismatchDensity=" + maxMismatchDensity + ", allowOuties=" + allowOuties
                + ", phredOffset=" + phredOffset + ", capMismatchQuals=" + capMismatchQuals
                + ", lowercaseOverhang=" + lowercaseOverhang + ", tieBreak=" + tieBreak
                + ", qualityTieThreshold=" + qualityTieThreshold + "]";
    }

    /** Collects parameters; {@link #build()} checks them. */
    public static final class Builder {
        private int minOverlap = 10;
        private int maxOverlap;
        /** Whether {@link #maxOverlap(int)} was called: else it is computed from -r, -f and -s. */
        private boolean maxOverlapSet;
        private int readLength = DEFAULT_READ_LENGTH;
        private int fragmentLength = DEFAULT_FRAGMENT_LENGTH;
        private double fragmentStddev = DEFAULT_FRAGMENT_STDDEV;
        private float maxMismatchDensity = 0.25f;
        /** Whether a NaN density was asked for by {@link #maxMismatchDensityNaN()}, not computed by mistake. */
        private boolean nanDensityWanted;
        private boolean allowOuties;
        private int phredOffset = 33;
        private boolean capMismatchQuals;
        private boolean lowercaseOverhang;
        private TieBreak tieBreak = TieBreak.FLASH_1_2_11;
        private int qualityTieThreshold;

        private Builder() {
        }

        /** {@code -m}, default 10; at least 1. */
        public Builder minOverlap(int v) {
            minOverlap = v;
            return this;
        }

        /** {@code -M}; default 65, or computed from read and fragment lengths when those are set. */
        public Builder maxOverlap(int v) {
            maxOverlap = v;
            maxOverlapSet = true;
            return this;
        }

        /** {@code -r}, default 100: only used to compute the max overlap when it is not set. */
        public Builder readLength(int v) {
            readLength = v;
            return this;
        }

        /** {@code -f}, default 180: only used to compute the max overlap when it is not set. */
        public Builder fragmentLength(int v) {
            fragmentLength = v;
            return this;
        }

        /** {@code -s}, default 18: only used to compute the max overlap when it is not set. */
        public Builder fragmentStddev(double v) {
            fragmentStddev = v;
            return this;
        }

        /** {@code -x}, default 0.25; from 0 to 1 (NaN is refused: see {@link #maxMismatchDensityNaN()}). */
        public Builder maxMismatchDensity(float v) {
            maxMismatchDensity = v;
            nanDensityWanted = false;
            return this;
        }

        /**
         * FLASH's {@code -x nan}: a max mismatch density of NaN, at or below which no density is, so
         * that no pair merges (every pair is still read, checked, counted and written as not
         * combined). {@link #maxMismatchDensity(float)} refuses NaN, which there is more likely a
         * value computed by mistake.
         */
        public Builder maxMismatchDensityNaN() {
            maxMismatchDensity = Float.NaN;
            nanDensityWanted = true;
            return this;
        }

        /** {@code -O}, default false. */
        public Builder allowOuties(boolean v) {
            allowOuties = v;
            return this;
        }

        /** {@code -p}, default 33. */
        public Builder phredOffset(int v) {
            phredOffset = v;
            return this;
        }

        /** {@code --cap-mismatch-quals}, default false. */
        public Builder capMismatchQuals(boolean v) {
            capMismatchQuals = v;
            return this;
        }

        /** The fork's {@code -l}, default false. */
        public Builder lowercaseOverhang(boolean v) {
            lowercaseOverhang = v;
            return this;
        }

        /** The tie rule; default {@link TieBreak#FLASH_1_2_11}. */
        public Builder tieBreak(TieBreak v) {
            tieBreak = v;
            return this;
        }

        /** The fork's {@code -E}, default 0; needs a fork tie rule (anything but FLASH_1_2_11). */
        public Builder qualityTieThreshold(int v) {
            qualityTieThreshold = v;
            return this;
        }

        /**
         * Checks the values and makes the parameters.
         *
         * @throws InvalidParameterException naming the first parameter that is out of range
         */
        public MergeParameters build() {
            int maxOv = maxOverlap;
            if (!maxOverlapSet) {
                check(readLength > 0, "readLength", "must be a positive integer, got " + readLength);
                check(fragmentLength > 0, "fragmentLength", "must be a positive integer, got " + fragmentLength);
                check(fragmentStddev > 0, "fragmentStddev", "must be positive, got " + fragmentStddev);
                maxOv = computedMaxOverlap(readLength, fragmentLength, fragmentStddev);
                check(maxOv >= 1, "maxOverlap", "computed from readLength " + readLength + ", fragmentLength "
                        + fragmentLength + " and fragmentStddev " + fragmentStddev + " is " + maxOv
                        + ", which is less than 1");
            }
            check(minOverlap >= 1, "minOverlap", "must be at least 1, got " + minOverlap);
            check(maxOv >= 1, "maxOverlap", "must be at least 1, got " + maxOv);
            check(maxOv >= minOverlap, "maxOverlap", "(" + maxOv + ") must not be less than minOverlap ("
                    + minOverlap + ")");
            check(nanDensityWanted || (maxMismatchDensity >= 0f && maxMismatchDensity <= 1f), "maxMismatchDensity",
                    "must be from 0 to 1, got " + maxMismatchDensity
                            + (Float.isNaN(maxMismatchDensity) ? " (maxMismatchDensityNaN() asks for NaN)" : ""));
            check(phredOffset >= 0 && phredOffset <= 127, "phredOffset", "must be from 0 to 127, got " + phredOffset);
            check(tieBreak != null, "tieBreak", "must not be null");
            check(qualityTieThreshold >= 0, "qualityTieThreshold", "must not be negative, got " + qualityTieThreshold);
            check(qualityTieThreshold == 0 || tieBreak != TieBreak.FLASH_1_2_11, "qualityTieThreshold",
                    "needs a fork tie rule (READ1, EARLIEST or AMBIGUOUS), not FLASH_1_2_11");
            return new MergeParameters(this, maxOv);
        }

        private static void check(boolean ok, String parameter, String problem) {
            if (!ok) {
                throw new InvalidParameterException(parameter, parameter + " " + problem);
            }
        }
    }
}
