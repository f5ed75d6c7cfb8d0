package io.github.flashj.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * The sample name that MultiQC's FLASH module gives a run: it reads the first input file under
 * "Input files:" in the log and cleans it with MultiQC's default rules. Those keep the file name
 * alone, cut it at the first of its known extensions (each in turn, in MultiQC's order), then trim
 * known leftovers from its ends. {@code --json} names its sample the same way, so that MultiQC
 * shows the log's statistics and FlashJ's figures under one name.
 */
final class MultiqcSampleName {
    /** The extensions of MultiQC's default list that a FASTQ or tab-delimited file name may hold, in its order. */
    private static final List<String> CUT_AT = List.of(".gz", ".fastq", ".fq", ".bam", ".sam", ".log", ".out",
            ".fa", ".fasta", ".txt", ".tsv", ".csv", ".trim");
    /** The leftovers MultiQC trims, in its order (each once, at the end then at the start). */
    private static final List<String> TRIM = List.of(".", ":", "_", "-", ".r", "_val", "_trimmed", ".trimmed");

    private MultiqcSampleName() {
    }

    /**
     * @param firstInput the first input file, as the log names it
     * @param fallback the name when nothing is left (standard input, "-")
     */
    static String of(String firstInput, String fallback) {
        Path file = Path.of(firstInput).getFileName();
        String name = file == null ? "" : file.toString();
        for (String extension : CUT_AT) {
            int at = name.indexOf(extension);
            if (at >= 0) {
                name = name.substring(0, at);
            }
        }
        for (String leftover : TRIM) {
            if (name.endsWith(leftover)) {
                name = name.substring(0, name.length() - leftover.length());
            }
            if (name.startsWith(leftover)) {
                name = name.substring(leftover.length());
            }
        }
        name = name.strip();
        return name.isEmpty() ? fallback : name;
    }
}
