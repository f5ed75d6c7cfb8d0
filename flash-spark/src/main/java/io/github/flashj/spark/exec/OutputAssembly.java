package io.github.flashj.spark.exec;

import io.github.flashj.JobStatistics;
import io.github.flashj.io.SystemErrors;
import io.github.flashj.io.output.OutputFileException;
import io.github.flashj.io.output.Histograms;
import io.github.flashj.io.output.OutputCompression;
import io.github.flashj.io.output.OutputFile;
import io.github.flashj.io.output.OutputLayout;
import io.github.flashj.io.output.PieceDigest;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes FLASH's layout on the driver from the committed parts: each read file is its parts in
 * order (the file job's chunk order, the SQL sink's by first pair), joined by {@link PartFiles#join} (HDFS's {@code concat}, the kernel's file copy on a
 * local file system, or streaming). With gzip and LZ4 the parts are pieces of one member or frame:
 * the file's start and end, made from the parts' digests (the CRC-32s combined), go before and
 * after them. With Zstandard the parts are text, compressed here as one frame by zstd's threads
 * (a frame cannot be joined from parts compressed apart). Every file is made under a temporary name
 * and renamed into place only once all of them are complete ({@link HadoopStagedFiles}), so a
 * failed run never leaves a file that looks whole.
 */
public final class OutputAssembly {
    private final JobSpec job;
    private final FileSystem fs;
    /** The files made, under temporary names until all are. */
    private final HadoopStagedFiles staging;

    private OutputAssembly(JobSpec job) throws IOException {
        this.job = job;
        this.fs = HadoopFiles.of(new Path(job.workDirectory()), job.hadoop());
        this.staging = HadoopStagedFiles.replacing(fs);
    }

    /**
     * Writes FLASH's layout from the committed parts of {@code chunks} chunks and publishes it, or
     * leaves none of it.
     *
     * @param stdout the merged reads' stream with {@code -c}, else null
     * @return how the read files were assembled, for the log
     */
    public static String write(JobSpec job, int chunks, JobStatistics statistics, OutputStream stdout)
            throws IOException {
        return write(job, IntStream.range(0, chunks).toArray(), statistics, stdout);
    }

    /**
     * Writes FLASH's layout from the committed parts numbered in {@code partOrder}, joined in that
     * order, and publishes it, or leaves none of it.
     *
     * @param stdout the merged reads' stream with {@code -c}, else null
     * @return how the read files were assembled, for the log
     */
    public static String write(JobSpec job, int[] partOrder, JobStatistics statistics, OutputStream stdout)
            throws IOException {
        OutputAssembly assembly = new OutputAssembly(job);
        try {
            String how = assembly.assemble(partOrder, statistics, stdout);
            assembly.staging.publish();
            return how;
        } catch (IOException | RuntimeException | Error e) {
            assembly.staging.discard();
            throw e;
        }
    }

    /**
     * Clears the run's final names of the files an earlier run left there, as FLASH truncates them
     * and {@code bin/flashj} removes them when a run starts: a run that then fails leaves no output
     * at all, rather than an earlier run's. A final name in a directory that does not exist fails
     * here, as FLASH fails to open it ({@code -o sub/x} with no {@code sub/}); Hadoop would make
     * the directory.
     */
    static void clearEarlier(FileSystem fs, OutputLayout layout) throws IOException {
        List<String> names = new ArrayList<>(layout.readFileNames());
        names.addAll(layout.histogramFileNames());
        for (String name : names) {
            if ("-".equals(name)) {
                continue;
            }
            Path target = new Path(name);
            try {
                Path parent = fs.makeQualified(target).getParent();
                if (parent != null && !fs.exists(parent)) {
                    throw new NoSuchFileException(name);
                }
                if (parent != null && !fs.getFileStatus(parent).isDirectory()) {
                    throw new FileSystemException(name, null, "Not a directory");
                }
                HadoopFiles.delete(fs, target);
            } catch (IOException e) {
                throw new OutputFileException(OutputFileException.Operation.OPEN, name, SystemErrors.reason(e), e);
            }
        }
    }

    /**
     * Concatenates the parts of every read file ({@code stdout} takes the merged reads with
     * {@code -c}) and writes the histograms, all under temporary names.
     *
     * @return how the read files were assembled, for the log
     */
    private String assemble(int[] partOrder, JobStatistics statistics, OutputStream stdout) throws IOException {
        OutputLayout layout = job.layout();
        List<String> names = layout.readFileNames();
        OutputCompression compression = layout.compression();
        String how = "streamed";
        for (int f = 0; f < names.size(); f++) {
            List<Path> parts = new ArrayList<>();
            PieceDigest digest = PieceDigest.empty();
            for (int k : partOrder) {
                Path part = new Path(job.part(k, f));
                if (fs.getFileStatus(part).getLen() > 0) {
                    parts.add(part);
                    if (compression.joinsPieces()) {
                        digest.append(PartFiles.readDigest(fs, part));
                    }
                }
            }
            if (compression.joinsPieces()) {
                parts.add(0, write(new Path(job.partsDirectory(), "start." + f), compression.fileStart(digest)));
                parts.add(write(new Path(job.partsDirectory(), "end." + f), compression.fileEnd(digest)));
            }
            boolean compressHere = compression.compresses() && !compression.joinsPieces();
            if ("-".equals(names.get(f))) {
                if (compressHere) {
                    try (OutputStream out = compression.wrap(new FilterOutputStream(stdout) {
                        @Override
                        public void close() throws IOException {
                            flush();
                        }
                    })) {
                        PartFiles.stream(fs, parts, out, new byte[0]);
                    }
                } else {
                    PartFiles.stream(fs, parts, stdout, new byte[0]);
                }
                stdout.flush();
                continue;
            }
            Path temporary = staging.stage(new Path(names.get(f)));
            String joined;
            try {
                if (compressHere) {
                    long length = 0;
                    for (Path part : parts) {
                        length += fs.getFileStatus(part).getLen();
                    }
                    try (OutputStream out = compression.wrap(fs.create(temporary, true), length)) {
                        PartFiles.stream(fs, parts, out, new byte[0]);
                    }
                    how = "compressed on the driver";
                    continue;
                }
                joined = PartFiles.join(fs, parts, temporary, new byte[0]);
            } catch (IOException | FSError e) {
                throw new OutputFileException(OutputFileException.Operation.WRITE, names.get(f), SystemErrors.reason(e), e);
            }
            if (!joined.equals("renamed")) {
                how = joined;
            }
        }
        for (Map.Entry<OutputFile, byte[]> histogram : Histograms.files(layout, statistics).entrySet()) {
            writeFinal(new Path(layout.path(histogram.getKey())), histogram.getValue());
        }
        return how;
    }

    /** A file of the work directory with {@code content}. */
    private Path write(Path file, byte[] content) throws IOException {
        try (FSDataOutputStream out = fs.create(file, true)) {
            out.write(content);
        }
        return file;
    }

    private void writeFinal(Path target, byte[] content) throws IOException {
        try (FSDataOutputStream out = fs.create(staging.stage(target), true)) {
            out.write(content);
        } catch (IOException | FSError e) {
            throw new OutputFileException(OutputFileException.Operation.WRITE, target.toString(), SystemErrors.reason(e), e);
        }
    }
}
