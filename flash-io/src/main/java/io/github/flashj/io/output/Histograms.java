package io.github.flashj.io.output;

/**
 * FLASH's two histogram files of merged read lengths, {@code .hist} and {@code .histogram}: written
 * by {@link FlashOutput}, and available as bytes to runners that write files elsewhere.
 */
public final class Histograms {
    /** The widest bar of the visual histogram. */
    private static final int BAR_WIDTH = 72;

    private Histograms() {
    }

    /**
     * The two files' bytes for {@code counts} (index: merged length): {@code .hist} first (a
     * {@code length TAB count} line for each length that occurs), then {@code .histogram} (a bar of
     * {@code *} for every length from the shortest to the longest, scaled as
     * {@code (int)(count * (72.0 / most))}).
     */
    public static byte[][] contents(long[] counts) {
        ByteBuilder[] files = render(counts);
        return new byte[][] {java.util.Arrays.copyOf(files[0].array(), files[0].length()),
                java.util.Arrays.copyOf(files[1].array(), files[1].length())};
    }

    private static ByteBuilder[] render(long[] counts) {
        ByteBuilder hist = new ByteBuilder(4096);
        ByteBuilder histogram = new ByteBuilder(4096);
        int min = -1;
        int max = -1;
        long most = 0;
        for (int len = 0; len < counts.length; len++) {
            if (counts[len] > 0) {
                if (min < 0) {
                    min = len;
                }
                max = len;
                most = Math.max(most, counts[len]);
            }
        }
        if (min >= 0) {
            for (int len = min; len <= max; len++) {
                long c = counts[len];
                if (c > 0) {
                    hist.appendDecimal(len);
                    hist.append((byte) '\t');
                    hist.appendDecimal(c);
                    hist.append((byte) '\n');
                }
                histogram.appendDecimal(len);
                histogram.append((byte) '\t');
                long stars = (long) (c * ((double) BAR_WIDTH / most));
                for (long k = 0; k < stars; k++) {
                    histogram.append((byte) '*');
                }
                histogram.append((byte) '\n');
            }
        }
        return new ByteBuilder[] {hist, histogram};
    }
}
