package io.github.flashj.spark;

import io.github.flashj.JobStatistics;
import io.github.flashj.io.Histograms;
import io.github.flashj.io.OutputLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes FLASH's layout on the driver from the committed parts: each read file is its parts in
 * chunk order, by the file system's {@code concat} where it has one (HDFS: only metadata moves), by
 * the kernel's file copy on a local file system, and by streaming the parts otherwise. Every file is made under a temporary name and renamed into
 * place only once all of them are complete, so a failed run never leaves a file that looks whole.
 */
final class OutputAssembly {
    private static final Logger LOG = LoggerFactory.getLogger(OutputAssembly.class);
    /** File systems whose {@code concat} appends the sources to the target without copying data. */
    private static final java.util.Set<String> CONCAT_SCHEMES = java.util.Set.of("hdfs");

    private final JobSpec job;
    private final FileSystem fs;
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    /** Files made under temporary names, and the final names they take. */
    private final List<Path[]> made = new ArrayList<>();

    OutputAssembly(JobSpec job) throws IOException {
        this.job = job;
        this.fs = HadoopFiles.of(new Path(job.workDirectory()), job.conf().get());
    }

    /**
     * Concatenates the parts of every read file ({@code stdout} takes the merged reads with
     * {@code -c}) and writes the histograms, all under temporary names.
     *
     * @return how the read files were assembled, for the log
     */
    String assemble(int chunks, JobStatistics statistics, OutputStream stdout) throws IOException {
        OutputLayout layout = job.layout();
        List<String> names = layout.readFileNames();
        byte[] empty = layout.compression().emptyFile();
        String how = "streamed";
        for (int f = 0; f < names.size(); f++) {
            List<Path> parts = new ArrayList<>();
            for (int k = 0; k < chunks; k++) {
                Path part = new Path(job.part(k, f));
                if (fs.getFileStatus(part).getLen() > 0) {
                    parts.add(part);
                }
            }
            if ("-".equals(names.get(f))) {
                stream(parts, stdout, empty);
                stdout.flush();
                continue;
            }
            Path target = new Path(names.get(f));
            Path temporary = temporaryName(target);
            if (parts.size() > 1 && concat(parts)) {
                how = "concatenated by the file system";
                rename(parts.get(0), temporary);
            } else if (parts.size() > 1 && fs instanceof RawLocalFileSystem) {
                how = "appended by the kernel";
                rename(parts.get(0), temporary);
                appendLocally((RawLocalFileSystem) fs, temporary, parts.subList(1, parts.size()));
            } else if (parts.size() == 1) {
                rename(parts.get(0), temporary);
            } else {
                try (FSDataOutputStream out = fs.create(temporary, true)) {
                    stream(parts, out, empty);
                }
            }
            made.add(new Path[] {temporary, target});
        }
        List<String> histograms = layout.histogramFileNames();
        if (!histograms.isEmpty()) {
            writeHistograms(histograms.get(0), histograms.get(1), statistics.histogram());
            if (histograms.size() > 2) {
                writeHistograms(histograms.get(2), histograms.get(4), statistics.innieHistogram());
                writeHistograms(histograms.get(3), histograms.get(5), statistics.outieHistogram());
            }
        }
        return how;
    }

    /** Renames every file into place, replacing what a previous run left under the same name. */
    void publish() throws IOException {
        for (Path[] file : made) {
            if (fs.exists(file[1])) {
                fs.delete(file[1], false);
            }
            rename(file[0], file[1]);
        }
        made.clear();
    }

    /** Removes the files made so far under temporary names; never throws. */
    void discard() {
        for (Path[] file : made) {
            try {
                fs.delete(file[0], false);
            } catch (IOException e) {
                LOG.warn("could not remove {}: {}", file[0], e.toString());
            }
        }
        made.clear();
    }

    private Path temporaryName(Path target) {
        return new Path(target.getParent(), "." + target.getName() + ".flashj-" + tag + ".tmp");
    }

    /**
     * Appends the other parts to the first by HDFS's {@code concat}, which moves block references
     * only; false (nothing changed) elsewhere. Other file systems either lack it or implement it
     * as a copy that replaces the target's content, so they stream the parts instead.
     */
    private boolean concat(List<Path> parts) throws IOException {
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
            LOG.debug("{} cannot concatenate {}: streaming the parts instead ({})", fs.getUri().getScheme(), first, e.toString());
            return false;
        }
        long length = fs.getFileStatus(first).getLen();
        if (length != expected) {
            throw new IOException("concatenating the parts of " + first + " gave " + length + " bytes, not " + expected);
        }
        return true;
    }

    /**
     * Appends local files to a local file with {@link FileChannel#transferTo}, which copies inside
     * the kernel ({@code copy_file_range} or {@code sendfile}), not through this JVM's buffers.
     */
    private static void appendLocally(RawLocalFileSystem local, Path target, List<Path> parts) throws IOException {
        try (FileChannel out = FileChannel.open(local.pathToFile(target).toPath(), StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
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

    private void stream(List<Path> parts, OutputStream out, byte[] empty) throws IOException {
        if (parts.isEmpty()) {
            out.write(empty);
            return;
        }
        byte[] buffer = new byte[1 << 20];
        for (Path part : parts) {
            try (InputStream in = fs.open(part)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                }
            }
        }
    }

    private void writeHistograms(String histName, String histogramName, long[] counts) throws IOException {
        byte[][] contents = Histograms.contents(counts);
        write(new Path(histName), contents[0]);
        write(new Path(histogramName), contents[1]);
    }

    private void write(Path target, byte[] content) throws IOException {
        Path temporary = temporaryName(target);
        try (FSDataOutputStream out = fs.create(temporary, true)) {
            out.write(content);
        } catch (IOException e) {
            throw new IOException("Failed to write \"" + target + "\": " + e.getMessage(), e);
        }
        made.add(new Path[] {temporary, target});
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("Failed to move " + from + " to " + to);
        }
    }
}
