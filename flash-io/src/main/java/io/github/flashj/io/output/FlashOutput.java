package io.github.flashj.io.output;

import io.github.flashj.JobStatistics;
import io.github.flashj.MergeParameters;
import io.github.flashj.OrderedSink;
import io.github.flashj.RunJournal;
import io.github.flashj.batch.PairBatch;
import io.github.flashj.io.Compression;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * directory removes them. A run that has recorded a checkpoint ({@link #journal()}) leaves them
 * when it is stopped, for a resumed run. No file under a final name is ever partial, and a failing run never
 * removes another running one's files. A file that cannot be made, written or published fails the
 * run with an {@link OutputFileException} naming it, the operation and the system's reason.
 */
public final class FlashOutput implements OrderedSink {
    /** The layout of the read files. */
    public enum Format {
        /** FASTQ files: merged reads, and the two mates of pairs not merged. */
        FASTQ,
        /** One tab-delimited file of merged reads ({@code tag seq qual}) and pairs ({@code tag seq1 qual1 seq2 qual2}). */
        TAB_DELIMITED
    }

    private final OutputLayout layout;
    private final OutputStream stdout;
    /** With gzip or LZ4 FASTQ output, the merge workers' encoders ({@link #prepare}); else null. */
    private final EncoderPool encoders;
    private RunFiles files = new RunFiles();
    /** The run's checkpoints, for resuming it ({@link #journal()}). */
    private final CheckpointJournal journal = new CheckpointJournal(this);
    /** The read files' channels, in the layout's order, from {@link #open} on. */
    private List<OutputChannel> channels;
    /** The layout's histograms, and with outies allowed ({@link #begin}) the innie and outie ones. */
    private HistogramFiles histograms;
    /** The read files' writer, from {@link #open} on. */
    private ReadFileWriter reads;
    private boolean opened;

    private FlashOutput(OutputLayout layout, OutputStream stdout) {
        this.layout = layout;
        this.stdout = stdout;
        encoders = BatchEncoder.compressesPieces(layout) ? new EncoderPool(layout) : null;
        histograms = new HistogramFiles(layout);
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

    /**
     * The histogram files this sink writes (none with standard output): the layout's, and once the
     * run has begun with outies allowed, the innie and outie ones.
     */
    public List<String> histogramFileNames() {
        return histograms.names();
    }

    /** A description of the compression, as FLASH's "Output format" line ends: "", ", gzip", ... */
    public String compressionDescription() {
        return layout.compressionDescription();
    }

    /**
     * The layout this sink was built with. A run that allows outies writes the innie and outie
     * histograms too, whatever it says ({@link #histogramFileNames()}).
     */
    public OutputLayout layout() {
        return layout;
    }

    /** With outies allowed, the innie and outie histograms are written too, as {@code flash -O} does. */
    @Override
    public void begin(MergeParameters parameters) {
        histograms = histograms.forRun(parameters);
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
        files.watchShutdown();
        try {
            RunFiles.createDirectory(layout.directory());
            if (notResumable() == null) {
                List<String> reads = readFilePaths();
                CheckpointJournal.removeStopped(Path.of(reads.get(0)).toAbsolutePath().normalize().getParent(), reads);
            }
            List<String> names = new ArrayList<>(layout.readFileNames());
            names.addAll(histograms.names());
            names.remove("-");
            List<String> histogramNames = histograms.names();
            boolean throughProgram = layout.compression().usesProgram();
            files.stageAll(names, name -> !throughProgram && !histogramNames.contains(name));
            reads = readFileWriter();
        } catch (IOException | RuntimeException e) {
            abort(e);
            throw e;
        }
    }

    private ReadFileWriter readFileWriter() throws IOException {
        // Blocks compressed by the workers are written as they are.
        OutputCompression applied = encoders != null ? OutputCompression.none() : layout.compression();
        channels = new ArrayList<>();
        for (OutputFile file : layout.readFiles()) {
            String name = layout.path(file);
            channels.add("-".equals(name) ? files.openStandardOutput(stdout, applied) : files.open(name, applied));
        }
        return readFileWriter(null);
    }

    /** The writer of {@link #channels}; {@code resumed} the digests of files written in pieces that a resumed run continues. */
    private ReadFileWriter readFileWriter(PieceDigest[] resumed) {
        if (encoders != null) {
            return new PieceWriter(encoders, layout.compression(), channels, resumed);
        }
        return layout.format() == Format.TAB_DELIMITED ? new TabDelimitedFormat(channels.get(0))
                : new FastqWriter(channels);
    }

    /**
     * With gzip or LZ4 FASTQ output: formats the batch and compresses each file's part as a piece,
     * on the merge worker, so that compression runs on every worker.
     */
    @Override
    public void prepare(PairBatch batch) throws IOException {
        if (encoders != null) {
            encoders.prepare(batch);
        }
    }

    @Override
    public void accept(PairBatch batch) throws IOException {
        open();
        reads.write(batch);
        if (ZstdFileStream.cutsAfter(batch.id())) {
            for (OutputChannel channel : channels) {
                channel.endBlocks();
            }
        }
    }

    /**
     * Whether the read files can be cut after batch {@code id}: a Zstandard file only after the
     * batches it is flushed after ({@link ZstdFileStream#cutsAfter}).
     */
    boolean cutsAfter(long id) {
        return layout.compression().format() != Compression.ZSTD || ZstdFileStream.cutsAfter(id);
    }

    @Override
    public void complete(JobStatistics statistics) throws IOException {
        open();
        reads.finish();
        files.closeAll();
        histograms.write(files, statistics);
        journal.end();
        files.publish();
    }

    @Override
    public void abort(Throwable cause) {
        journal.end();
        files.abort();
    }

    /**
     * The journal of this sink's checkpoints, beside its files ({@code .flashj-RUN.journal}): a run
     * stopped by a crash, {@code kill -9} or a signal after its first checkpoint leaves its files
     * and the journal under temporary names, and a run of the same outputs with
     * {@link io.github.flashj.FlashJob.Builder#resume} continues them. A resumed run opens its files
     * itself: {@link #open} must not be called before it. FASTQ files, plain or compressed, can be
     * resumed (a Zstandard file then holds one frame more: {@link ZstdFileStream}); standard output,
     * tab-delimited output and compression programs cannot ({@link RunJournal#notResumable()}).
     */
    @Override
    public RunJournal journal() {
        return journal;
    }

    /** Why this sink's files cannot be continued from a checkpoint, or null when they can. */
    String notResumable() {
        if (layout.toStdout()) {
            return "the merged reads go to standard output";
        }
        if (layout.compression().usesProgram()) {
            return "a compression program writes the output files";
        }
        if (layout.format() == Format.TAB_DELIMITED) {
            return "tab-delimited output cannot be continued from a checkpoint";
        }
        return null;
    }

    /** What of the layout a resumed run must share with the stopped one, besides the files' names. */
    String describeForResume() {
        OutputCompression c = layout.compression();
        return layout.format() + (layout.interleaved() ? " interleaved" : "") + ", " + c + " level " + c.level();
    }

    /** The read files' names, as {@link OutputLayout#path} gives them. */
    List<String> readFilePaths() {
        List<String> names = new ArrayList<>();
        for (OutputFile file : layout.readFiles()) {
            names.add(layout.path(file));
        }
        return names;
    }

    /** The read files at a cut between batches: on the committing thread. */
    CheckpointJournal.Cut cut() throws IOException {
        open();
        List<String> names = readFilePaths();
        List<Path> staged = new ArrayList<>();
        OutputChannel.Cut[] cuts = new OutputChannel.Cut[names.size()];
        for (int f = 0; f < cuts.length; f++) {
            staged.add(files.stagedPath(names.get(f)));
            cuts[f] = channels.get(f).checkpoint();
        }
        return new CheckpointJournal.Cut(files.run(), names, staged, cuts, reads.digests());
    }

    /** Continues the read files of the stopped run {@code run} from a checkpoint ({@link CheckpointJournal}). */
    void resume(String run, Path directory, Map<String, Path> staged, OutputChannel.Cut[] cuts, PieceDigest[] digests)
            throws IOException {
        if (opened) {
            throw new IllegalStateException("FlashOutput.open() was called before a resumed run: the run opens the "
                    + "files it continues itself");
        }
        opened = true;
        files = RunFiles.resumed(run, directory, staged);
        files.watchShutdown();
        files.keepOnSignal();
        try {
            channels = new ArrayList<>();
            List<String> names = readFilePaths();
            OutputCompression applied = encoders != null ? OutputCompression.none() : layout.compression();
            for (int f = 0; f < names.size(); f++) {
                channels.add(files.resume(names.get(f), applied, cuts[f]));
            }
            reads = readFileWriter(digests);
        } catch (IOException | RuntimeException e) {
            abort(e);
            throw e;
        }
    }

    /** A checkpoint of the files is recorded: a signal now leaves them for a resumed run. */
    void keepOnSignal() {
        files.keepOnSignal();
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
