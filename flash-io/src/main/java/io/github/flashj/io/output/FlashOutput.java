package io.github.flashj.io.output;

import io.github.flashj.io.SystemErrors;
import io.github.flashj.JobStatistics;
import io.github.flashj.MergeOutcome;
import io.github.flashj.MergeParameters;
import io.github.flashj.MergedTag;
import io.github.flashj.OrderedSink;
import io.github.flashj.PairBatch;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * FLASH's output layout as a sink: {@code PREFIX.extendedFrags.fastq},
 * {@code PREFIX.notCombined_1.fastq}, {@code PREFIX.notCombined_2.fastq} (or
 * {@code PREFIX.notCombined.fastq} interleaved, or {@code PREFIX.readsAndPairs.tab}), the
 * histograms, compression and standard output, with the same bytes as {@code flash -t 1}.
 *
 * <pre>{@code
 * OrderedSink sink = FlashOutput.builder().directory("results").prefix("sample1").gzip().build();
 * }</pre>
 *
 * <p>Each compressed file is one gzip member, Zstandard frame or LZ4 frame. With gzip or LZ4 FASTQ
 * output, the merge workers format and compress each batch's part of each file ({@link #prepare})
 * as a piece of the file (raw deflate blocks, or LZ4 blocks), and the committing thread only writes
 * the pieces in order between the file's start and end: compression runs on every worker.
 * Zstandard is compressed by zstd's own threads. The files decode to the same bytes as
 * uncompressed output.
 *
 * <p>Files are created when the run starts, under temporary names of their own in the output
 * directory ({@link StagedFiles}: {@code .flashj-RUN-K.tmp}, RUN random), and take their final
 * names together only when the run has succeeded; files an earlier run left under the final names
 * are removed when the run starts, as FLASH truncates them. A final name that is a directory fails
 * the run at the start; one that is a special file (a device, a FIFO) is written in place, as FLASH
 * does. When the run fails, or the JVM is stopped (SIGINT, SIGTERM, SIGHUP), its temporary files
 * are removed; after {@code kill -9} only temporary names are left, and the next run in the
 * directory removes them. No file under a final name is ever partial, and a failing run never
 * removes another running one's files.
 */
public final class FlashOutput implements OrderedSink {
    /** The layout of the read files. */
    public enum Format {
        /** FASTQ files: merged reads, and the two mates of pairs not merged. */
        FASTQ,
        /** One tab-delimited file of merged reads ({@code tag seq qual}) and pairs ({@code tag seq1 qual1 seq2 qual2}). */
        TAB_DELIMITED
    }

    private OutputLayout layout;
    private final Format format;
    private final OutputStream stdout;
    private final OutputCompression compression;
    private final String combinedName;
    private final String uncombinedName1;
    private final String uncombinedName2;
    private List<String> histogramNames;

    private final TabOrder tabOrder = new TabOrder();
    /** Whether the merge workers format and compress the output ({@link #prepare}). */
    private final boolean workersCompress;
    /** With {@link #workersCompress}: each read file's digest, once its start is written. */
    private PieceDigest[] digests;
    private final Map<PairBatch, BatchEncoder> prepared = new ConcurrentHashMap<>();
    private final Queue<BatchEncoder> pool = new ConcurrentLinkedQueue<>();
    /** The channels opened so far, histograms included: published at the end, or discarded. */
    private final List<OutputChannel> channels = new ArrayList<>();
    /** This run's files under their temporary names, published together at the end. */
    private final StagedFiles staging = new StagedFiles();
    /** Where each file is written until it is published, by final name. */
    private final Map<String, Path> stagedPaths = new HashMap<>();
    /** Removes the temporary files if the JVM stops before the run has completed or failed. */
    private final Thread cleanup = new Thread(this::discardAll, "flashj-output-cleanup");
    /** An earlier run's files, moved out of this run's final names, and the thread that removes them. */
    private final Queue<Path> earlier = new ConcurrentLinkedQueue<>();
    /** The read files whose earlier run's file this run writes over (see {@link #stageAll}). */
    private final Set<String> overwritten = new HashSet<>();
    private Thread earlierRemoval;
    private volatile IOException earlierRemovalFailure;
    private OutputChannel combined;
    private OutputChannel uncombined1;
    private OutputChannel uncombined2;
    private boolean opened;

    private FlashOutput(OutputLayout layout, OutputStream stdout) {
        this.layout = layout;
        this.stdout = stdout;
        format = layout.format();
        compression = layout.compression();
        workersCompress = BatchEncoder.compressesPieces(layout);
        List<String> names = layout.readFileNames();
        combinedName = names.get(0);
        uncombinedName1 = names.size() > 1 ? names.get(1) : null;
        uncombinedName2 = names.size() > 2 ? names.get(2) : null;
        histogramNames = layout.histogramFileNames();
    }

    /** FLASH's layout as a sink that writes files (with {@link OutputLayout#toStdout()}, merged reads to {@code stdout}). */
    public static FlashOutput of(OutputLayout layout, OutputStream stdout) {
        if (layout.toStdout() && stdout == null) {
            throw new IllegalArgumentException("the layout writes to standard output: give the stream");
        }
        return new FlashOutput(layout, stdout);
    }

    /** A builder for FLASH's default layout: FASTQ files {@code ./out.*}, no compression. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The read files this sink writes, as FLASH lists them ({@code ./out.extendedFrags.fastq}, ...;
     * {@code -} for standard output).
     */
    public List<String> readFileNames() {
        return layout.readFileNames();
    }

    /** The histogram files this sink writes (none with standard output). */
    public List<String> histogramFileNames() {
        return histogramNames;
    }

    /** A description of the compression, as FLASH's "Output format" line ends: "", ", gzip", ... */
    public String compressionDescription() {
        return compression.description();
    }

    /** The layout this sink writes. */
    public OutputLayout layout() {
        return layout;
    }

    /** With outies allowed, the innie and outie histograms are written too, as {@code flash -O} does. */
    @Override
    public void begin(MergeParameters parameters) {
        if (parameters.allowOuties() && !layout.toStdout()) {
            layout = layout.withOrientationHistograms();
            histogramNames = layout.histogramFileNames();
        }
    }

    /**
     * Creates the output files now (the run does it otherwise when it starts), so that an output
     * that cannot be written fails before any input is read.
     */
    public void open() throws IOException {
        if (opened) {
            return;
        }
        opened = true;
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            createDirectory();
            stageAll();
            combined = channel(combinedName);
            if (uncombinedName1 != null) {
                uncombined1 = channel(uncombinedName1);
            }
            if (uncombinedName2 != null) {
                uncombined2 = channel(uncombinedName2);
            }
        } catch (IOException | RuntimeException e) {
            abort(e);
            throw e;
        }
    }

    private void createDirectory() throws IOException {
        String directory = layout.directory();
        if (!directory.isEmpty()) {
            Path dir = Path.of(directory);
            // As FLASH: a path that exists already is used as it is, and a file (or a symbolic
            // link to nothing) there fails when the outputs are opened in it.
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectories(dir);
                } catch (IOException e) {
                    throw new IOException("Failed to create directory \"" + directory + "\": "
                            + SystemErrors.reason(e, dir), e);
                }
            }
        }
    }

    /**
     * Stages every file of the run, after checking that no final name is a directory. Files an
     * earlier run left under the final names leave them now, as FLASH's truncation does: a run that
     * then fails leaves no output at all, rather than an earlier run's. Clearing them now, not
     * renaming over them at the end, also spares ext4 the flush of a file truncated and rewritten
     * (auto_da_alloc). A read file this run writes is taken as its staged file and written over
     * ({@link #mayWriteOver}): its cached pages are reused rather than freed and allocated again
     * (0.2 s of CPU each way for 1.2 GB). Any other file is moved to a temporary name at once and
     * removed on a thread of its own; the run waits for that only at its end. A special file is
     * left, to be written in place.
     */
    private void stageAll() throws IOException {
        List<String> names = new ArrayList<>(layout.readFileNames());
        names.addAll(histogramNames);
        names.remove("-");
        for (String name : names) {
            if (Files.isDirectory(Path.of(name))) {
                throw new IOException("Failed to open \"" + name + "\" for writing: Is a directory");
            }
        }
        for (String name : names) {
            stage(name, !compression.usesProgram() && !histogramNames.contains(name));
        }
        if (!earlier.isEmpty()) {
            earlierRemoval = new Thread(this::removeEarlier, "flashj-remove-earlier");
            earlierRemoval.setDaemon(true);
            earlierRemoval.start();
        }
    }

    /**
     * Clears one final name of an earlier run's file and stages the file this run writes there:
     * the earlier file itself where {@code mayOverwrite} and it is safe, else a new one.
     */
    private void stage(String name, boolean mayOverwrite) throws IOException {
        Path target = Path.of(name);
        try {
            if (mayOverwrite && mayWriteOver(target)) {
                stagedPaths.put(name, staging.stageExisting(target));
                overwritten.add(name);
                return;
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                    && (Files.isRegularFile(target) || !Files.exists(target))) {
                earlier.add(staging.setAside(target));
            }
        } catch (NoSuchFileException absent) {
            // Gone meanwhile: nothing to remove.
        } catch (IOException e) {
            throw new IOException("Failed to open \"" + name + "\" for writing: "
                    + SystemErrors.reason(e, target), e);
        }
        stagedPaths.put(name, staging.stage(target));
    }

    /**
     * Whether an earlier run's file under {@code target} may be written over
     * ({@link OverwritingFileStream}): a regular file this process may write, with no other name (a
     * hard link, as Nextflow and Snakemake publish outputs, would show the new bytes). Anything else
     * (a symbolic link, a read-only file, a file system without link counts) is removed instead.
     */
    private static boolean mayWriteOver(Path target) throws IOException {
        try {
            return Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.isWritable(target)
                    && ((Number) Files.getAttribute(target, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue() == 1;
        } catch (NoSuchFileException | UnsupportedOperationException | IllegalArgumentException notHere) {
            return false;
        }
    }

    private void removeEarlier() {
        for (Path aside = earlier.poll(); aside != null; aside = earlier.poll()) {
            try {
                Files.deleteIfExists(aside);
            } catch (IOException e) {
                earlierRemovalFailure = new IOException("Failed to remove \"" + aside + "\": "
                        + SystemErrors.reason(e, aside), e);
            }
        }
    }

    /** Waits until the earlier run's files are removed (any moved aside since, removed here). */
    private void awaitEarlierRemoval() throws IOException {
        if (earlierRemoval != null) {
            try {
                earlierRemoval.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while removing an earlier run's files", e);
            }
        }
        removeEarlier();
        if (earlierRemovalFailure != null) {
            throw earlierRemovalFailure;
        }
    }

    private OutputChannel channel(String name) throws IOException {
        // Blocks compressed by the workers are written as they are.
        OutputCompression applied = workersCompress ? OutputCompression.none() : compression;
        return track("-".equals(name) ? OutputChannel.stdout(stdout, applied)
                : OutputChannel.file(name, stagedPaths.get(name), applied, overwritten.contains(name)));
    }

    private OutputChannel track(OutputChannel c) {
        synchronized (channels) {
            channels.add(c);
        }
        return c;
    }

    /** Writes one histogram file, under its temporary name until the run's files are published. */
    private void writeHistogram(String name, byte[] content) throws IOException {
        if (!stagedPaths.containsKey(name)) {
            // Added by begin() after open(): outies allowed by the parameters alone.
            stage(name, false);
            awaitEarlierRemoval();
        }
        OutputChannel c = track(OutputChannel.file(name, stagedPaths.get(name), OutputCompression.none(), false));
        c.buffer().append(content, 0, content.length);
        c.flushBuffer();
        c.close();
    }

    /**
     * Removes the temporary files of a run that failed or was stopped by a signal (SIGINT, SIGTERM,
     * SIGHUP), and waits until the earlier run's files are removed.
     */
    private void discardAll() {
        synchronized (channels) {
            for (OutputChannel c : channels) {
                c.discard();
            }
        }
        staging.discard();
        try {
            awaitEarlierRemoval();
        } catch (IOException ignored) {
            // The run has already failed with its own error.
        }
    }

    private void forgetCleanup() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting: the hook runs, and finds nothing left to remove.
        }
    }

    /**
     * With gzip or LZ4 FASTQ output: formats the batch and compresses each file's part as a piece,
     * on the merge worker, so that compression runs on every worker.
     */
    @Override
    public void prepare(PairBatch batch) throws IOException {
        if (!workersCompress) {
            return;
        }
        BatchEncoder encoder = pool.poll();
        if (encoder == null) {
            encoder = new BatchEncoder(layout, true);
        }
        encoder.encode(batch);
        prepared.put(batch, encoder);
    }

    @Override
    public void accept(PairBatch batch) throws IOException {
        open();
        if (workersCompress) {
            BatchEncoder encoder = prepared.remove(batch);
            if (encoder == null) {
                // Driven without a pipeline: prepare here, in order.
                prepare(batch);
                encoder = prepared.remove(batch);
            }
            startPieces();
            for (int c = 0; c < digests.length; c++) {
                channels.get(c).write(encoder.block(c));
                encoder.addTo(c, digests[c]);
            }
            pool.offer(encoder);
            return;
        }
        if (format == Format.TAB_DELIMITED) {
            for (int i = 0, n = batch.size(); i < n; i++) {
                tabOrder.add(combined.buffer(), batch, i, batch.phredOffset());
            }
        } else {
            ByteBuilder mate1 = uncombined1 != null ? uncombined1.buffer() : null;
            BatchEncoder.formatFastq(batch, combined.buffer(), mate1, uncombined2 != null ? uncombined2.buffer() : mate1);
        }
        for (OutputChannel c : channels) {
            c.flushBuffer();
        }
    }

    /** Writes each read file's start, the first time. */
    private void startPieces() throws IOException {
        if (digests != null) {
            return;
        }
        digests = new PieceDigest[channels.size()];
        for (int c = 0; c < digests.length; c++) {
            digests[c] = compression.startDigest();
            write(channels.get(c), compression.fileStart(digests[c]));
        }
    }

    private static void write(OutputChannel channel, byte[] bytes) throws IOException {
        ByteBuilder b = new ByteBuilder(bytes.length);
        b.append(bytes, 0, bytes.length);
        channel.write(b);
    }

    @Override
    public void complete(JobStatistics statistics) throws IOException {
        open();
        if (format == Format.TAB_DELIMITED) {
            tabOrder.finish(combined.buffer());
            combined.flushBuffer();
        }
        if (workersCompress) {
            startPieces();
            for (int c = 0; c < digests.length; c++) {
                write(channels.get(c), compression.fileEnd(digests[c]));
            }
        }
        for (OutputChannel c : channels) {
            c.close();
        }
        awaitEarlierRemoval();
        if (!histogramNames.isEmpty()) {
            writeHistograms(0, 1, statistics.histogram());
            if (histogramNames.size() > 2) {
                writeHistograms(2, 4, statistics.innieHistogram());
                writeHistograms(3, 5, statistics.outieHistogram());
            }
        }
        synchronized (channels) {
            staging.publish();
            channels.clear();
        }
        forgetCleanup();
    }

    private void writeHistograms(int hist, int histogram, long[] counts) throws IOException {
        byte[][] contents = Histograms.contents(counts);
        writeHistogram(histogramNames.get(hist), contents[0]);
        writeHistogram(histogramNames.get(histogram), contents[1]);
    }

    @Override
    public void abort(Throwable cause) {
        discardAll();
        forgetCleanup();
    }

    /**
     * FLASH's record order in tab-delimited output, which is not input order: merged records and
     * pairs not merged collect in two blocks of {@value #BLOCK} records. A full merged block is
     * written at once; a full block of pairs is written when the next pair arrives; at the end the
     * pairs' block goes first. Lone reads are written as they come (FLASH's own placement of them
     * depends on thread timing).
     */
    private static final class TabOrder {
        private static final int BLOCK = 35;
        private final ByteBuilder merged = new ByteBuilder(1 << 14);
        private final ByteBuilder pairs = new ByteBuilder(1 << 14);
        private int mergedCount;
        private int pairCount;

        void add(ByteBuilder out, PairBatch batch, int pair, int phred) {
            byte outcome = batch.outcome(pair);
            if (outcome == MergeOutcome.SINGLE) {
                appendTab(out, batch, pair, phred, true);
            } else if (outcome == MergeOutcome.NOT_COMBINED) {
                if (pairCount == BLOCK) {
                    moveTo(out, pairs);
                    pairCount = 0;
                }
                appendTab(pairs, batch, pair, phred, false);
                pairCount++;
            } else {
                appendMergedTab(merged, batch, pair, phred);
                if (++mergedCount == BLOCK) {
                    moveTo(out, merged);
                    mergedCount = 0;
                }
            }
        }

        void finish(ByteBuilder out) {
            moveTo(out, pairs);
            moveTo(out, merged);
            pairCount = 0;
            mergedCount = 0;
        }

        private static void moveTo(ByteBuilder out, ByteBuilder block) {
            out.append(block.array(), 0, block.length());
            block.clear();
        }
    }

    private static void appendMergedTab(ByteBuilder out, PairBatch batch, int pair, int phred) {
        byte[] tags = batch.tagBytes();
        int off = batch.tagStart(pair, 0);
        int len = batch.tagLength(pair, 0);
        out.append(tags, off, MergedTag.prefixEnd(tags, off, len) - off);
        int suffix = MergedTag.suffixStart(tags, off, len);
        out.append(tags, suffix, off + len - suffix);
        appendTabRead(out, batch.mergedBases(), batch.mergedQualities(), batch.mergedStart(pair),
                batch.mergedLength(pair), phred);
        out.append((byte) '\n');
    }

    private static void appendTab(ByteBuilder out, PairBatch batch, int pair, int phred, boolean single) {
        byte[] tags = batch.tagBytes();
        int off = batch.tagStart(pair, 0);
        int len = batch.tagLength(pair, 0);
        // As FLASH: a pair's line drops a trailing "/1" or "/2" from the tag; a lone read's does not.
        if (!single && len >= 2 && tags[off + len - 2] == '/' && (tags[off + len - 1] == '1' || tags[off + len - 1] == '2')) {
            len -= 2;
        }
        out.append(tags, off, len);
        appendTabRead(out, batch.bases(), batch.qualities(), batch.sequenceStart(pair, 0),
                batch.sequenceLength(pair, 0), phred);
        if (!single) {
            appendTabRead(out, batch.bases(), batch.qualities(), batch.sequenceStart(pair, 1),
                    batch.sequenceLength(pair, 1), phred);
        }
        out.append((byte) '\n');
    }

    private static void appendTabRead(ByteBuilder out, byte[] bases, byte[] quals, int start, int length, int phred) {
        out.append((byte) '\t');
        out.append(bases, start, length);
        out.append((byte) '\t');
        out.appendQualities(quals, start, length, phred);
    }

    /** Collects the layout; {@link #build()} makes the sink. */
    public static final class Builder {
        private String prefix = "out";
        private String directory = ".";
        private Format format = Format.FASTQ;
        private boolean interleaved;
        private OutputStream stdout;
        private boolean histograms = true;
        private boolean orientationHistograms;
        private OutputCompression compression = OutputCompression.none();
        private String suffix;

        private Builder() {
        }

        /** {@code -o}: the file name prefix, default {@code out}. */
        public Builder prefix(String v) {
            prefix = Objects.requireNonNull(v, "prefix");
            return this;
        }

        /** {@code -d}: the directory, created if missing; default {@code .}. */
        public Builder directory(String v) {
            directory = Objects.requireNonNull(v, "directory");
            return this;
        }

        /** {@code -To}: FASTQ (default) or tab-delimited. */
        public Builder format(Format v) {
            format = Objects.requireNonNull(v, "format");
            return this;
        }

        /** {@code --interleaved-output}: the mates of pairs not merged in one interleaved file. */
        public Builder interleaved(boolean v) {
            interleaved = v;
            return this;
        }

        /**
         * {@code -c}: merged reads to this stream (pairs not merged are dropped with FASTQ and included
         * with tab-delimited output); no histogram files. The stream is flushed, not closed.
         */
        public Builder toStream(OutputStream v) {
            stdout = v;
            return this;
        }

        /** Whether to write {@code .hist} and {@code .histogram}; default true. */
        public Builder histograms(boolean v) {
            histograms = v;
            return this;
        }

        /**
         * Also write the {@code .innie} and {@code .outie} histograms. A run whose parameters allow
         * outies writes them whatever this says, as {@code flash -O} does; this adds them to
         * {@link #layout()} for runners that take a layout alone.
         */
        public Builder orientationHistograms(boolean v) {
            orientationHistograms = v;
            return this;
        }

        /** {@code -z}: gzip, suffix {@code gz} (see {@link OutputCompression#gzip()}). */
        public Builder gzip() {
            compression = OutputCompression.gzip();
            return this;
        }

        /** {@code --compress-prog}: pipe each file through {@code PROG ARGS -c -}; suffix PROG. */
        public Builder compressProgram(String program, String arguments) {
            compression = OutputCompression.program(program, arguments == null ? "" : arguments);
            return this;
        }

        /** Any compression (see {@link OutputCompression}). */
        public Builder compression(OutputCompression v) {
            compression = Objects.requireNonNull(v, "compression");
            return this;
        }

        /** {@code --suffix}: what follows {@code .fastq.}; empty for none. Default from the compression. */
        public Builder suffix(String v) {
            suffix = v;
            return this;
        }

        /**
         * The layout collected so far, without the stream of {@link #toStream}: what a runner that
         * writes the files elsewhere (a Spark job) needs.
         */
        public OutputLayout layout() {
            return new OutputLayout(directory, prefix, format, interleaved, stdout != null, histograms,
                    orientationHistograms, compression, suffix);
        }

        /** Makes the sink. */
        public FlashOutput build() {
            return new FlashOutput(layout(), stdout);
        }
    }
}
