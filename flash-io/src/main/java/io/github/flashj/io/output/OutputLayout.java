package io.github.flashj.io.output;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The names and format of FLASH's output files, whoever writes them: {@link FlashOutput} on one
 * machine, or a Spark job's final concatenation. Made by {@link FlashOutput.Builder#layout()}.
 *
 * <p>Names are {@code DIRECTORY/PREFIX.extendedFrags.fastq[.SUFFIX]} and so on; the directory may
 * be any path string its writer understands ({@code results}, {@code hdfs://nn/results}).
 * Immutable and serializable.
 */
public final class OutputLayout implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String directory;
    private final String prefix;
    private final FlashOutput.Format format;
    private final boolean interleaved;
    private final boolean toStdout;
    private final boolean histograms;
    private final boolean orientationHistograms;
    private final OutputCompression compression;
    private final String suffix;

    OutputLayout(String directory, String prefix, FlashOutput.Format format, boolean interleaved, boolean toStdout,
            boolean histograms, boolean orientationHistograms, OutputCompression compression, String suffix) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.format = format;
        this.interleaved = interleaved;
        this.toStdout = toStdout;
        this.histograms = histograms && !toStdout;
        this.orientationHistograms = orientationHistograms;
        this.compression = compression;
        this.suffix = suffix != null ? suffix : compression.defaultSuffix();
    }

    /** The directory of the files. */
    public String directory() {
        return directory;
    }

    /** FASTQ or tab-delimited. */
    public FlashOutput.Format format() {
        return format;
    }

    /** Whether the mates of pairs not merged go to one interleaved file. */
    public boolean interleaved() {
        return interleaved;
    }

    /** Whether merged reads go to standard output ({@code -c}) instead of files. */
    public boolean toStdout() {
        return toStdout;
    }

    /** The compression of the read files. */
    public OutputCompression compression() {
        return compression;
    }

    /** How FLASH's "Output format" line ends for the compression: "", ", gzip", ... */
    public String compressionDescription() {
        return compression.description();
    }

    /**
     * The read files, in FLASH's order: {@link OutputFile#EXTENDED_FRAGMENTS}, then
     * {@link OutputFile#NOT_COMBINED_1} and {@link OutputFile#NOT_COMBINED_2} (or one interleaved
     * {@link OutputFile#NOT_COMBINED}), or {@link OutputFile#READS_AND_PAIRS} alone; with standard
     * output, the one file of merged reads alone. A batch's blocks ({@link BatchEncoder}) come in
     * this order.
     */
    public List<OutputFile> readFiles() {
        OutputFile merged = format == FlashOutput.Format.TAB_DELIMITED ? OutputFile.READS_AND_PAIRS
                : OutputFile.EXTENDED_FRAGMENTS;
        if (toStdout || merged == OutputFile.READS_AND_PAIRS) {
            return List.of(merged);
        }
        return interleaved ? List.of(merged, OutputFile.NOT_COMBINED)
                : List.of(merged, OutputFile.NOT_COMBINED_1, OutputFile.NOT_COMBINED_2);
    }

    /**
     * The histogram files: {@link OutputFile#HIST} and {@link OutputFile#HISTOGRAM}, then with
     * outies allowed the innie and outie ones; none with standard output.
     */
    public List<OutputFile> histogramFiles() {
        if (!histograms) {
            return List.of();
        }
        return orientationHistograms ? List.of(OutputFile.HIST, OutputFile.HISTOGRAM, OutputFile.HIST_INNIE,
                OutputFile.HIST_OUTIE, OutputFile.HISTOGRAM_INNIE, OutputFile.HISTOGRAM_OUTIE)
                : List.of(OutputFile.HIST, OutputFile.HISTOGRAM);
    }

    /**
     * The name of {@code file}: {@code DIR/PREFIX.extendedFrags.fastq[.SUFFIX]} and so on
     * (histograms take no suffix); {@code -} for the read file on standard output.
     *
     * @throws IllegalArgumentException when this layout does not write {@code file}
     */
    public String path(OutputFile file) {
        if (!readFiles().contains(file) && !histogramFiles().contains(file)) {
            throw new IllegalArgumentException("this layout writes no " + file + " file");
        }
        if (file.isHistogram()) {
            return directory + "/" + prefix + file.ending();
        }
        if (toStdout) {
            return "-";
        }
        return directory + "/" + prefix + file.ending() + (suffix.isEmpty() ? "" : "." + suffix);
    }

    /**
     * The read files' names as FLASH lists them: {@code DIR/PREFIX.extendedFrags.fastq}, ...
     * ({@link #readFiles()}); {@code -} alone for standard output.
     */
    public List<String> readFileNames() {
        return paths(readFiles());
    }

    /** This layout with the innie and outie histograms, as {@code flash -O} writes them. */
    public OutputLayout withOrientationHistograms() {
        return orientationHistograms ? this : new OutputLayout(directory, prefix, format, interleaved, toStdout,
                histograms, true, compression, suffix);
    }

    /** The histogram files' names ({@link #histogramFiles()}). */
    public List<String> histogramFileNames() {
        return paths(histogramFiles());
    }

    private List<String> paths(List<OutputFile> files) {
        List<String> names = new ArrayList<>(files.size());
        for (OutputFile f : files) {
            names.add(path(f));
        }
        return List.copyOf(names);
    }
}
