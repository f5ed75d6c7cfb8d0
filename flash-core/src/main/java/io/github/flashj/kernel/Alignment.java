package io.github.flashj.kernel;

/**
 * The best overlap found so far for one pair: a mutable, reused holder that the searches of both
 * orientations update in turn.
 */
public final class Alignment {
    float density;
    float qualityScore;
    int start;
    byte orientation;
    /** The mismatches of the best start (in its overlap, positions with an N left out). */
    int mismatches;
    /**
     * The density above which a start cannot change the outcome: above the best so far it cannot
     * win, and above the max mismatch density it could only win for a pair that is then not
     * combined anyway. Kernels stop scoring a start as soon as it must end above this.
     */
    float cutoff;
    /**
     * Whether a start of this pair passed the mismatch test but was not offered, having fewer
     * than the min overlap positions free of N: set off the hot path, where such a start is dropped.
     */
    boolean shortOfPositionsWithoutN;
    /**
     * The midpoint between {@link #cutoff} and the next float up, exact in double: a quotient
     * {@code (float) mm / len} exceeds the cutoff exactly when {@code mm / len} exceeds this
     * midpoint (see {@link #mismatchLimit}).
     */
    private double cutoffMidpoint;
    private float maxMismatchDensity;

    /** Starts a new pair: nothing found, the bar at {@code maxMismatchDensity + 1}. */
    public void reset(float maxMismatchDensity) {
        this.maxMismatchDensity = maxMismatchDensity;
        density = maxMismatchDensity + 1.0f;
        setCutoff(maxMismatchDensity);
        qualityScore = 0f;
        start = -1;
        orientation = 0;
        mismatches = 0;
        shortOfPositionsWithoutN = false;
    }

    /**
     * Takes this start if it scores better than the best so far: a lower density, then a lower
     * quality score, then (within one orientation) an earlier start. Starts of the second
     * orientation searched must be strictly better, so a full tie keeps the innie.
     */
    void offer(int candidateStart, byte candidateOrientation, int mismatches, int qualitySum, int effectiveLength,
            int maxOverlap) {
        float length = Math.min(effectiveLength, maxOverlap);
        float d = mismatches / length;
        float q = qualitySum / length;
        if (d < density || (d == density && (q < qualityScore
                || (q == qualityScore && candidateOrientation == orientation && candidateStart < start)))) {
            density = d;
            qualityScore = q;
            start = candidateStart;
            orientation = candidateOrientation;
            this.mismatches = mismatches;
            setCutoff(Math.min(d, maxMismatchDensity));
        }
    }

    private void setCutoff(float value) {
        cutoff = value;
        cutoffMidpoint = ((double) value + Math.nextUp(value)) / 2;
        java.util.Arrays.fill(shortestLength, -1);
    }

    /** Per mismatch count 1 to 8, the shortest scored length that allows it; -1 until needed. */
    private final int[] shortestLength = new int[Long.BYTES + 1];
    private byte[] prefixMismatches = new byte[512];

    /** A reused array of at least {@code n} bytes for a kernel's per-start counts. */
    byte[] prefixScratch(int n) {
        if (prefixMismatches.length < n) {
            prefixMismatches = new byte[Math.max(n, prefixMismatches.length * 2)];
        }
        return prefixMismatches;
    }

    /**
     * The shortest scored length over which {@code mismatches} (1 to 8) do not exceed the
     * cutoff, so that a start with at least that many mismatches and a shorter scored length can
     * be cut: the same test as {@link #mismatchLimit}, tabled once per cutoff for a kernel's check
     * of the first bases.
     */
    int shortestLengthAllowing(int mismatches) {
        int known = shortestLength[mismatches];
        if (known >= 0) {
            return known;
        }
        int length;
        if (!(cutoffMidpoint > 0)) {
            // A zero cutoff allows no mismatch at any length; NaN never cuts (as mismatchLimit).
            length = cutoffMidpoint == 0 || cutoffMidpoint < 0 ? Integer.MAX_VALUE : 0;
        } else {
            double estimate = Math.ceil(mismatches / cutoffMidpoint);
            length = estimate >= Integer.MAX_VALUE ? Integer.MAX_VALUE : Math.max(1, (int) estimate);
            while (length < Integer.MAX_VALUE && mismatchLimit(length) < mismatches) {
                length++;
            }
            while (length > 1 && mismatchLimit(length - 1) >= mismatches) {
                length--;
            }
        }
        shortestLength[mismatches] = length;
        return length;
    }

    /**
     * The most mismatches a start scored over {@code scoredLength} positions can have without its
     * density, {@code (float) mismatches / scoredLength}, exceeding the cutoff: a kernel cuts the
     * start as soon as it counts more. This replaces a float division on every mismatch with an
     * integer comparison, exactly: float division rounds correctly, so the quotient exceeds the
     * cutoff exactly when the real quotient exceeds the midpoint between the cutoff and the next
     * float, and that midpoint times the length is exact in double. Only an exact tie with the
     * midpoint needs the float quotient itself, which rounds it either way. A NaN cutoff never
     * cuts.
     */
    int mismatchLimit(int scoredLength) {
        double t = cutoffMidpoint * scoredLength;
        if (!(t < Integer.MAX_VALUE)) {
            return Integer.MAX_VALUE;
        }
        int limit = (int) t;
        if (limit == t && (float) limit / scoredLength > cutoff) {
            limit--;
        }
        return limit;
    }

    /** The mismatch density of the best overlap (float, as FLASH computes it). */
    public float density() {
        return density;
    }

    /** Sum of the lower qualities at mismatches over the scored length, of the best overlap. */
    public float qualityScore() {
        return qualityScore;
    }

    /** Start of the best overlap in the first read of its orientation, or -1 when none was found. */
    public int start() {
        return start;
    }

    /** {@link io.github.flashj.batch.MergeOutcome#INNIE}, {@link io.github.flashj.batch.MergeOutcome#OUTIE}, or 0 when none was found. */
    public byte orientation() {
        return orientation;
    }

    /** The mismatches in the overlap of the best start: differing bases, positions with an N left out. */
    public int mismatches() {
        return mismatches;
    }
}
