package io.github.flashj.spark.exec;

import io.github.flashj.batch.MergeTally;
import io.github.flashj.io.output.OutputCompression;
import io.github.flashj.io.output.PieceDigest;
import io.github.flashj.io.output.PieceOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files written in parts by tasks: an attempt commits its part by rename, and the driver joins the
 * committed parts in order into one file.
 */
public final class PartFiles {
    private static final Logger LOG = LoggerFactory.getLogger(PartFiles.class);
    /** File systems whose {@code concat} appends the sources to the target without copying data. */
    private static final Set<String> CONCAT_SCHEMES = Set.of("hdfs");

    private PartFiles() {
    }

    /**
     * One task attempt's part of every output file: written under temporary names of the
     * attempt's own and committed together once all are complete ({@link HadoopStagedFiles#firstWins}),
     * so that retried and speculative attempts never add a record twice. A failed attempt removes
     * its files.
     *
     * <p>With gzip and LZ4, a part is pieces of the file's one member or frame
     * ({@link OutputCompression#pieces}), and its digest is committed beside it ({@link #digest});
     * with Zstandard and plain output, a part is text (the driver compresses Zstandard).
     *
     * <p>In a resumable run the attempt also commits its chunk's counts ({@link #tally}), last: a
     * chunk whose counts are committed has every part committed.
     */
    public static final class Attempt {
        private final FileSystem fs;
        private final HadoopStagedFiles staging;
        /** The attempt's files: each output file's part, then with pieces each part's digest. */
        private final Path[] written;
        private final OutputStream[] outs;
        private final PieceOutputStream[] pieces;

        /** The counts' file, staged last, or null when the run is not resumable. */
        private final Path tally;

        /** Creates the attempt's file of each output file of part {@code part}. */
        public Attempt(JobSpec job, int part, int files, OutputCompression compression) throws IOException {
            this(job, part, files, compression, false);
        }

        /**
         * Creates the attempt's file of each output file of part {@code part}, and when
         * {@code resumable} of its counts.
         */
        Attempt(JobSpec job, int part, int files, OutputCompression compression, boolean resumable)
                throws IOException {
            fs = HadoopFiles.of(new Path(job.workDirectory()), job.hadoop());
            staging = HadoopStagedFiles.firstWins(fs);
            boolean joined = compression.joinsPieces();
            written = new Path[joined ? 2 * files : files];
            outs = new OutputStream[files];
            pieces = new PieceOutputStream[files];
            try {
                for (int f = 0; f < written.length; f++) {
                    written[f] = staging.stage(new Path(f < files ? job.part(part, f)
                            : digest(job.part(part, f - files))));
                }
                tally = resumable ? staging.stage(tally(job, part)) : null;
                for (int f = 0; f < files; f++) {
                    OutputStream out = new BufferedOutputStream(fs.create(written[f], true), 1 << 16);
                    outs[f] = out;
                    if (joined) {
                        pieces[f] = compression.pieces(out);
                        outs[f] = pieces[f];
                    }
                }
            } catch (IOException | RuntimeException e) {
                discard();
                throw e;
            }
        }

        /** The stream of output file {@code f}. */
        public OutputStream out(int f) {
            return outs[f];
        }

        /** Closes every file and commits it. */
        public void commit() throws IOException {
            commit(null);
        }

        /** Closes every file and commits it, with the chunk's counts when the run is resumable. */
        void commit(MergeTally counts) throws IOException {
            for (int f = 0; f < outs.length; f++) {
                outs[f].close();
                outs[f] = null;
                if (pieces[f] != null) {
                    try (FSDataOutputStream out = fs.create(written[outs.length + f], true)) {
                        out.write(pieces[f].digest().toBytes());
                    }
                }
            }
            if (tally != null) {
                try (ObjectOutputStream out = new ObjectOutputStream(fs.create(tally, true))) {
                    out.writeObject(counts);
                }
            }
            staging.publish();
        }

        /** Closes and removes the attempt's files; never throws. */
        public void discard() {
            for (int f = 0; f < outs.length; f++) {
                try {
                    if (outs[f] != null) {
                        outs[f].close();
                        outs[f] = null;
                    }
                } catch (IOException | FSError ignored) {
                    // The attempt has failed already (a full disk fails the close too); its file
                    // is removed below.
                }
            }
            staging.discard();
        }
    }

    /** Where a resumable run commits the counts of chunk {@code chunk} ({@link Attempt}). */
    static Path tally(JobSpec job, int chunk) {
        return new Path(String.format(java.util.Locale.ROOT, "%s/chunk-%09d.tally", job.partsDirectory(), chunk));
    }

    /** The counts a resumable run committed for a chunk, or null when it committed none. */
    static MergeTally readTally(FileSystem fs, Path tally) throws IOException {
        if (!fs.exists(tally)) {
            return null;
        }
        try (ObjectInputStream in = new ObjectInputStream(fs.open(tally))) {
            return (MergeTally) in.readObject();
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException(tally + " was written by another FlashJ version", e);
        }
    }

    /** Where the digest of a committed part of a file written in pieces is committed. */
    static String digest(String part) {
        return part + ".digest";
    }

    /** The digest committed beside a part ({@link Attempt}). */
    static PieceDigest readDigest(FileSystem fs, Path part) throws IOException {
        try (FSDataInputStream in = fs.open(new Path(digest(part.toString())))) {
            return PieceDigest.fromBytes(in.readAllBytes());
        }
    }

    /**
     * Joins the parts, in order, into {@code target}; the parts are used up. A target with no part
     * gets {@code empty}.
     *
     * @return how: by the file system's {@code concat} (HDFS: block references move, no data), by
     *     the kernel's file copy (a local file system), or streamed
     */
    static String join(FileSystem fs, List<Path> parts, Path target, byte[] empty) throws IOException {
        if (parts.isEmpty()) {
            try (FSDataOutputStream out = fs.create(target, true)) {
                out.write(empty);
            }
            return "streamed";
        }
        String how;
        if (parts.size() == 1) {
            how = "renamed";
        } else if (concat(fs, parts)) {
            how = "concatenated by the file system";
        } else if (fs instanceof RawLocalFileSystem) {
            appendLocally((RawLocalFileSystem) fs, parts.get(0), parts.subList(1, parts.size()));
            how = "appended by the kernel";
        } else {
            try (FSDataOutputStream out = fs.create(target, true)) {
                stream(fs, parts, out);
            }
            return "streamed";
        }
        rename(fs, parts.get(0), target);
        return how;
    }

    /** Writes the parts, in order, to {@code out}; {@code empty} when there is none. */
    static void stream(FileSystem fs, List<Path> parts, OutputStream out, byte[] empty) throws IOException {
        if (parts.isEmpty()) {
            out.write(empty);
        } else {
            stream(fs, parts, out);
        }
    }

    private static void stream(FileSystem fs, List<Path> parts, OutputStream out) throws IOException {
        byte[] buffer = new byte[1 << 20];
        for (Path part : parts) {
            try (InputStream in = fs.open(part)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                }
            }
        }
    }

    private static void rename(FileSystem fs, Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("Failed to move " + from + " to " + to);
        }
    }

    /**
     * Appends the other parts to the first by HDFS's {@code concat}; false (nothing changed)
     * elsewhere. Other file systems either lack it or implement it as a copy that replaces the
     * target's content.
     */
    private static boolean concat(FileSystem fs, List<Path> parts) throws IOException {
        if (!CONCAT_SCHEMES.contains(fs.getUri().getScheme())) {
            return false;
        }
        Path first = parts.get(0);
        long expected = 0;
        for (Path part : parts) {
            expected += fs.getFileStatus(part).getLen();
        }
        try {
            fs.concat(first, parts.subList(1, parts.size()).toArray(new Path[0]));
        } catch (UnsupportedOperationException | IOException | IllegalArgumentException e) {
            LOG.debug("{} cannot concatenate {}: streaming the parts instead ({})", fs.getUri().getScheme(), first,
                    e.toString());
            return false;
        }
        long length = fs.getFileStatus(first).getLen();
        if (length != expected) {
            throw new IOException("concatenating the parts of " + first + " gave " + length + " bytes, not "
                    + expected);
        }
        return true;
    }

    /**
     * Appends local files to a local file with {@link FileChannel#transferTo}, which copies inside
     * the kernel ({@code copy_file_range} or {@code sendfile}), not through this JVM's buffers. The
     * target is written at its end, not opened to append: Linux refuses {@code sendfile} into a file
     * opened with {@code O_APPEND}, and the JDK then maps each part into memory to copy it, which
     * costs several times the system time.
     */
    private static void appendLocally(RawLocalFileSystem local, Path target, List<Path> parts) throws IOException {
        try (FileChannel out = FileChannel.open(local.pathToFile(target).toPath(), StandardOpenOption.WRITE)) {
            out.position(out.size());
            for (Path part : parts) {
                try (FileChannel in = FileChannel.open(local.pathToFile(part).toPath(), StandardOpenOption.READ)) {
                    long size = in.size();
                    for (long done = 0; done < size; ) {
                        done += in.transferTo(done, size - done, out);
                    }
                }
            }
        }
    }
}
