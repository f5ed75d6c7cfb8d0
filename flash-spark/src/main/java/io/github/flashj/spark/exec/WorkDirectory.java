package io.github.flashj.spark.exec;

import io.github.flashj.io.SystemErrors;
import io.github.flashj.io.output.OutputFileException;
import io.github.flashj.io.output.OutputLayout;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's work directory, {@code DIR/.flashj-UUID} beside its output: the tasks' parts of every
 * output file and decoded inputs. Its path is qualified on the driver ({@code file:/...},
 * {@code hdfs://...}), since an executor would resolve a relative one against its own working
 * directory.
 *
 * <p>A run removes its work directory when it ends, failed or not; a run that is killed
 * ({@code kill -9}, a lost driver) cannot. While a run lives, its driver holds a lock on a file in
 * the directory (on a local file system). A later run into the same output directory removes a
 * work directory whose lock is free, or, where there is no lock to ask, that nothing has touched
 * for {@link #STALE_AFTER}, and says so.
 */
public final class WorkDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkDirectory.class);
    private static final String PREFIX = ".flashj-";
    /** A work directory's name: the prefix and a random UUID, so that nothing else is taken for one. */
    private static final Pattern NAME = Pattern.compile(
            Pattern.quote(PREFIX) + "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");
    /** Age after which a work directory without a lock is taken to be a killed run's. */
    static final Duration STALE_AFTER = Duration.ofDays(2);
    private static final String LOCK = "driver.lock";
    /** The directory, in a work directory, of the tasks' committed parts. */
    static final String PARTS = "parts";

    private final FileSystem fs;
    private final Path path;
    private final FileChannel lock;

    private WorkDirectory(FileSystem fs, Path path, FileChannel lock) {
        this.fs = fs;
        this.path = path;
        this.lock = lock;
    }

    /**
     * Prepares the output directory of a run that writes {@code layout}: makes it when it is
     * missing (one that exists is used as it is, as FLASH does: a file there fails when the outputs
     * are opened in it), clears the layout's names of an earlier run's files
     * ({@link OutputAssembly#clearEarlier}), and makes the run's work directory in it.
     */
    public static WorkDirectory prepare(OutputLayout layout, Configuration hadoop) throws IOException {
        Path directory = new Path(layout.directory());
        FileSystem fs = HadoopFiles.of(directory, hadoop);
        try {
            if (!fs.exists(directory)) {
                HadoopFiles.mkdirs(fs, directory);
            }
        } catch (IOException e) {
            throw new OutputFileException(OutputFileException.Operation.CREATE_DIRECTORY, layout.directory(), SystemErrors.reason(e), e);
        }
        OutputAssembly.clearEarlier(fs, layout);
        return create(fs, fs.makeQualified(directory), layout.readFileNames().get(0));
    }

    /**
     * Makes a new work directory, with its {@value #PARTS} directory, in {@code outputDirectory}
     * (qualified), after removing the ones killed runs left there.
     *
     * @param firstOutput the run's first output file as the user named it, for the message when
     *     the directory cannot be written in
     */
    static WorkDirectory create(FileSystem fs, Path outputDirectory, String firstOutput) throws IOException {
        removeStale(fs, outputDirectory);
        Path path = new Path(outputDirectory, PREFIX + UUID.randomUUID());
        try {
            HadoopFiles.mkdirs(fs, new Path(path, PARTS));
        } catch (IOException e) {
            throw new OutputFileException(OutputFileException.Operation.OPEN, firstOutput, SystemErrors.reason(e), e);
        }
        FileChannel lock = null;
        if (fs instanceof RawLocalFileSystem local) {
            try {
                lock = FileChannel.open(local.pathToFile(new Path(path, LOCK)).toPath(), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                lock.lock();
            } catch (IOException | RuntimeException e) {
                if (lock != null) {
                    lock.close();
                }
                fs.delete(path, true);
                throw e;
            }
        }
        return new WorkDirectory(fs, path, lock);
    }

    /** The directory, qualified, as the tasks are given it. */
    public String path() {
        return path.toString();
    }

    /** Removes the directory and everything in it; never throws. */
    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.close();
            }
            fs.delete(path, true);
        } catch (IOException e) {
            LOG.warn("could not remove the work directory {}: {}", path, e.toString());
        }
    }

    /**
     * Removes the work directories in {@code outputDirectory} that killed runs left.
     *
     * @return the directories removed
     */
    static List<Path> removeStale(FileSystem fs, Path outputDirectory) {
        List<Path> removed = new ArrayList<>();
        FileStatus[] entries;
        try {
            entries = fs.listStatus(outputDirectory);
        } catch (IOException e) {
            return removed;
        }
        for (FileStatus entry : entries) {
            if (!entry.isDirectory() || !NAME.matcher(entry.getPath().getName()).matches()) {
                continue;
            }
            try {
                String why = staleness(fs, entry);
                if (why != null && fs.delete(entry.getPath(), true)) {
                    LOG.warn("Removed {}, the work directory of a FlashJ run that did not finish ({})",
                            entry.getPath(), why);
                    removed.add(entry.getPath());
                }
            } catch (IOException e) {
                LOG.warn("could not remove {}, the work directory of a FlashJ run that did not finish: {}",
                        entry.getPath(), e.toString());
            }
        }
        return removed;
    }

    /** Why a work directory is a killed run's, or null when its run may be alive. */
    private static String staleness(FileSystem fs, FileStatus directory) throws IOException {
        Path lockPath = new Path(directory.getPath(), LOCK);
        if (fs instanceof RawLocalFileSystem local && fs.exists(lockPath)) {
            try (FileChannel channel = FileChannel.open(local.pathToFile(lockPath).toPath(),
                    StandardOpenOption.WRITE)) {
                FileLock held = channel.tryLock();
                if (held == null) {
                    return null;
                }
                held.release();
                return "its driver's lock is free";
            } catch (OverlappingFileLockException e) {
                // A run in this JVM holds it.
                return null;
            }
        }
        long touched = directory.getModificationTime();
        for (FileStatus inside : fs.listStatus(directory.getPath())) {
            touched = Math.max(touched, inside.getModificationTime());
        }
        if (System.currentTimeMillis() - touched < STALE_AFTER.toMillis()) {
            return null;
        }
        return "untouched for more than " + STALE_AFTER.toDays() + " days";
    }
}
