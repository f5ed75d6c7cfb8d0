package io.github.flashj.cli;

import io.github.flashj.JobStatistics;
import io.github.flashj.MergeParameters;
import io.github.flashj.OrderedSink;
import io.github.flashj.batch.Histogram;
import io.github.flashj.batch.MergeOutcome;
import io.github.flashj.batch.PairBatch;
import io.github.flashj.io.output.StagedFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects the figures of {@code --report} and {@code --json} as the merged batches go by (overlap
 * lengths, mismatches in the overlaps, qualities of merged reads by position, and of read 1 and
 * read 2 before merging), and writes the files when the run has succeeded.
 *
 * <p>The files are staged when the run starts ({@link #open}), as the run's other outputs are:
 * a name that cannot be written, or that is one of the run's outputs, fails the run before any
 * input is read. A regular file is written under a temporary name and renamed into place, so that
 * a failed run leaves none; a special file ({@code /dev/stdout}, a FIFO, a device, or a symbolic
 * link) is written in place, and the process's own standard output through its stream. The report
 * comes after the run's other outputs: when it fails, they are kept.
 */
final class ReportCollector implements OrderedSink {
    private static final Path STANDARD_OUTPUT = Path.of("/proc/self/fd/1");
    private final RunDescription run;
    private final Path html;
    private final Path json;
    private final OutputStream standardOutput;
    private final StagedFiles staging = new StagedFiles();
    private Path stagedHtml;
    private Path stagedJson;
    private MergeParameters parameters;
    private final Histogram overlaps = new Histogram(512);
    private final Histogram mismatches = new Histogram(64);
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
     * @param standardOutput the process's standard output, for a file that names it
     */
    ReportCollector(RunDescription run, Path html, Path json, OutputStream standardOutput) {
        this.run = run;
        this.html = html;
        this.json = json;
        this.standardOutput = standardOutput;
    }

    /**
     * Stages the files, after checking that neither is one of the run's outputs (nor the other).
     *
     * @param runOutputs the run's other files, as their names are given
     */
    void open(List<String> runOutputs) throws IOException {
        List<Path> taken = new ArrayList<>();
        for (String name : runOutputs) {
            if (!"-".equals(name)) {
                taken.add(canonical(Path.of(name)));
            }
        }
        try {
            if (json != null) {
                stagedJson = stage(json, "--json", taken);
            }
            if (html != null) {
                stagedHtml = stage(html, "--report", taken);
            }
        } catch (IOException e) {
            staging.discard();
            throw e;
        }
    }

    private Path stage(Path file, String option, List<Path> taken) throws IOException {
        Path name = canonical(file);
        if (taken.contains(name)) {
            throw new IOException(option + " \"" + file + "\" is an output file of the run");
        }
        Path staged = staging.stage(file);
        if (!staged.equals(file)) {
            // Written in place (a FIFO, /dev/stdout), the same name may take both files.
            taken.add(name);
        }
        return staged;
    }

    /** The file a path names, for comparing names: its directory's real path and its own name. */
    private static Path canonical(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        try {
            return parent == null ? absolute : parent.toRealPath().resolve(absolute.getFileName());
        } catch (IOException noSuchDirectory) {
            return absolute;
        }
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
            overlaps.add(batch.overlapLength(i));
            mismatches.add(batch.mismatches(i));
            merged.add(mergedQuals, batch.mergedStart(i), batch.mergedLength(i));
        }
    }

    /**
     * Sums of PHRED values by position over reads, and how many reads had each length: the reads
     * that reached a position are those longer than it, counted once at the end.
     */
    private static final class QualityByPosition {
        private long[] sums = new long[512];
        private final Histogram lengths = new Histogram(513);

        void add(byte[] quals, int start, int length) {
            if (length > sums.length) {
                sums = Arrays.copyOf(sums, Math.max(length, 2 * sums.length));
            }
            for (int k = 0; k < length; k++) {
                sums[k] += quals[start + k];
            }
            lengths.add(length);
        }

        /** The mean at each position up to the last that a read reached. */
        double[] means() {
            long[] readsOfLength = lengths.toArray();
            int positions = Math.max(0, readsOfLength.length - 1);
            double[] means = new double[positions];
            long reads = 0;
            for (int k = positions - 1; k >= 0; k--) {
                reads += readsOfLength[k + 1];
                means[k] = reads == 0 ? 0 : (double) sums[k] / reads;
            }
            return means;
        }
    }

    @Override
    public void complete(JobStatistics statistics) throws IOException {
        MergeReport report = new MergeReport(run.describe(statistics), parameters, statistics, overlaps.toArray(),
                mismatches.toArray(),
                new MergeReport.Qualities(merged.means(), read1.means(), read2.means()));
        try {
            if (json != null) {
                write(json, stagedJson, report.json());
            }
            if (html != null) {
                write(html, stagedHtml, report.html());
            }
        } catch (IOException e) {
            staging.discard();
            throw e;
        }
        staging.publish();
    }

    private void write(Path file, Path staged, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (staged.equals(file) && isStandardOutput(file)) {
            try {
                standardOutput.write(bytes);
                standardOutput.flush();
            } catch (IOException e) {
                throw new IOException("Failed to write \"" + file + "\": " + e.getMessage(), e);
            }
        } else {
            staging.write(file, bytes);
        }
    }

    private static boolean isStandardOutput(Path file) {
        try {
            return Files.isSameFile(file, STANDARD_OUTPUT);
        } catch (IOException | SecurityException notLinux) {
            return false;
        }
    }

    @Override
    public void abort(Throwable cause) {
        staging.discard();
    }
}
