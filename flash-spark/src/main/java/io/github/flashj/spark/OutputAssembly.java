package io.github.flashj.spark;

import io.github.flashj.JobStatistics;
import io.github.flashj.io.output.Histograms;
import io.github.flashj.io.output.OutputLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes FLASH's layout on the driver from the committed parts: each read file is its parts in
 * chunk order, joined by {@link PartFiles#join} (HDFS's {@code concat}, the kernel's file copy on a
 * local file system, or streaming). Every file is made under a temporary name and renamed into
 * place only once all of them are complete, so a failed run never leaves a file that looks whole.
 */
final class OutputAssembly {
    private static final Logger LOG = LoggerFactory.getLogger(OutputAssembly.class);

    private final JobSpec job;
    private final FileSystem fs;
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    /** Files made under temporary names, and the final names they take. */
    private final List<Path[]> made = new ArrayList<>();

    OutputAssembly(JobSpec job) throws IOException {
        this.job = job;
        this.fs = HadoopFiles.of(new Path(job.workDirectory()), job.hadoop());
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
                throw new IOException("Failed to open \"" + name + "\" for writing: " + HadoopFiles.reason(e), e);
            }
        }
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
                PartFiles.stream(fs, parts, stdout, empty);
                stdout.flush();
                continue;
            }
            Path target = new Path(names.get(f));
            Path temporary = temporaryName(target);
            String joined;
            try {
                joined = PartFiles.join(fs, parts, temporary, empty);
            } catch (IOException | FSError e) {
                fs.delete(temporary, false);
                throw new IOException("Failed to write \"" + names.get(f) + "\": " + HadoopFiles.reason(e), e);
            }
            if (!joined.equals("renamed")) {
                how = joined;
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
            PartFiles.rename(fs, file[0], file[1]);
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
        return new Path(target.getParent(), OutputLayout.temporaryFileName(target.getName(), tag));
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
        } catch (IOException | FSError e) {
            fs.delete(temporary, false);
            throw new IOException("Failed to write \"" + target + "\": " + HadoopFiles.reason(e), e);
        }
        made.add(new Path[] {temporary, target});
    }
}
