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
     * The read files as FLASH lists them: {@code DIR/PREFIX.extendedFrags.fastq}, then
     * {@code notCombined_1} and {@code notCombined_2} (or one interleaved {@code notCombined}, or
     * one {@code readsAndPairs.tab}); {@code -} alone for standard output.
     */
    public List<String> readFileNames() {
        String base = directory + "/" + prefix;
        String dotSuffix = suffix.isEmpty() ? "" : "." + suffix;
        if (toStdout) {
            return List.of("-");
        }
        if (format == FlashOutput.Format.TAB_DELIMITED) {
            return List.of(base + ".readsAndPairs.tab" + dotSuffix);
        }
        if (interleaved) {
            return List.of(base + ".extendedFrags.fastq" + dotSuffix, base + ".notCombined.fastq" + dotSuffix);
        }
        return List.of(base + ".extendedFrags.fastq" + dotSuffix, base + ".notCombined_1.fastq" + dotSuffix,
                base + ".notCombined_2.fastq" + dotSuffix);
    }

    /** This layout with the innie and outie histograms, as {@code flash -O} writes them. */
    public OutputLayout withOrientationHistograms() {
        return orientationHistograms ? this : new OutputLayout(directory, prefix, format, interleaved, toStdout,
                histograms, true, compression, suffix);
    }

    /**
     * The histogram files: {@code .hist} and {@code .histogram}, then with outies allowed
     * {@code .hist.innie}, {@code .hist.outie}, {@code .histogram.innie}, {@code .histogram.outie};
     * none with standard output.
     */
    public List<String> histogramFileNames() {
        List<String> h = new ArrayList<>();
        if (histograms) {
            String base = directory + "/" + prefix;
            h.add(base + ".hist");
            h.add(base + ".histogram");
            if (orientationHistograms) {
                h.add(base + ".hist.innie");
                h.add(base + ".hist.outie");
                h.add(base + ".histogram.innie");
                h.add(base + ".histogram.outie");
            }
        }
        return List.copyOf(h);
    }
}
