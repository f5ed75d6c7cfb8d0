package io.github.flashj.io.output;

import io.github.flashj.io.SystemErrors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One local run's output files as a whole: staged under temporary names ({@link StagedFiles}) once
 * the final names are cleared of an earlier run's files ({@link EarlierOutputs}), written through
 * channels, and published together ({@link #publish}) or discarded ({@link #discard}). From
 * {@link #watchShutdown} on, a JVM stopped before the run has ended (SIGINT, SIGTERM, SIGHUP)
 * discards them too, unless a checkpoint of them is recorded ({@link #keepOnSignal}); after
 * {@code kill -9} only temporary names are left, for the next run, or for a resumed one
 * ({@link #resumed}).
 */
final class RunFiles {
    private final StagedFiles staging;
    private final EarlierOutputs earlier;
    /** Where each file is written until it is published, by final name. */
    private final Map<String, Path> stagedPaths = new HashMap<>();
    /** The files whose earlier run's file this run writes over. */
    private final Set<String> writtenOver = new HashSet<>();
    /** The channels opened so far: published at the end, or discarded. */
    private final List<OutputChannel> channels = new ArrayList<>();
    private final Thread cleanup = new Thread(this::stopped, "flashj-output-cleanup");
    /** Set once a checkpoint of the files is recorded: a JVM stopped by a signal then leaves them, to be resumed. */
    private volatile boolean resumable;

    /** A new run's files, none staged yet. */
    RunFiles() {
        this(new StagedFiles());
    }

    private RunFiles(StagedFiles staging) {
        this.staging = staging;
        earlier = new EarlierOutputs(staging);
    }

    /**
     * The read files of a stopped run, which a resumed run continues: its files (the staged file
     * of each final name, in {@code directory}) are its own again ({@link StagedFiles#resumed}).
     */
    static RunFiles resumed(String run, Path directory, Map<String, Path> staged) throws IOException {
        Map<Path, Path> files = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : staged.entrySet()) {
            files.put(Path.of(e.getKey()), e.getValue());
        }
        RunFiles r = new RunFiles(StagedFiles.resumed(run, directory, files));
        r.stagedPaths.putAll(staged);
        return r;
    }

    /** The run's random part of its names ({@link TemporaryNames}). */
    String run() {
        return staging.run();
    }

    /** Where {@code name} is written until it is published. */
    Path stagedPath(String name) {
        return stagedPaths.get(name);
    }

    /** The files have a checkpoint recorded: from now on a signal leaves them for a resumed run. */
    void keepOnSignal() {
        resumable = true;
    }

    /** The JVM is stopped by a signal before the run ended. */
    private void stopped() {
        if (!resumable) {
            discard();
        }
    }

    /** Discards the files when the JVM is stopped before {@link #publish} or {@link #abort}. */
    void watchShutdown() {
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /**
     * Creates the output directory if there is nothing under its name. As FLASH: a path that
     * exists already is used as it is, and a file (or a symbolic link to nothing) there fails when
     * the outputs are opened in it.
     */
    static void createDirectory(String directory) throws IOException {
        if (directory.isEmpty()) {
            return;
        }
        Path dir = Path.of(directory);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new OutputFileException(OutputFileException.Operation.CREATE_DIRECTORY, directory,
                        SystemErrors.reason(e, dir), e);
            }
        }
    }

    /**
     * Stages every file of the run, after checking that no final name is a directory, and clears
     * the final names of an earlier run's files.
     *
     * @param mayWriteOver which names' earlier file may be taken over and written over
     */
    void stageAll(List<String> names, Predicate<String> mayWriteOver) throws IOException {
        for (String name : names) {
            if (Files.isDirectory(Path.of(name))) {
                throw new OutputFileException(OutputFileException.Operation.OPEN, name, "Is a directory", null);
            }
        }
        for (String name : names) {
            stage(name, mayWriteOver.test(name));
        }
        earlier.startRemoval();
    }

    private void stage(String name, boolean mayWriteOver) throws IOException {
        Path target = Path.of(name);
        try {
            Path taken = mayWriteOver ? earlier.takeOver(target) : null;
            if (taken != null) {
                stagedPaths.put(name, taken);
                writtenOver.add(name);
                return;
            }
            earlier.moveAside(target);
        } catch (NoSuchFileException absent) {
            // Gone meanwhile: nothing to remove.
        } catch (IOException e) {
            throw new OutputFileException(OutputFileException.Operation.OPEN, name, SystemErrors.reason(e, target), e);
        }
        stagedPaths.put(name, staging.stage(target));
    }

    /** Opens the file staged for {@code name}, compressed by {@code compression}. */
    OutputChannel open(String name, OutputCompression compression) throws IOException {
        return track(OutputChannel.file(name, stagedPaths.get(name), compression, writtenOver.contains(name)));
    }

    /** Continues the file staged for {@code name} by a stopped run, from where its last checkpoint cut it. */
    OutputChannel resume(String name, OutputCompression compression, OutputChannel.Cut cut) throws IOException {
        return track(OutputChannel.resumed(name, stagedPaths.get(name), compression, cut));
    }

    /** Opens standard output ({@code -c}), compressed by {@code compression}. */
    OutputChannel openStandardOutput(OutputStream stdout, OutputCompression compression) throws IOException {
        return track(OutputChannel.stdout(stdout, compression));
    }

    private OutputChannel track(OutputChannel c) {
        synchronized (channels) {
            channels.add(c);
        }
        return c;
    }

    /**
     * Writes a small file whole (a histogram), under its temporary name until the run's files are
     * published; a name not staged with the others is staged now.
     */
    void writeWhole(String name, byte[] content) throws IOException {
        if (!stagedPaths.containsKey(name)) {
            stage(name, false);
            earlier.awaitRemoval();
        }
        OutputChannel c = open(name, OutputCompression.none());
        c.buffer().append(content, 0, content.length);
        c.flushBuffer();
        c.close();
    }

    /** Closes the files opened so far, and waits until the earlier run's files are removed. */
    void closeAll() throws IOException {
        for (OutputChannel c : channels) {
            c.close();
        }
        earlier.awaitRemoval();
    }

    /** Gives every file its final name. */
    void publish() throws IOException {
        synchronized (channels) {
            staging.publish();
            channels.clear();
        }
        forgetShutdown();
    }

    /** Discards the run's files: the run failed. */
    void abort() {
        discard();
        forgetShutdown();
    }

    /**
     * Removes the temporary files of a run that failed or was stopped by a signal, and waits until
     * the earlier run's files are removed.
     */
    private void discard() {
        synchronized (channels) {
            for (OutputChannel c : channels) {
                c.discard();
            }
        }
        staging.discard();
        try {
            earlier.awaitRemoval();
        } catch (IOException ignored) {
            // The run has already failed with its own error.
        }
    }

    private void forgetShutdown() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting: the hook runs, and finds nothing left to remove.
        }
    }
}
