package io.github.flashj.cli;

import io.github.flashj.JobStatistics;
import io.github.flashj.MergeParameters;
import io.github.flashj.OrderedSink;
import io.github.flashj.PairBatch;
import io.github.flashj.io.output.OutputLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Collects the figures of {@code --report} and {@code --json} as the merged batches go by (overlap
 * lengths, mismatches in the overlaps, qualities of merged reads by position), and writes the
 * files when the run has succeeded: under temporary names first, renamed into place, so that a
 * failed run leaves neither.
 */
final class ReportCollector implements OrderedSink {
    private final String sample;
    private final Path html;
    private final Path json;
    private MergeParameters parameters;
    private long[] overlaps = new long[512];
    private long[] mismatches = new long[64];
    private long[] qualitySums = new long[512];
    private long[] qualityCounts = new long[512];

    /**
     * @param sample the sample's name in the report (the output prefix)
     * @param html the HTML report's file, or null
     * @param json the JSON figures' file, or null
     */
    ReportCollector(String sample, Path html, Path json) {
        this.sample = sample;
        this.html = html;
        this.json = json;
    }

    @Override
    public void begin(MergeParameters p) {
        parameters = p;
    }

    @Override
    public void accept(PairBatch batch) {
        byte[] quals = batch.mergedQualities();
        for (int i = 0, n = batch.size(); i < n; i++) {
            if (!batch.isCombined(i)) {
                continue;
            }
            overlaps = count(overlaps, batch.overlapLength(i));
            mismatches = count(mismatches, batch.mismatches(i));
            int start = batch.mergedStart(i);
            int length = batch.mergedLength(i);
            if (length > qualitySums.length) {
                qualitySums = Arrays.copyOf(qualitySums, Math.max(length, 2 * qualitySums.length));
                qualityCounts = Arrays.copyOf(qualityCounts, qualitySums.length);
            }
            for (int k = 0; k < length; k++) {
                qualitySums[k] += quals[start + k];
                qualityCounts[k]++;
            }
        }
    }

    /** Counts one at {@code at}, growing the histogram when it is too short. */
    private static long[] count(long[] counts, int at) {
        long[] c = at < counts.length ? counts : Arrays.copyOf(counts, Math.max(at + 1, 2 * counts.length));
        c[at]++;
        return c;
    }

    @Override
    public void complete(JobStatistics statistics) throws IOException {
        double[] meanQuality = new double[qualitySums.length];
        int positions = 0;
        for (int k = 0; k < qualitySums.length; k++) {
            if (qualityCounts[k] > 0) {
                meanQuality[k] = (double) qualitySums[k] / qualityCounts[k];
                positions = k + 1;
            }
        }
        MergeReport report = new MergeReport(sample, parameters, statistics, overlaps, mismatches,
                Arrays.copyOf(meanQuality, positions));
        if (json != null) {
            write(json, report.json());
        }
        if (html != null) {
            write(html, report.html());
        }
    }

    private static void write(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Path temporary = parent.resolve(OutputLayout.temporaryFileName(file.getFileName().toString(),
                "report-" + ProcessHandle.current().pid()));
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw new IOException("Failed to write \"" + file + "\": " + e.getMessage(), e);
        }
    }
}
