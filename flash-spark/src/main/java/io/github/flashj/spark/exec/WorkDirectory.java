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
 *
 * <p>A resumable run ({@link #prepare(OutputLayout, Configuration, boolean)}) keeps its work
 * directory when it fails, with its {@link RunRecord} and committed parts; a rerun with
 * {@code resume} takes the newest such directory over instead of making one.
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
    /** The directory, in a resumable run's work directory, of its plain gzip inputs' indexes. */
    static final String GZIP_INDEXES = "gzip-index";

    private final FileSystem fs;
    private final Path path;
    private final FileChannel lock;
    private final boolean resumable;
    private final boolean earlier;
    private boolean finished;

    private WorkDirectory(FileSystem fs, Path path, FileChannel lock, boolean resumable, boolean earlier) {
        this.fs = fs;
        this.path = path;
        this.lock = lock;
        this.resumable = resumable;
        this.earlier = earlier;
    }

    /**
     * Prepares the output directory of a run that writes {@code layout}: makes it when it is
     * missing (one that exists is used as it is, as FLASH does: a file there fails when the outputs
     * are opened in it), clears the layout's names of an earlier run's files
     * ({@link OutputAssembly#clearEarlier}), and makes the run's work directory in it.
     */
    public static WorkDirectory prepare(OutputLayout layout, Configuration hadoop) throws IOException {
        return prepare(layout, hadoop, false);
    }

    /**
     * As {@link #prepare(OutputLayout, Configuration)}; when {@code resume}, the directory is kept
     * if the run fails, and the newest work directory a stopped run left with a {@link RunRecord}
     * is taken over instead of a new one ({@link #earlier()} then says so).
     */
    public static WorkDirectory prepare(OutputLayout layout, Configuration hadoop, boolean resume) throws IOException {
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
        Path qualified = fs.makeQualified(directory);
        if (resume) {
            WorkDirectory earlier = takeOver(fs, qualified);
            if (earlier != null) {
                return earlier;
            }
            LOG.info("No stopped run to resume in {}: starting from the first pair", qualified);
        }
        return create(fs, qualified, layout.readFileNames().get(0), resume);
    }

    /**
     * Makes a new work directory, with its {@value #PARTS} directory, in {@code outputDirectory}
     * (qualified), after removing the ones killed runs left there.
     *
     * @param firstOutput the run's first output file as the user named it, for the message when
     *     the directory cannot be written in
     */
    static WorkDirectory create(FileSystem fs, Path outputDirectory, String firstOutput, boolean resumable)
            throws IOException {
        removeStale(fs, outputDirectory);
        Path path = new Path(outputDirectory, PREFIX + UUID.randomUUID());
        try {
            HadoopFiles.mkdirs(fs, new Path(path, PARTS));
        } catch (IOException e) {
            throw new OutputFileException(OutputFileException.Operation.OPEN, firstOutput, SystemErrors.reason(e), e);
        }
        try {
            return new WorkDirectory(fs, path, lock(fs, path), resumable, false);
        } catch (IOException | RuntimeException e) {
            fs.delete(path, true);
            throw e;
        }
    }

    /** Takes the lock of work directory {@code path}, on a local file system; null elsewhere. */
    private static FileChannel lock(FileSystem fs, Path path) throws IOException {
        if (!(fs instanceof RawLocalFileSystem local)) {
            return null;
        }
        FileChannel lock = FileChannel.open(local.pathToFile(new Path(path, LOCK)).toPath(), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            if (lock.tryLock() == null) {
                throw new IOException(path + " is in use by another run");
            }
            return lock;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * The newest work directory in {@code outputDirectory} that a stopped run left with a
     * {@link RunRecord}, locked for this run, or null; the other stopped runs' directories are
     * removed as always. A run whose lock is held is alive and never taken over; where there are
     * no locks (HDFS, object stores), any directory with a record is, so two runs must not
     * resume into the same output directory at once.
     */
    private static WorkDirectory takeOver(FileSystem fs, Path outputDirectory) throws IOException {
        FileStatus newest = null;
        for (FileStatus entry : entries(fs, outputDirectory)) {
            if (fs.exists(new Path(entry.getPath(), RunRecord.FILE)) && !alive(fs, entry)
                    && (newest == null || entry.getModificationTime() > newest.getModificationTime())) {
                newest = entry;
            }
        }
        if (newest == null) {
            return null;
        }
        Path path = newest.getPath();
        FileChannel lock = lock(fs, path);
        for (FileStatus entry : entries(fs, outputDirectory)) {
            if (!entry.getPath().equals(path)) {
                removeIfStale(fs, entry);
            }
        }
        return new WorkDirectory(fs, path, lock, true, true);
    }

    /** Whether this directory was taken over from a stopped run. */
    public boolean earlier() {
        return earlier;
    }

    /** The run record's file. */
    Path record() {
        return new Path(path, RunRecord.FILE);
    }

    /** The run has published its output: the directory goes, resumable or not. */
    public void finished() {
        finished = true;
    }

    /** Removes the parts and the record a stopped run left, keeping the directory for this run. */
    void clear() throws IOException {
        fs.delete(record(), false);
        fs.delete(new Path(path, PARTS), true);
        HadoopFiles.mkdirs(fs, new Path(path, PARTS));
    }

    /**
     * Where a resumable run keeps the index of its plain gzip input {@code input} (counted from 0),
     * for a rerun that takes this directory over to reuse (when it still belongs to the input):
     * a directory of its own per input, since an index is named after its input's file name, which
     * two inputs in different directories may share.
     */
    String gzipIndexDirectory(int input) {
        return new Path(new Path(path, GZIP_INDEXES), Integer.toString(input)).toString();
    }

    /** The directory, qualified, as the tasks are given it. */
    public String path() {
        return path.toString();
    }

    /**
     * Removes the directory and everything in it, unless the run is resumable and has not
     * {@linkplain #finished finished}; never throws.
     */
    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.close();
            }
            if (resumable && !finished) {
                LOG.info("Kept the work directory {} for a run with resume", path);
                return;
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
        for (FileStatus entry : entries(fs, outputDirectory)) {
            if (removeIfStale(fs, entry)) {
                removed.add(entry.getPath());
            }
        }
        return removed;
    }

    /** The work directories in {@code outputDirectory}; none when it cannot be listed. */
    private static List<FileStatus> entries(FileSystem fs, Path outputDirectory) {
        List<FileStatus> found = new ArrayList<>();
        try {
            for (FileStatus entry : fs.listStatus(outputDirectory)) {
                if (entry.isDirectory() && NAME.matcher(entry.getPath().getName()).matches()) {
                    found.add(entry);
                }
            }
        } catch (IOException e) {
            // Nothing to clear in a directory that cannot be listed; making the new one will say why.
        }
        return found;
    }

    private static boolean removeIfStale(FileSystem fs, FileStatus entry) {
        try {
            String why = staleness(fs, entry);
            if (why != null && fs.delete(entry.getPath(), true)) {
                LOG.warn("Removed {}, the work directory of a FlashJ run that did not finish ({})",
                        entry.getPath(), why);
                return true;
            }
        } catch (IOException e) {
            LOG.warn("could not remove {}, the work directory of a FlashJ run that did not finish: {}",
                    entry.getPath(), e.toString());
        }
        return false;
    }

    /** Whether a run may still be writing in {@code directory}: its driver's lock is held. */
    private static boolean alive(FileSystem fs, FileStatus directory) throws IOException {
        Path lockPath = new Path(directory.getPath(), LOCK);
        if (!(fs instanceof RawLocalFileSystem local) || !fs.exists(lockPath)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(local.pathToFile(lockPath).toPath(), StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                return true;
            }
            held.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    /** Why a work directory is a killed run's, or null when its run may be alive. */
    private static String staleness(FileSystem fs, FileStatus directory) throws IOException {
        if (fs instanceof RawLocalFileSystem && fs.exists(new Path(directory.getPath(), LOCK))) {
            return alive(fs, directory) ? null : "its driver's lock is free";
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
