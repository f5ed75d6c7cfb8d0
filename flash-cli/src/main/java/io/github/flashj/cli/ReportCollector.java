package io.github.flashj.cli;

import io.github.flashj.JobStatistics;
import io.github.flashj.MergeOutcome;
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
 * lengths, mismatches in the overlaps, qualities of merged reads by position, and of read 1 and
 * read 2 before merging), and writes the files when the run has succeeded: under temporary names
 * first, renamed into place, so that a failed run leaves neither.
 */
final class ReportCollector implements OrderedSink {
    private final RunDescription run;
    private final Path html;
    private final Path json;
    private MergeParameters parameters;
    private long[] overlaps = new long[512];
    private long[] mismatches = new long[64];
    private final QualityByPosition merged = new QualityByPosition();
    private final QualityByPosition read1 = new QualityByPosition();
    private final QualityByPosition read2 = new QualityByPosition();

    /** The run as the report describes it, once its statistics are known (its last warnings come from them). */
    @FunctionalInterface
    interface RunDescription {
        MergeReport.Run describe(JobStatistics statistics);
    }

    /**
     * @param run the run, for the report's header and warnings
     * @param html the HTML report's file, or null
     * @param json the JSON figures' file, or null
     */
    ReportCollector(RunDescription run, Path html, Path json) {
        this.run = run;
        this.html = html;
        this.json = json;
    }

    @Override
    public void begin(MergeParameters p) {
        parameters = p;
    }

    @Override
    public void accept(PairBatch batch) {
        byte[] quals = batch.qualities();
        byte[] mergedQuals = batch.mergedQualities();
        for (int i = 0, n = batch.size(); i < n; i++) {
            if (batch.outcome(i) == MergeOutcome.SINGLE) {
                continue;
            }
            read1.add(quals, batch.sequenceStart(i, 0), batch.sequenceLength(i, 0));
            read2.add(quals, batch.sequenceStart(i, 1), batch.sequenceLength(i, 1));
            if (!batch.isCombined(i)) {
                continue;
            }
            overlaps = count(overlaps, batch.overlapLength(i));
            mismatches = count(mismatches, batch.mismatches(i));
            merged.add(mergedQuals, batch.mergedStart(i), batch.mergedLength(i));
        }
    }

    /** Counts one at {@code at}, growing the histogram when it is too short. */
    private static long[] count(long[] counts, int at) {
        long[] c = at < counts.length ? counts : Arrays.copyOf(counts, Math.max(at + 1, 2 * counts.length));
        c[at]++;
        return c;
    }

    /**
     * Sums of PHRED values by position over reads, and how many reads had each length: the reads
     * that reached a position are those longer than it, counted once at the end.
     */
    private static final class QualityByPosition {
        private long[] sums = new long[512];
        private long[] lengths = new long[513];

        void add(byte[] quals, int start, int length) {
            if (length > sums.length) {
                sums = Arrays.copyOf(sums, Math.max(length, 2 * sums.length));
                lengths = Arrays.copyOf(lengths, sums.length + 1);
            }
            for (int k = 0; k < length; k++) {
                sums[k] += quals[start + k];
            }
            lengths[length]++;
        }

        /** The mean at each position up to the last that a read reached. */
        double[] means() {
            int positions = sums.length;
            while (positions > 0 && lengths[positions] == 0) {
                positions--;
            }
            double[] means = new double[positions];
            long reads = 0;
            for (int k = positions - 1; k >= 0; k--) {
                reads += lengths[k + 1];
                means[k] = reads == 0 ? 0 : (double) sums[k] / reads;
            }
            return means;
        }
    }

    @Override
    public void complete(JobStatistics statistics) throws IOException {
        MergeReport report = new MergeReport(run.describe(statistics), parameters, statistics, overlaps, mismatches,
                new MergeReport.Qualities(merged.means(), read1.means(), read2.means()));
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
