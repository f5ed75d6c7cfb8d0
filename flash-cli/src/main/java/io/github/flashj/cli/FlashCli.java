package io.github.flashj.cli;

import io.github.flashj.Checkpoint;
import io.github.flashj.FlashJob;
import io.github.flashj.InvalidParameterException;
import io.github.flashj.JobStatistics;
import io.github.flashj.KernelChoice;
import io.github.flashj.MergeParameters;
import io.github.flashj.OrderedSink;
import io.github.flashj.PairSource;
import io.github.flashj.batch.MergeOutcome;
import io.github.flashj.batch.PairBatch;
import io.github.flashj.io.input.FastqInputs;
import io.github.flashj.io.output.FlashOutput;
import io.github.flashj.io.output.OutputLayout;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;

/**
 * The {@code flash} command: the same options, files, bytes and exit statuses as FLASH 1.2.11,
 * and FLASH's informational messages.
 *
 * <p>Exit status: 0 on success, 1 on bad values or bad input, 2 on command-line syntax errors.
 */
public final class FlashCli {
    private final String program;
    private final OutputStream dataOut;
    private final PrintStream out;
    private final PrintStream err;
    private final MergeRunner runner;
    private final EngineOverrides overrides;
    /** The command's arguments and when it started, for the report. */
    private String[] arguments = new String[0];
    private ZonedDateTime startedAt;
    private long startedNanos;
    private FlashOptions options;
    private FlashLog log;
    /** Watches the process's standard streams, when the command runs on them; else null. */
    private BrokenPipes pipes;
    /** How often the run records a checkpoint; tests make it short. */
    private Duration checkpointInterval = FlashJob.DEFAULT_CHECKPOINT_INTERVAL;

    FlashCli(String program, OutputStream dataOut, PrintStream out, PrintStream err, EngineOverrides overrides) {
        this(program, dataOut, out, err, null, overrides);
    }

    private FlashCli(String program, OutputStream dataOut, PrintStream out, PrintStream err, MergeRunner runner,
            EngineOverrides overrides) {
        this.program = program;
        this.dataOut = dataOut;
        this.out = out;
        this.err = err;
        this.runner = runner;
        this.overrides = overrides;
    }

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        System.exit(runCommand(args, FlashJob.DEFAULT_CHECKPOINT_INTERVAL));
    }

    /** The command as {@link #main} runs it, recording a checkpoint every {@code checkpointInterval}; returns the exit status. */
    static int runCommand(String[] args, Duration checkpointInterval) {
        try {
            commandLogging();
            return runOnStandardStreams(args, null, checkpointInterval);
        } catch (LinkageError | InternalError | ServiceConfigurationError e) {
            // Before the command could report it itself (its own classes load on first use).
            System.err.println("[FLASH] ERROR: " + runtimeFailure(e));
            return 1;
        }
    }

    /**
     * The command's distribution ships SLF4J's simple binding (the library itself forces none):
     * FlashJ's notices (kernel and decoder choice, fallbacks) on standard error as {@code [INFO] ...}
     * lines. Set here rather than in a simplelogger.properties, which would configure the logging of
     * any application that has this jar on its class path; a {@code -D} in JAVA_OPTS still wins.
     */
    private static void commandLogging() {
        for (String[] setting : new String[][] {{"defaultLogLevel", "info"}, {"showThreadName", "false"},
                {"showLogName", "false"}, {"levelInBrackets", "true"}, {"logFile", "System.err"}}) {
            String key = "org.slf4j.simpleLogger." + setting[0];
            if (System.getProperty(key) == null) {
                System.setProperty(key, setting[1]);
            }
        }
    }

    /**
     * Runs the command with {@code runner} doing the merge (null: the local pipeline), on the
     * process's standard streams, and returns the exit status.
     */
    public static int runOnStandardStreams(String[] args, MergeRunner runner) {
        return runOnStandardStreams(args, runner, FlashJob.DEFAULT_CHECKPOINT_INTERVAL);
    }

    /** {@link #runOnStandardStreams(String[], MergeRunner)}, recording a checkpoint every {@code checkpointInterval}. */
    static int runOnStandardStreams(String[] args, MergeRunner runner, Duration checkpointInterval) {
        String program = System.getProperty("flashj.program", "flashj");
        BrokenPipes pipes = new BrokenPipes();
        OutputStream data = pipes.watch(new FileOutputStream(FileDescriptor.out));
        PrintStream stdout = new PrintStream(data, true);
        PrintStream stderr = new PrintStream(pipes.watch(new FileOutputStream(FileDescriptor.err)), true);
        FlashCli cli = new FlashCli(program, data, stdout, stderr, runner, EngineOverrides.fromSystemProperties());
        cli.pipes = pipes;
        cli.checkpointInterval = checkpointInterval;
        int status = cli.run(args);
        stdout.flush();
        stderr.flush();
        return pipes.broken() ? BrokenPipes.STATUS : status;
    }

    /** Runs the command with {@code runner} doing the merge on the given streams; returns the exit status. */
    public static int run(String[] args, MergeRunner runner, OutputStream dataOut, PrintStream out, PrintStream err) {
        return new FlashCli(System.getProperty("flashj.program", "flashj"), dataOut, out, err, runner,
                EngineOverrides.fromSystemProperties()).run(args);
    }

    /** Runs the command; returns the exit status. */
    int run(String[] args) {
        long started = System.nanoTime();
        startedAt = ZonedDateTime.now();
        startedNanos = started;
        arguments = args.clone();
        CommandLine commandLine = new CommandLine(program);
        try {
            options = commandLine.parse(args);
        } catch (Getopt.UsageException e) {
            err.print(e.getMessage() + "\n" + Help.usage(program));
            return 2;
        } catch (CommandLine.EarlyExit e) {
            out.print(e.getMessage());
            return 0;
        } catch (CommandLine.FatalException e) {
            log = new FlashLog(out, err, commandLine.toStdout(), false);
            log.warnAll(commandLine.warnings());
            return fail(e.getMessage());
        } catch (Exception e) {
            log = new FlashLog(out, err, commandLine.toStdout(), false);
            return fail(String.valueOf(e.getMessage()));
        } catch (LinkageError | InternalError | ServiceConfigurationError e) {
            log = new FlashLog(out, err, commandLine.toStdout(), false);
            return fail(runtimeFailure(e));
        }
        log = new FlashLog(out, err, options.toStdout(), options.quiet());
        log.warnAll(options.warnings());
        if (options.quiet()) {
            quietLibraryNotices();
        }
        try {
            return merge(started);
        } catch (IOException e) {
            return fail(ErrorWording.of(e));
        } catch (InvalidParameterException e) {
            return fail(e.getMessage());
        } catch (RuntimeException e) {
            return fail("unexpected internal error (" + e + "); please report it");
        } catch (OutOfMemoryError e) {
            return fail("out of memory: lower --batch-size or --in-flight, or give Java more memory with"
                    + " JAVA_OPTS=-Xmx... (" + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB now)");
        } catch (LinkageError | InternalError | ServiceConfigurationError e) {
            return fail(runtimeFailure(e));
        }
    }

    /**
     * The reason the Java runtime could not load one of its own classes, libraries or files, which
     * it does on first use, in the middle of a run: with few file descriptors left
     * ({@code ulimit -n}), a class that opens one as it loads fails with "Too many open files"
     * (a {@link LinkageError}), a service of the runtime whose library cannot be opened fails to
     * start (a {@link ServiceConfigurationError}, such as the thread CPU timer's), and the security
     * settings that {@code SecureRandom} reads fail to load (an {@link InternalError}).
     */
    private static String runtimeFailure(Error e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getMessage() != null ? root.getMessage() : root.toString();
        // A class file that cannot be opened is only "not found": the likely reason is worth a word.
        return "the Java runtime could not load part of itself: " + reason
                + (reason.contains("Too many open files") ? "" : " (too low a limit of open files, ulimit -n?)");
    }

    /**
     * {@code -q}: FlashJ's own notices on standard error (which decoder reads an input, ...) are
     * left out too, as {@code flash -q} prints no informational line; warnings stay. The library
     * logs through SLF4J's simple logger, which reads its level when the first logger is made:
     * in this command, after the options are read.
     */
    private static void quietLibraryNotices() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    /**
     * This JVM runs this one merge: unless a kernel is forced ({@link EngineOverrides}), its size
     * decides whether the vector kernel's warm-up pays. A quiet run that bin/flashj started without
     * the Vector API module (whose JVM warning flash would not print) takes the scalar kernel without
     * the hint that names the module.
     */
    private KernelChoice kernel(List<String> inputs) {
        if (options.quiet() && !KernelChoice.vectorModulePresent()) {
            return KernelChoice.SCALAR;
        }
        KernelChoice forced = overrides.kernel();
        return forced == KernelChoice.AUTO ? KernelChoice.forOneRun(InputSizes.textBytes(inputs)) : forced;
    }

    private int merge(long started) throws IOException {
        List<String> inputs = options.inputs();
        if (inputs.isEmpty() || inputs.size() > 2) {
            err.print(Help.usage(program));
            return 2;
        }
        if (options.interleavedInput() && inputs.size() != 1) {
            return fail("With --interleaved-input, only 1 input file is allowed!");
        }
        if (options.interleavedInput() && options.tabInput()) {
            return fail("--interleaved-input is only relevant for FASTQ input!");
        }
        if (options.tabInput() && inputs.size() != 1) {
            return fail("FlashJ reads tab-delimited input from one file only!");
        }
        if (!options.interleavedInput() && !options.tabInput() && inputs.size() == 1) {
            return fail("Only 1 input file was specified!  Specify --interleaved-input\n"
                    + "\tif you're providing an interleaved FASTQ file, or --tab-delimited-input\n"
                    + "\tif you're providing a tab-delimited input file.  Or specify two input\n"
                    + "\tfiles (for read 1 and read 2 of each pair).");
        }
        if (options.tabInput() && !options.tabOutput()) {
            log.warn("Any unpaired reads in the input file will be ignored!\n"
                    + "\tUse tab-delimited output to preserve them.");
        }
        if (options.resume() && (options.reportFile() != null || options.jsonFile() != null)) {
            return fail("--resume cannot be combined with --report or --json: the report's figures are not kept at"
                    + " checkpoints");
        }
        MergeParameters params = options.parameters();
        if (runner != null) {
            return runElsewhere(started, params);
        }
        FastqInputs.Options reading = FastqInputs.options().producers(options.producers())
                .gzipThreads(options.gzipThreads())
                .gzipIndexDirectory(options.gzipIndexDirectory() == null ? null : Path.of(options.gzipIndexDirectory()))
                .gzipSeekSpacing(overrides.gzipSeekSpacing());
        PairSource source = switch (options.inputFormat()) {
            case TAB_DELIMITED -> reading.tabDelimited(inputs.get(0));
            case INTERLEAVED_FASTQ -> reading.interleaved(inputs.get(0));
            case PAIRED_FASTQ -> reading.paired(inputs.get(0), inputs.get(1));
        };
        FlashOutput output;
        try {
            output = output();
            log.banner(options, output.layout());
            if (!options.resume()) {
                // A resumed run opens the files it continues itself.
                output.open();
            }
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
        ReportCollector report = null;
        if (options.reportFile() != null || options.jsonFile() != null) {
            report = new ReportCollector(this::describeRun,
                    options.reportFile() == null ? null : Path.of(options.reportFile()),
                    options.jsonFile() == null ? null : Path.of(options.jsonFile()), out);
            List<String> outputs = new ArrayList<>(output.readFileNames());
            outputs.addAll(output.layout().histogramFileNames());
            try {
                report.open(outputs);
            } catch (IOException | RuntimeException e) {
                output.abort(e);
                source.close();
                throw e;
            }
        }
        log.started(options.threads());
        FlashJob job;
        try {
            FlashJob.Builder builder = FlashJob.builder()
                    .parameters(params)
                    .kernel(kernel(inputs))
                    .source(source);
            builder.sink(output)
                    .sink(new ProgressReporter())
                    .workers(options.workers())
                    .batchSize(options.batchSize())
                    .inFlight(options.inFlight())
                    .pipelineLayout(overrides.layout())
                    .resume(options.resume())
                    .checkpointInterval(checkpointInterval);
            TerminalProgress terminalProgress = options.quiet() ? null : TerminalProgress.forInputs(inputs, err);
            if (terminalProgress != null) {
                log.showProgress(terminalProgress);
                builder.sink(terminalProgress);
            }
            if (report != null) {
                // After the run's files: a report that fails when they are published costs none of them.
                builder.sink(report);
            }
            job = builder.build();
        } catch (RuntimeException e) {
            // The files are open under their temporary names: the run that never started removes them.
            output.abort(e);
            if (report != null) {
                report.abort(e);
            }
            source.close();
            throw e;
        }
        if (pipeBroken()) {
            // The log's reader has gone already: FLASH would have died at the banner.
            output.abort(new IOException("standard output or standard error is a broken pipe"));
            source.close();
            return BrokenPipes.STATUS;
        }
        JobStatistics stats = job.run();
        finish(started, stats);
        return 0;
    }

    /** Runs the merge with the runner given: prints the same log as a local run. */
    private int runElsewhere(long started, MergeParameters params) throws IOException {
        if (options.reportFile() != null || options.jsonFile() != null) {
            return fail("--report and --json are written by a local run (bin/flashj) only");
        }
        OutputLayout layout = outputBuilder().layout();
        log.banner(options, layout);
        log.started(options.threads());
        JobStatistics stats = runner.run(new MergeRunner.Request(options.inputs(), options.inputFormat(), params,
                layout, dataOut, options.workers(), options.batchSize(), options.resume()));
        FlashLog.PairCount count = log.pairCount();
        count.advanceTo(stats.pairs());
        count.end();
        finish(started, stats);
        return 0;
    }

    private void finish(long started, JobStatistics stats) {
        log.statistics(options, stats);
        log.completed(started);
    }

    private FlashOutput output() {
        return outputBuilder().build();
    }

    private FlashOutput.Builder outputBuilder() {
        FlashOutput.Builder b = FlashOutput.builder()
                .prefix(options.prefix())
                .directory(options.directory())
                .format(options.tabOutput() ? FlashOutput.Format.TAB_DELIMITED : FlashOutput.Format.FASTQ)
                .interleaved(options.interleavedOutput())
                .orientationHistograms(options.parameters().allowOuties())
                .compression(options.compression())
                .suffix(options.suffix());
        if (options.toStdout()) {
            b.toStream(dataOut);
        }
        return b;
    }

    /**
     * The run as {@code --report} and {@code --json} describe it, when its statistics are known:
     * before the log's last lines, so the warning those statistics give is added here.
     */
    private MergeReport.Run describeRun(JobStatistics stats) {
        List<String> given = new ArrayList<>(log.warnings());
        String overlapWarning = FlashLog.overlapWarning(stats, options.parameters().maxOverlap());
        if (overlapWarning != null) {
            given.add(overlapWarning);
        }
        List<MergeReport.Input> inputs = new ArrayList<>();
        for (String input : options.inputs()) {
            inputs.add(new MergeReport.Input(input, InputSizes.size(input)));
        }
        StringBuilder command = new StringBuilder(program);
        for (String argument : arguments) {
            command.append(' ').append(shellQuoted(argument));
        }
        return new MergeReport.Run(MultiqcSampleName.of(options.inputs().get(0), options.prefix()), Help.FLASHJ_VERSION,
                command.toString(), inputs, startedAt, (System.nanoTime() - startedNanos) / 1e9, given);
    }

    /** An argument as a POSIX shell reads it back: as it is when it holds only safe characters, else in single quotes. */
    private static String shellQuoted(String argument) {
        if (!argument.isEmpty() && argument.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return argument;
        }
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    /** Whether a reader of standard output or error has gone (see {@link BrokenPipes}). */
    private boolean pipeBroken() {
        return pipes != null && pipes.broken();
    }

    private int fail(String message) {
        if (pipeBroken()) {
            // FLASH would have been killed by SIGPIPE, silently.
            return BrokenPipes.STATUS;
        }
        log.failure(message);
        return 1;
    }

    /** Prints "Processed N read pairs" as the merged pairs reach the writer; stops the run when a pipe breaks. */
    private final class ProgressReporter implements OrderedSink {
        private final FlashLog.PairCount count = log.pairCount();

        /** Counts on from the pairs the stopped run committed, and says so. */
        @Override
        public void resumed(Checkpoint cut) {
            count.resumeAt(cut.pairs());
            log.info("Resumed at pair " + cut.pairs() + " of the stopped run");
        }

        @Override
        public void accept(PairBatch batch) throws IOException {
            long now = count.pairs();
            for (int i = 0, n = batch.size(); i < n; i++) {
                if (batch.outcome(i) != MergeOutcome.SINGLE) {
                    now++;
                }
            }
            count.advanceTo(now);
            if (pipeBroken()) {
                throw new IOException("standard output or standard error is a broken pipe");
            }
        }

        @Override
        public void complete(JobStatistics statistics) {
            count.end();
        }
    }
}
