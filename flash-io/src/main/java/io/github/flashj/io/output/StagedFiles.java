package io.github.flashj.io.output;

import io.github.flashj.io.SystemErrors;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's output transaction on the local file system: the files of one run, written under
 * temporary names and given their final names together, or not at all.
 *
 * <p>{@link #stage} gives the file to write for a final name: a new, empty file under a temporary
 * name in the same directory ({@link TemporaryNames}: {@code .flashj-RUN-K.tmp}), created
 * exclusively. A final name that is a symbolic link or a special file (a device, a FIFO,
 * {@code /dev/stdout}) is written in place, as FLASH writes its files: {@link #stage} gives the name
 * itself, and {@link #publish} leaves it.
 *
 * <p>{@link #publish} checks every final name first, then renames the files one by one; when a
 * rename fails it puts back what the earlier ones replaced and removes every staged file.
 * {@link #discard} removes the staged files. Either way the run's lock ends.
 *
 * <p>While it lasts, a run holds a lock ({@link FileChannel#tryLock}) on {@code .flashj-RUN.lock}
 * in each directory it writes to. A run killed outright ({@code kill -9}) leaves its files and an
 * unheld lock file; the next run that stages a file in that directory removes them, and says so.
 * Staged files whose lock file is gone are removed once they are a day old. This relies on locks
 * that every machine sharing the directory sees, as local file systems and NFS (with its lock
 * manager) give; on a file system without locks, nothing is ever taken for a leftover.
 */
public final class StagedFiles implements OutputTransaction<Path> {
    private static final Logger LOG = LoggerFactory.getLogger(StagedFiles.class);
    /** How old a staged file without its run's lock file is before it counts as left over. */
    private static final Duration ORPHAN_AGE = Duration.ofDays(1);
    /** The runs of this JVM that have not ended: never checked for leftovers (see {@link #removeLeftovers}). */
    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

    private final String run;
    private final Map<Path, Lock> locks = new LinkedHashMap<>();
    private final List<Staged> staged = new ArrayList<>();
    private int count;
    private boolean ended;

    /** A new run's files, none staged yet. */
    public StagedFiles() {
        this(TemporaryNames.newRun());
    }

    StagedFiles(String run) {
        this.run = run;
    }

    /**
     * The files of a stopped run that a resumed run continues, under the stopped run's name: its
     * lock is taken again in {@code directory}, each final name of {@code files} is staged to the
     * file given for it, and the run's other files there (an earlier run's outputs it had moved
     * aside and not removed yet, a journal half written) are removed.
     *
     * @param files the staged file of each final name, in {@code directory}
     */
    static StagedFiles resumed(String run, Path directory, Map<Path, Path> files) throws IOException {
        StagedFiles s = new StagedFiles(run);
        synchronized (s) {
            LIVE.add(run);
            Path journal = directory.resolve(TemporaryNames.journal(run));
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, TemporaryNames.MARK + run + "*")) {
                for (Path entry : entries) {
                    Matcher m = TemporaryNames.OWN_NAME.matcher(entry.getFileName().toString());
                    if (!m.matches() || !m.group(1).equals(run) || m.group(2) != null || entry.equals(journal)) {
                        continue;
                    }
                    if (m.group(3) != null) {
                        s.count = Math.max(s.count, Integer.parseInt(m.group(3)));
                    }
                    if (!files.containsValue(entry)) {
                        Files.deleteIfExists(entry);
                    }
                }
            }
            s.lock(directory);
            for (Map.Entry<Path, Path> f : files.entrySet()) {
                s.add(f.getKey(), f.getValue());
            }
        }
        return s;
    }

    /** This run's random part of its names ({@link TemporaryNames}). */
    String run() {
        return run;
    }

    /** What staged a final name: the file written, and what publishing did. */
    private static final class Staged {
        final Path target;
        final Path file;
        /** The file that was under the final name when it was published, kept until the run ends. */
        Path replaced;
        boolean published;

        Staged(Path target, Path file) {
            this.target = target;
            this.file = file;
        }

        boolean inPlace() {
            return file.equals(target);
        }
    }

    /** A run's lock in one directory. */
    private static final class Lock {
        final Path file;
        final FileChannel channel;

        Lock(Path file, FileChannel channel) {
            this.file = file;
            this.channel = channel;
        }
    }

    /**
     * The file to write for the final name {@code target}: a new, empty file under a temporary
     * name, or {@code target} itself when it is a symbolic link or a special file.
     *
     * @throws OutputFileException ({@link OutputFileException.Operation#OPEN}) when the name is a
     *     directory, or the file cannot be made
     */
    @Override
    public synchronized Path stage(Path target) throws IOException {
        checkOpen();
        try {
            if (Files.isDirectory(target)) {
                throw new FileSystemException(target.toString(), null, "Is a directory");
            }
            if (writtenInPlace(target)) {
                if (!Files.isWritable(target) && Files.exists(target)) {
                    throw new AccessDeniedException(target.toString());
                }
                return add(target, target);
            }
            Path file = newName(target);
            Files.createFile(file);
            return add(target, file);
        } catch (IOException e) {
            throw cannotOpen(target, e);
        }
    }

    /**
     * Takes the file under the final name {@code target} as its staged file, to be written over:
     * moved to a temporary name of this run, created exclusively first.
     */
    synchronized Path stageExisting(Path target) throws IOException {
        checkOpen();
        Path file = newName(target);
        Files.createFile(file);
        try {
            Files.move(target, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return add(target, file);
    }

    /**
     * Moves the file under {@code target} out of the way, to a temporary name of this run, for
     * the caller to remove; a run killed before that leaves it to the next run.
     */
    synchronized Path setAside(Path target) throws IOException {
        checkOpen();
        Path aside = newName(target);
        Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
        return aside;
    }

    /**
     * Writes {@code content}, whole, to the file staged for {@code target} (a small file, such as a
     * report).
     *
     * @throws OutputFileException ({@link OutputFileException.Operation#WRITE})
     */
    public void write(Path target, byte[] content) throws IOException {
        Path file;
        synchronized (this) {
            file = staged.stream().filter(s -> s.target.equals(target)).map(s -> s.file).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(target + " is not staged"));
        }
        try {
            Files.write(file, content);
        } catch (IOException e) {
            // An error in opening names its cause as for any output; one in writing (ENOSPC) says it.
            throw new OutputFileException(OutputFileException.Operation.WRITE, target.toString(),
                    e instanceof FileSystemException ? SystemErrors.reason(e, target) : e.getMessage(), e);
        }
    }

    /** Whether a final name is written in place: a symbolic link, or a special file (a device, a FIFO). */
    static boolean writtenInPlace(Path target) {
        return Files.isSymbolicLink(target) || Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS);
    }

    private Path add(Path target, Path file) {
        staged.add(new Staged(target, file));
        return file;
    }

    /**
     * Gives every staged file its final name. Every name is checked first (none may have become a
     * directory); when a rename fails anyway, the files published so far are taken back, what
     * they replaced is put back, and every staged file is removed.
     */
    @Override
    public synchronized void publish() throws IOException {
        checkOpen();
        for (Staged s : staged) {
            if (!s.inPlace() && Files.isDirectory(s.target)) {
                IOException e = new OutputFileException(OutputFileException.Operation.RENAME, s.target.toString(),
                        "Is a directory", null);
                discard();
                throw e;
            }
        }
        for (Staged s : staged) {
            if (s.inPlace()) {
                continue;
            }
            try {
                if (Files.exists(s.target, LinkOption.NOFOLLOW_LINKS)) {
                    s.replaced = keepReplaced(s.target);
                }
                Files.move(s.file, s.target, StandardCopyOption.ATOMIC_MOVE);
                s.published = true;
            } catch (IOException e) {
                IOException failure = new OutputFileException(OutputFileException.Operation.RENAME,
                        s.target.toString(), SystemErrors.reason(e, s.target), e);
                undo();
                discard();
                throw failure;
            }
        }
        for (Staged s : staged) {
            if (s.replaced != null) {
                try {
                    Files.deleteIfExists(s.replaced);
                } catch (IOException ignored) {
                    // The run's files are published; a day on, the next run removes this one.
                }
            }
        }
        end();
    }

    /** A second name for the file a publish replaces, to put it back if the publish fails. */
    private Path keepReplaced(Path target) throws IOException {
        Path kept = newName(target);
        try {
            Files.createLink(kept, target);
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            Files.move(target, kept, StandardCopyOption.ATOMIC_MOVE);
        }
        return kept;
    }

    /** Takes back the files published so far (to their staged names) and puts back what they replaced. */
    private void undo() {
        for (int k = staged.size() - 1; k >= 0; k--) {
            Staged s = staged.get(k);
            try {
                if (s.published) {
                    Files.move(s.target, s.file, StandardCopyOption.ATOMIC_MOVE);
                    s.published = false;
                }
                if (s.replaced != null) {
                    Files.move(s.replaced, s.target, StandardCopyOption.ATOMIC_MOVE);
                    s.replaced = null;
                }
            } catch (IOException e) {
                LOG.warn("Could not put back \"{}\": {}", s.target, SystemErrors.reason(e, s.target));
            }
        }
    }

    /** Removes every staged file (a file written in place is left) and ends the run; never throws. */
    @Override
    public synchronized void discard() {
        if (ended) {
            return;
        }
        for (Staged s : staged) {
            if (!s.inPlace() && !s.published) {
                try {
                    Files.deleteIfExists(s.file);
                } catch (IOException ignored) {
                    // Left over: the next run in this directory removes it.
                }
            }
        }
        end();
    }

    /** Removes the lock files: after the staged files, so that nothing of the run is left unlocked. */
    private void end() {
        ended = true;
        for (Lock lock : locks.values()) {
            try {
                Files.deleteIfExists(lock.file);
                lock.channel.close();
            } catch (IOException ignored) {
                // An unheld lock file is removed by the next run.
            }
        }
        locks.clear();
        LIVE.remove(run);
    }

    private void checkOpen() {
        if (ended) {
            throw new IllegalStateException("the run's files are published or discarded already");
        }
    }

    /** A new temporary name in {@code target}'s directory, the run's lock there taken first. */
    private Path newName(Path target) throws IOException {
        Path directory = target.toAbsolutePath().normalize().getParent();
        if (!locks.containsKey(directory)) {
            lock(directory);
        }
        return sibling(target, TemporaryNames.file(run, ++count));
    }

    private static Path sibling(Path target, String name) {
        Path parent = target.getParent();
        return parent == null ? Path.of(name) : parent.resolve(name);
    }

    /**
     * Takes this run's lock in {@code directory}, after removing the leftovers found there. The
     * lock file is made under a staged file's name and renamed once locked, so that no other run
     * ever sees it unheld while this one lives.
     */
    private void lock(Path directory) throws IOException {
        LIVE.add(run);
        removeLeftovers(directory);
        Path made = directory.resolve(TemporaryNames.file(run, 0));
        Path file = directory.resolve(TemporaryNames.lock(run));
        FileChannel channel = FileChannel.open(made, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            try {
                channel.tryLock();
            } catch (IOException noLocksHere) {
                // A file system without locks: no run's lock is ever seen unheld there either.
            }
            Files.move(made, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            channel.close();
            Files.deleteIfExists(made);
            throw e;
        }
        locks.put(directory, new Lock(file, channel));
    }

    /**
     * Removes what runs that ended without cleaning up left in {@code directory}: the files of a run
     * whose lock file no process holds, then that lock file; and staged files older than a day
     * whose lock file is gone. Never fails the run.
     */
    private static void removeLeftovers(Path directory) {
        Map<String, List<Path>> files = new LinkedHashMap<>();
        Map<String, Path> lockFiles = new LinkedHashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, TemporaryNames.MARK + "*")) {
            for (Path entry : entries) {
                Matcher m = TemporaryNames.OWN_NAME.matcher(entry.getFileName().toString());
                if (m.matches() && !LIVE.contains(m.group(1))) {
                    if (m.group(2) != null) {
                        lockFiles.put(m.group(1), entry);
                    } else {
                        files.computeIfAbsent(m.group(1), r -> new ArrayList<>()).add(entry);
                    }
                }
            }
        } catch (IOException unreadable) {
            return;
        }
        Instant orphanedBefore = Instant.now().minus(ORPHAN_AGE);
        for (Map.Entry<String, List<Path>> e : files.entrySet()) {
            if (!lockFiles.containsKey(e.getKey())) {
                List<Path> old = new ArrayList<>();
                for (Path file : e.getValue()) {
                    if (modified(file).isBefore(orphanedBefore)) {
                        old.add(file);
                    }
                }
                remove(directory, e.getKey(), old, null);
            }
        }
        for (Map.Entry<String, Path> e : lockFiles.entrySet()) {
            if (resumable(directory, e.getKey(), orphanedBefore)) {
                continue;
            }
            try (FileChannel channel = FileChannel.open(e.getValue(), StandardOpenOption.WRITE)) {
                FileLock held = channel.tryLock();
                if (held != null) {
                    remove(directory, e.getKey(), files.getOrDefault(e.getKey(), List.of()), e.getValue());
                }
            } catch (IOException | OverlappingFileLockException heldOrNotOurs) {
                // Held by a live run, gone meanwhile, or not this user's: left alone.
            }
        }
    }

    /**
     * Whether run {@code run} left a journal in {@code directory} less than a day ago: its files
     * are kept for a resumed run, and removed by a new run of the same outputs
     * ({@link CheckpointJournal#removeStopped}), or after a day by any.
     */
    private static boolean resumable(Path directory, String run, Instant orphanedBefore) {
        Path journal = directory.resolve(TemporaryNames.journal(run));
        return Files.exists(journal, LinkOption.NOFOLLOW_LINKS) && !modified(journal).isBefore(orphanedBefore);
    }

    /** Removes every file of the stopped run {@code run} in {@code directory}, its lock file last. */
    static void removeStoppedRun(Path directory, String run) {
        List<Path> files = new ArrayList<>();
        Path lockFile = null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, TemporaryNames.MARK + run + "*")) {
            for (Path entry : entries) {
                Matcher m = TemporaryNames.OWN_NAME.matcher(entry.getFileName().toString());
                if (m.matches() && m.group(1).equals(run)) {
                    if (m.group(2) != null) {
                        lockFile = entry;
                    } else {
                        files.add(entry);
                    }
                }
            }
        } catch (IOException unreadable) {
            return;
        }
        remove(directory, run, files, lockFile);
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException gone) {
            return FileTime.fromMillis(Long.MAX_VALUE).toInstant();
        }
    }

    private static void remove(Path directory, String run, List<Path> files, Path lockFile) {
        int removed = 0;
        for (Path file : files) {
            try {
                removed += Files.deleteIfExists(file) ? 1 : 0;
            } catch (IOException ignored) {
                // Tried again by the next run.
            }
        }
        if (lockFile != null) {
            try {
                Files.deleteIfExists(lockFile);
            } catch (IOException ignored) {
                // As above.
            }
        }
        if (removed > 0) {
            LOG.info("Removed {} file{} left in {} by a run that did not end ({}{}-*)", removed,
                    removed == 1 ? "" : "s", directory, TemporaryNames.MARK, run);
        }
    }

    private static OutputFileException cannotOpen(Path target, IOException e) {
        return new OutputFileException(OutputFileException.Operation.OPEN, target.toString(),
                SystemErrors.reason(e, target), e);
    }
}
