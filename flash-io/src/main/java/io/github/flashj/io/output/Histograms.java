package io.github.flashj.io.output;

import io.github.flashj.JobStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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
     * The bytes of each histogram file that {@code layout} writes ({@link OutputLayout#histogramFiles()})
     * for the run's {@code statistics}: {@code .hist} and {@code .histogram} of all merged reads, then
     * of innies, then of outies.
     */
    public static Map<OutputFile, byte[]> files(OutputLayout layout, JobStatistics statistics) {
        Map<OutputFile, byte[]> files = new LinkedHashMap<>();
        List<OutputFile> written = layout.histogramFiles();
        add(files, written, OutputFile.HIST, OutputFile.HISTOGRAM, () -> statistics.histogram());
        add(files, written, OutputFile.HIST_INNIE, OutputFile.HISTOGRAM_INNIE, () -> statistics.innieHistogram());
        add(files, written, OutputFile.HIST_OUTIE, OutputFile.HISTOGRAM_OUTIE, () -> statistics.outieHistogram());
        return files;
    }

    private static void add(Map<OutputFile, byte[]> files, List<OutputFile> written, OutputFile hist,
            OutputFile histogram, Supplier<long[]> counts) {
        if (written.contains(hist)) {
            byte[][] contents = contents(counts.get());
            files.put(hist, contents[0]);
            files.put(histogram, contents[1]);
        }
    }

    /**
     * The two files' bytes for {@code counts} (index: merged length): {@code .hist} first (a
     * {@code length TAB count} line for each length that occurs), then {@code .histogram} (a bar of
     * {@code *} for every length from the shortest to the longest, scaled as
     * {@code (int)(count * (72.0 / most))}).
     */
    static byte[][] contents(long[] counts) {
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
