package io.github.flashj.cli;

import io.github.flashj.JobStatistics;
import io.github.flashj.MergeParameters;
import io.github.flashj.OrderedSink;
import io.github.flashj.batch.PairBatch;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The live progress line on a terminal: pairs done, pairs per second, the percent of the input
 * read and the time left, redrawn a few times a second on standard error and erased when the run
 * ends. {@code bin/flashj} turns it on only when standard error is a terminal (and not with
 * {@code -q}), so logs written to files and pipes stay FLASH's.
 *
 * <p>The input read is what this process has read ({@code rchar} of {@code /proc/self/io}) against
 * the inputs' sizes on disk (compressed files count as compressed): the inputs are nearly all of
 * what a run reads. Where that cannot be known (standard input, pipes, another OS), the line
 * counts pairs alone.
 */
final class TerminalProgress implements OrderedSink {
    /** The system property {@code bin/flashj} sets to the terminal's width when standard error is a terminal. */
    static final String PROPERTY = "flashj.progress.columns";
    private static final Path PROC_IO = Path.of("/proc/self/io");
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream terminal;
    private final int columns;
    private final long inputBytes;
    private long readAtStart;
    private long started;
    private ProgressBar bar;
    private long pairs;
    private long lastRedraw;
    private volatile boolean closed;

    private TerminalProgress(PrintStream terminal, int columns, long inputBytes) {
        this.terminal = terminal;
        this.columns = columns;
        this.inputBytes = inputBytes;
    }

    /** Starts drawing (the bar's thread starts with the run, so a run that never starts leaves none). */
    @Override
    public void begin(MergeParameters parameters) {
        readAtStart = bytesRead();
        started = System.nanoTime();
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName("Merging").setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).clearDisplayOnFinish()
                .setConsumer(new ConsoleProgressBarConsumer(terminal, Math.max(40, columns - 1)));
        if (inputBytes > 0) {
            builder.setInitialMax(inputBytes).setUnit(" MB", 1 << 20);
        } else {
            builder.setInitialMax(-1).setUnit(" pairs", 1).hideEta();
        }
        bar = builder.build();
    }

    /** The progress line for these inputs, when {@code bin/flashj} asked for one; else null. */
    static TerminalProgress forInputs(List<String> inputs, PrintStream terminal) {
        String columns = System.getProperty(PROPERTY);
        if (columns == null || columns.isEmpty()) {
            return null;
        }
        long total = InputSizes.fileBytes(inputs);
        if (bytesRead() < 0) {
            total = -1;
        }
        int width;
        try {
            width = Integer.parseInt(columns.trim());
        } catch (NumberFormatException e) {
            width = 80;
        }
        return new TerminalProgress(terminal, width, total);
    }

    @Override
    public void accept(PairBatch batch) {
        pairs += batch.size();
        long now = System.nanoTime();
        if (now - lastRedraw < REDRAW_NANOS) {
            return;
        }
        lastRedraw = now;
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        String rate = String.format(Locale.ROOT, "%,d pairs, %,.0f pairs/s", pairs, pairs / seconds);
        if (inputBytes > 0) {
            bar.stepTo(Math.min(inputBytes, Math.max(0, bytesRead() - readAtStart)));
            bar.setExtraMessage(rate);
        } else {
            bar.stepTo(pairs);
            bar.setExtraMessage(String.format(Locale.ROOT, "%,.0f pairs/s", pairs / seconds));
        }
    }

    /** Erases the line, so that a message printed next starts on a clean line ({@link #redraw} after it). */
    void clearLine() {
        if (closed || bar == null) {
            return;
        }
        terminal.print("\r\033[K");
        terminal.flush();
    }

    /** Draws the line again, below a message just printed. */
    void redraw() {
        if (!closed && bar != null) {
            bar.refresh();
        }
    }

    @Override
    public void complete(JobStatistics statistics) {
        close();
    }

    @Override
    public void abort(Throwable cause) {
        close();
    }

    /** Erases the line for good: what follows is the run's summary, or its error. */
    private void close() {
        closed = true;
        if (bar != null) {
            bar.close();
        }
    }

    /** Bytes this process has read so far, or -1 where {@code /proc/self/io} is not there. */
    private static long bytesRead() {
        try {
            for (String line : Files.readAllLines(PROC_IO)) {
                if (line.startsWith("rchar:")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
