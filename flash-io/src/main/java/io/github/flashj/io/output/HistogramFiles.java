package io.github.flashj.io.output;

import io.github.flashj.JobStatistics;
import io.github.flashj.MergeParameters;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The histogram files a local run writes: its layout's, and the innie and outie ones whenever the
 * run allows outies, as {@code flash -O} writes them. Immutable.
 */
final class HistogramFiles {
    private final OutputLayout layout;

    HistogramFiles(OutputLayout layout) {
        this.layout = layout;
    }

    /** The files of a run with {@code parameters}. */
    HistogramFiles forRun(MergeParameters parameters) {
        return parameters.allowOuties() && !layout.toStdout()
                ? new HistogramFiles(layout.withOrientationHistograms()) : this;
    }

    /** The files' names ({@link OutputLayout#histogramFileNames()}). */
    List<String> names() {
        return layout.histogramFileNames();
    }

    /** Writes each file for the run's {@code statistics}. */
    void write(RunFiles files, JobStatistics statistics) throws IOException {
        for (Map.Entry<OutputFile, byte[]> file : Histograms.files(layout, statistics).entrySet()) {
            files.writeWhole(layout.path(file.getKey()), file.getValue());
        }
    }
}
