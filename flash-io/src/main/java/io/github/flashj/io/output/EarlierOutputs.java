package io.github.flashj.io.output;

import io.github.flashj.io.SystemErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The files an earlier run left under this run's final names. They leave those names when the run
 * starts, as FLASH's truncation does: a run that then fails leaves no output at all, rather than
 * an earlier run's. Clearing them then, not renaming over them at the end, also spares ext4 the
 * flush of a file truncated and rewritten (auto_da_alloc).
 *
 * <p>A file may be taken over as this run's staged file and written over ({@link #takeOver}): its
 * cached pages are reused rather than freed and allocated again (0.2 s of CPU each way for 1.2 GB).
 * Any other is moved to a temporary name at once ({@link #moveAside}) and removed on a thread of
 * its own; the run waits for that only at its end ({@link #awaitRemoval}). A special file is left,
 * to be written in place.
 */
final class EarlierOutputs {
    private final StagedFiles staging;
    /** The files moved out of the final names, not removed yet. */
    private final Queue<Path> aside = new ConcurrentLinkedQueue<>();
    private Thread removal;
    private volatile IOException removalFailure;

    EarlierOutputs(StagedFiles staging) {
        this.staging = staging;
    }

    /**
     * Takes the file under {@code target} as this run's staged file, to be written over
     * ({@link OverwritingFileStream}), when that is safe: a regular file this process may write,
     * with no other name (a hard link, as Nextflow and Snakemake publish outputs, would show the new
     * bytes). Anything else (a symbolic link, a read-only file, a file system without link counts)
     * is not taken.
     *
     * @return where the file is now staged, or null when it was not taken
     */
    Path takeOver(Path target) throws IOException {
        return mayWriteOver(target) ? staging.stageExisting(target) : null;
    }

    private static boolean mayWriteOver(Path target) throws IOException {
        try {
            return Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.isWritable(target)
                    && ((Number) Files.getAttribute(target, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue() == 1;
        } catch (NoSuchFileException | UnsupportedOperationException | IllegalArgumentException notHere) {
            return false;
        }
    }

    /** Moves a file (or a symbolic link to nothing) under {@code target} out of the way, to be removed. */
    void moveAside(Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && (Files.isRegularFile(target) || !Files.exists(target))) {
            aside.add(staging.setAside(target));
        }
    }

    /** Starts removing the files moved aside so far, on a thread of its own. */
    void startRemoval() {
        if (!aside.isEmpty()) {
            removal = new Thread(this::remove, "flashj-remove-earlier");
            removal.setDaemon(true);
            removal.start();
        }
    }

    /** Waits until the files moved aside are removed (any moved aside since, removed here). */
    void awaitRemoval() throws IOException {
        if (removal != null) {
            try {
                removal.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while removing an earlier run's files", e);
            }
        }
        remove();
        if (removalFailure != null) {
            throw removalFailure;
        }
    }

    private void remove() {
        for (Path file = aside.poll(); file != null; file = aside.poll()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                removalFailure = new OutputFileException(OutputFileException.Operation.REMOVE, file.toString(),
                        SystemErrors.reason(e, file), e);
            }
        }
    }
}
