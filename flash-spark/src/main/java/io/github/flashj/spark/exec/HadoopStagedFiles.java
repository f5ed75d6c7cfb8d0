package io.github.flashj.spark.exec;

import io.github.flashj.io.SystemErrors;
import io.github.flashj.io.output.OutputFileException;
import io.github.flashj.io.output.OutputTransaction;
import io.github.flashj.io.output.TemporaryNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's output transaction on a Hadoop file system: files written under
 * {@link TemporaryNames} beside their final names, renamed into place together by
 * {@link #publish}, or removed by {@link #discard}. {@link #stage} only names the file: the writer
 * creates it.
 *
 * <p>What a publish does with a file already under a final name depends on where it writes:
 * {@link #replacing} puts the run's file in its place, and puts it back if a later rename fails;
 * {@link #firstWins} keeps it and drops the run's own, for files that every attempt writes with the
 * same bytes (a task's parts, which a retried or speculative attempt may commit too). A part once
 * committed is never taken back: another attempt may count on it.
 */
final class HadoopStagedFiles implements OutputTransaction<Path> {
    private static final Logger LOG = LoggerFactory.getLogger(HadoopStagedFiles.class);

    private final FileSystem fs;
    private final boolean firstWins;
    private final String run = TemporaryNames.newRun();
    private final List<Staged> staged = new ArrayList<>();
    private int count;
    private boolean ended;

    private HadoopStagedFiles(FileSystem fs, boolean firstWins) {
        this.fs = fs;
        this.firstWins = firstWins;
    }

    /** A transaction whose files replace what is under their final names. */
    static HadoopStagedFiles replacing(FileSystem fs) {
        return new HadoopStagedFiles(fs, false);
    }

    /** A transaction whose files are dropped where a file with the same bytes was published first. */
    static HadoopStagedFiles firstWins(FileSystem fs) {
        return new HadoopStagedFiles(fs, true);
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
    }

    @Override
    public synchronized Path stage(Path target) {
        checkOpen();
        Path file = new Path(target.getParent(), TemporaryNames.file(run, ++count));
        staged.add(new Staged(target, file));
        return file;
    }

    /**
     * Renames every staged file to its final name, after checking that no final name is a
     * directory.
     *
     * @throws OutputFileException ({@link OutputFileException.Operation#RENAME}) when a final name is a
     *     directory or a rename fails; what was published is then taken back
     */
    @Override
    public synchronized void publish() throws IOException {
        checkOpen();
        if (!firstWins) {
            for (Staged s : staged) {
                if (fs.exists(s.target) && fs.getFileStatus(s.target).isDirectory()) {
                    discard();
                    throw new OutputFileException(OutputFileException.Operation.RENAME, s.target.toString(), "Is a directory", null);
                }
            }
        }
        for (Staged s : staged) {
            try {
                publish(s);
            } catch (IOException e) {
                IOException failure = new OutputFileException(OutputFileException.Operation.RENAME, s.target.toString(), SystemErrors.reason(e), e);
                undo();
                discard();
                throw failure;
            }
        }
        for (Staged s : staged) {
            if (s.replaced != null) {
                try {
                    fs.delete(s.replaced, false);
                } catch (IOException e) {
                    LOG.warn("could not remove {}: {}", s.replaced, e.toString());
                }
            }
        }
        ended = true;
    }

    private void publish(Staged s) throws IOException {
        if (firstWins) {
            if (!fs.rename(s.file, s.target)) {
                if (!fs.exists(s.target)) {
                    throw new IOException("could not rename " + s.file + " to " + s.target);
                }
                // Another attempt published the same bytes first.
                fs.delete(s.file, false);
            }
            s.published = true;
            return;
        }
        if (fs.exists(s.target)) {
            Path kept = new Path(s.target.getParent(), TemporaryNames.file(run, ++count));
            rename(s.target, kept);
            s.replaced = kept;
        }
        rename(s.file, s.target);
        s.published = true;
    }

    /** Takes back the files published so far and puts back what they replaced (not with {@link #firstWins}). */
    private void undo() {
        if (firstWins) {
            return;
        }
        for (int k = staged.size() - 1; k >= 0; k--) {
            Staged s = staged.get(k);
            try {
                if (s.published) {
                    rename(s.target, s.file);
                    s.published = false;
                }
                if (s.replaced != null) {
                    rename(s.replaced, s.target);
                    s.replaced = null;
                }
            } catch (IOException e) {
                LOG.warn("Could not put back \"{}\": {}", s.target, SystemErrors.reason(e));
            }
        }
    }

    @Override
    public synchronized void discard() {
        if (ended) {
            return;
        }
        ended = true;
        for (Staged s : staged) {
            if (!s.published) {
                try {
                    fs.delete(s.file, false);
                } catch (IOException e) {
                    LOG.warn("could not remove {}: {}", s.file, e.toString());
                }
            }
        }
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("could not rename " + from + " to " + to);
        }
    }

    private void checkOpen() {
        if (ended) {
            throw new IllegalStateException("the run's files are published or discarded already");
        }
    }
}
