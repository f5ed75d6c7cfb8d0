package io.github.flashj.cli;

import io.github.flashj.JobStatistics;
import io.github.flashj.MergeParameters;
import io.github.flashj.io.output.OutputLayout;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * FLASH's log, line for line as {@code flash} prints it: {@code [FLASH] ...} informational lines on
 * standard output (standard error with {@code -c}; none with {@code -q}), warnings and errors on
 * standard error.
 */
final class FlashLog {
    private static final int PROGRESS_INTERVAL = 25_000;
    private static final int MAX_OVERLAP_WARNING_PERCENT = 10;

    /** Where informational lines go. */
    private final PrintStream messages;
    private final PrintStream err;
    private final boolean quiet;
    /** The warnings given so far, for the closing line and the report. */
    private final List<String> warnings = new ArrayList<>();
    /** The live progress line, when standard error is a terminal; else null. */
    private TerminalProgress terminalProgress;

    /**
     * @param out standard output
     * @param err standard error
     * @param toStdout {@code -c}: merged reads take standard output, informational lines go to {@code err}
     * @param quiet {@code -q}: no informational lines
     */
    FlashLog(PrintStream out, PrintStream err, boolean toStdout, boolean quiet) {
        this.messages = toStdout ? err : out;
        this.err = err;
        this.quiet = quiet;
    }

    /** Draws {@code progress}'s line under the log from now on: lines printed clear and redraw it. */
    void showProgress(TerminalProgress progress) {
        terminalProgress = progress;
    }

    void info(String line) {
        if (!quiet) {
            if (terminalProgress != null) {
                terminalProgress.clearLine();
            }
            messages.println("[FLASH] " + line);
            if (terminalProgress != null) {
                messages.flush();
                terminalProgress.redraw();
            }
        }
    }

    void warn(String text) {
        warnings.add(text);
        err.println("[FLASH] WARNING: " + text);
    }

    void warnAll(List<String> texts) {
        for (String text : texts) {
            warn(text);
        }
    }

    /** The warnings given so far. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The error and FLASH's failure line: the run ends with status 1. */
    void failure(String message) {
        err.println("[FLASH] ERROR: " + message);
        messages.println("[FLASH] FLASH did not complete successfully; exiting with failure status (1)");
        messages.flush();
    }

    /** The run's first lines: its inputs, files and parameters. */
    void banner(FlashOptions options, OutputLayout layout) {
        info("Starting FLASH v1.2.11 (FlashJ " + Help.FLASHJ_VERSION + ")");
        info("Fast Length Adjustment of SHort reads");
        info(" ");
        info("Input files:");
        for (String in : options.inputs()) {
            info("    " + in);
        }
        info(" ");
        info("Output files:");
        for (String name : layout.readFileNames()) {
            info("    " + name);
        }
        List<String> histograms = layout.histogramFileNames();
        for (int k = 0; k < Math.min(2, histograms.size()); k++) {
            info("    " + histograms.get(k));
        }
        MergeParameters p = options.parameters();
        info(" ");
        info("Parameters:");
        info("    Min overlap:           " + p.minOverlap());
        info("    Max overlap:           " + p.maxOverlap());
        info("    Max mismatch density:  " + CFormat.fixed(p.maxMismatchDensity(), 6));
        info("    Allow \"outie\" pairs:   " + p.allowOuties());
        info("    Cap mismatch quals:    " + p.capMismatchQuals());
        info("    Combiner threads:      " + options.threads());
        String phred = ", phred_offset=" + p.phredOffset();
        info("    Input format:          " + (options.tabInput() ? "Tab-delimited" + phred
                : "FASTQ" + phred + (options.interleavedInput() ? ", interleaved" : "")));
        info("    Output format:         " + (options.tabOutput() ? "Tab-delimited" + phred
                : "FASTQ" + phred + (options.interleavedOutput() ? ", interleaved" : ""))
                + layout.compressionDescription());
        info(" ");
    }

    /** The lines that say the merge has started on {@code threads} ({@code -t}) threads. */
    void started(int threads) {
        info("Starting reader and writer threads");
        info("Starting " + threads + " combiner threads");
    }

    /** The combination statistics, and FLASH's warning when many pairs overlapped by more than {@code -M}. */
    void statistics(FlashOptions options, JobStatistics stats) {
        info(" ");
        info("Read combination statistics:");
        info("    Total pairs:      " + stats.pairs());
        info("    Combined pairs:   " + stats.combined());
        if (options.parameters().allowOuties()) {
            info("        Innie pairs:   " + stats.combinedInnie() + " (" + percent(stats.combinedInnie(), stats.combined())
                    + "% of combined)");
            info("        Outie pairs:   " + stats.combinedOutie() + " (" + percent(stats.combinedOutie(), stats.combined())
                    + "% of combined)");
        }
        info("    Uncombined pairs: " + stats.notCombined());
        info("    Percent combined: " + percent(stats.combined(), stats.pairs()) + "%");
        info(" ");
        if (!options.toStdout()) {
            info("Writing histogram files.");
        }
        String overlapWarning = overlapWarning(stats, options.parameters().maxOverlap());
        if (overlapWarning != null) {
            warn(overlapWarning);
        }
    }

    /** FLASH's warning when more than 10% of the combined pairs overlapped by more than -M; null when not. */
    static String overlapWarning(JobStatistics stats, int maxOverlap) {
        long combined = stats.combined();
        long above = stats.overlapAboveMaxOverlap();
        if (combined > 0 && above * 100 > combined * MAX_OVERLAP_WARNING_PERCENT) {
            return "An unexpectedly high proportion of combined pairs (" + percent(above, combined) + "%)\n"
                    + "overlapped by more than " + maxOverlap + " bp, the --max-overlap (-M) parameter.  "
                    + "Consider\nincreasing this parameter.  (As-is, FLASH is penalizing overlaps longer than\n"
                    + maxOverlap + " bp when considering them for possible combining!)";
        }
        return null;
    }

    /** The last lines of a run that succeeded, which started at {@code startedNanos} ({@link System#nanoTime()}). */
    void completed(long startedNanos) {
        int warningCount = warnings.size();
        if (quiet && warningCount > 0) {
            messages.println("[FLASH] Finished with " + warningCount + " warning" + (warningCount == 1 ? "" : "s")
                    + " (see above)");
        } else if (!quiet) {
            info(" ");
            info("FLASH v1.2.11 complete!");
            info(CFormat.fixed((System.nanoTime() - startedNanos) / 1e9, 3) + " seconds elapsed");
            if (warningCount > 0) {
                info("Finished with " + warningCount + " warning" + (warningCount == 1 ? "" : "s") + " (see above)");
            }
        }
        messages.flush();
    }

    private static String percent(long part, long whole) {
        return CFormat.fixed(whole == 0 ? 0.0 : 100.0 * part / whole, 2);
    }

    /** A count of the pairs processed, printed as FLASH prints it. */
    PairCount pairCount() {
        return new PairCount();
    }

    /** "Processed N read pairs" every 25,000 pairs and at the end, as FLASH prints it. */
    final class PairCount {
        private long pairs;

        /** The pairs counted so far. */
        long pairs() {
            return pairs;
        }

        /** Starts counting at {@code pairs} counted by a stopped run, printing nothing. */
        void resumeAt(long pairs) {
            this.pairs = pairs;
        }

        /** Counts up to {@code now} pairs, printing every mark passed. */
        void advanceTo(long now) {
            for (long mark = (pairs / PROGRESS_INTERVAL + 1) * PROGRESS_INTERVAL; mark <= now;
                    mark += PROGRESS_INTERVAL) {
                info("Processed " + mark + " read pairs");
            }
            pairs = now;
        }

        /** The count's last line, unless a mark printed it already. */
        void end() {
            if (pairs % PROGRESS_INTERVAL != 0) {
                info("Processed " + pairs + " read pairs");
            }
        }
    }
}
