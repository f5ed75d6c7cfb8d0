package io.github.flashj.io.plan;

import io.github.flashj.io.input.InputFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits inputs into {@link ChunkPlan chunks} of whole pairs without reading them in order, for
 * runners that merge chunks on many machines.
 *
 * <ol>
 *   <li>{@link #ranges} cuts each file into byte ranges;
 *   <li>{@link RangeScan#scan} scans each range, all of them at once (a Spark task each): the first
 *       record start found by the record structure, the lines to the next range's first record,
 *       checkpoints;
 *   <li>{@link #plan} lines the files up by record index: pair {@code p} is lines
 *       {@code [p * L, (p + 1) * L)} of each file, {@code L} being {@link InputFormat#linesPerPair()}.
 * </ol>
 *
 * <p>Staying exact: a chunk boundary is a line number, and each chunk reads from a checkpoint at
 * or before it and skips the lines in between, so it never relies on a boundary guessed from the
 * bytes alone. When a file is irregular (it does not start like FASTQ, a range does not hold
 * whole records, lines are too long to judge), the plan is one chunk that reads every file in order
 * from its start, which reports any error as a local run does. When the files hold different
 * numbers of pairs, or a file ends inside a pair, the last chunk reads to the ends of the files, so
 * that the reader reports the mate without a partner at its line.
 */
public final class ChunkPlanner {
    private ChunkPlanner() {
    }

    /**
     * Byte offsets cutting a file of {@code size} bytes into ranges of about {@code rangeBytes}:
     * {@code [0, ..., size)}, the range starts followed by the size.
     */
    public static long[] ranges(long size, long rangeBytes) {
        if (rangeBytes < 1) {
            throw new IllegalArgumentException("range size must be positive, got " + rangeBytes);
        }
        int n = (int) Math.max(1, Math.min(1 << 20, (size + rangeBytes - 1) / rangeBytes));
        long[] cuts = new long[n + 1];
        for (int i = 0; i <= n; i++) {
            cuts[i] = size * i / n;
        }
        return cuts;
    }

    /**
     * A plan: its chunks, the pairs they hold (-1 when not known before reading), and, when the
     * inputs could not be split, why.
     */
    public record Plan(List<ChunkPlan> chunks, long pairs, String unsplitReason) {
        /** Copies the chunks. */
        public Plan {
            chunks = List.copyOf(chunks);
        }

        /** Whether the inputs were split into chunks by record index (else one chunk reads them in order). */
        public boolean split() {
            return unsplitReason == null;
        }
    }

    /**
     * Plans chunks of {@code pairsPerChunk} pairs (the last may hold fewer).
     *
     * @param names the input files' names, for the reason given when they cannot be split
     * @param scans for each file, the scans of its ranges in order
     * @param checkpointLines the spacing the scans were made with
     */
    public static Plan plan(InputFormat format, List<String> names, List<List<RangeScan>> scans, int checkpointLines,
            long pairsPerChunk) {
        if (scans.size() != format.files() || names.size() != format.files()) {
            throw new IllegalArgumentException(format + " reads " + format.files() + " files, got " + scans.size());
        }
        if (pairsPerChunk < 1) {
            throw new IllegalArgumentException("pairs per chunk must be positive, got " + pairsPerChunk);
        }
        int lpp = format.linesPerPair();
        List<FileLines> files = new ArrayList<>();
        for (int f = 0; f < scans.size(); f++) {
            FileLines lines = FileLines.of(scans.get(f), checkpointLines);
            if (lines == null) {
                return inOrder(format, -1, names.get(f) + " is not regular " + (format.isFastq() ? "FASTQ" : "lines")
                        + " throughout");
            }
            files.add(lines);
        }
        long pairs = Long.MAX_VALUE;
        boolean exact = true;
        for (FileLines lines : files) {
            pairs = Math.min(pairs, lines.total / lpp);
            exact &= lines.total % lpp == 0;
        }
        for (FileLines lines : files) {
            exact &= lines.total / lpp == pairs;
        }
        if (pairs == 0) {
            return inOrder(format, 0, exact ? null : "the inputs hold no whole pair");
        }
        long count = (pairs + pairsPerChunk - 1) / pairsPerChunk;
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(pairs + " pairs in chunks of " + pairsPerChunk + " are too many chunks");
        }
        List<ChunkPlan> chunks = new ArrayList<>((int) count);
        for (int k = 0; k < count; k++) {
            long first = k * pairsPerChunk;
            boolean last = k == count - 1;
            long n = last && !exact ? ChunkPlan.TO_THE_END : Math.min(pairsPerChunk, pairs - first);
            List<ChunkPlan.Slice> slices = new ArrayList<>();
            for (FileLines lines : files) {
                slices.add(lines.slice(first * lpp));
            }
            chunks.add(new ChunkPlan(k, first, n, slices));
        }
        return new Plan(chunks, pairs, null);
    }

    /**
     * One chunk that reads every file from its start to its end ({@link ChunkPlan#readsWholeInputs}).
     *
     * @param pairs the pairs it holds, -1 when not known before reading
     * @param reason why the inputs are not split, or null when there is nothing to split
     */
    public static Plan inOrder(InputFormat format, long pairs, String reason) {
        List<ChunkPlan.Slice> slices = new ArrayList<>();
        for (int f = 0; f < format.files(); f++) {
            slices.add(new ChunkPlan.Slice(0, 0, 0));
        }
        return new Plan(List.of(new ChunkPlan(0, 0, ChunkPlan.TO_THE_END, slices)), pairs, reason);
    }

    /** The lines of one file, from its scans: where each line's nearest checkpoint is. */
    private static final class FileLines {
        private final List<RangeScan> scans;
        private final long[] firstLine;
        private final int spacing;
        final long total;

        private FileLines(List<RangeScan> scans, long[] firstLine, int spacing, long total) {
            this.scans = scans;
            this.firstLine = firstLine;
            this.spacing = spacing;
            this.total = total;
        }

        static FileLines of(List<RangeScan> scans, int spacing) {
            long[] firstLine = new long[scans.size()];
            long total = 0;
            for (int s = 0; s < scans.size(); s++) {
                RangeScan scan = scans.get(s);
                if (!scan.regular()) {
                    return null;
                }
                firstLine[s] = total;
                total += scan.lines();
            }
            return new FileLines(scans, firstLine, spacing, total);
        }

        /** The slice that starts at line {@code line} ({@code line < total}). */
        ChunkPlan.Slice slice(long line) {
            for (int s = scans.size() - 1; s >= 0; s--) {
                RangeScan scan = scans.get(s);
                if (scan.lines() > 0 && firstLine[s] <= line) {
                    int j = (int) ((line - firstLine[s]) / spacing);
                    long at = firstLine[s] + (long) j * spacing;
                    return new ChunkPlan.Slice(scan.checkpoints()[j], at, line - at);
                }
            }
            throw new IllegalArgumentException("line " + line + " is not in the file");
        }
    }
}
