package io.github.flashj.spark.exec;

import io.github.flashj.batch.MergeTally;
import io.github.flashj.io.input.InputFingerprint;
import io.github.flashj.io.plan.ChunkPlan;
import io.github.flashj.io.plan.ChunkPlanner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resumable run's part in its work directory: it records its inputs' fingerprints, settings and
 * plan there, and when it took the directory over from a stopped run whose record matches, it
 * merges only the chunks that run did not commit. A record that does not match (an input changed,
 * another setting) or cannot be read is never trusted: the run starts over and says why.
 */
final class Resumption {
    private static final Logger LOG = LoggerFactory.getLogger(Resumption.class);

    private final WorkDirectory work;
    private final FileSystem fs;
    private final List<String> inputs;
    private final List<InputFingerprint> fingerprints;
    private final String settings;
    private final RunRecord earlier;

    private Resumption(WorkDirectory work, FileSystem fs, List<String> inputs, List<InputFingerprint> fingerprints,
            String settings, RunRecord earlier) {
        this.work = work;
        this.fs = fs;
        this.inputs = inputs;
        this.fingerprints = fingerprints;
        this.settings = settings;
        this.earlier = earlier;
    }

    /**
     * The resumption of a run of {@code inputs} with {@code settings}
     * ({@link RunRecord#settings}) in {@code work}: when the directory was taken over, its record
     * is checked, and a mismatch clears the directory's parts.
     */
    static Resumption of(WorkDirectory work, List<String> inputs, String settings, Configuration hadoop)
            throws IOException {
        Path record = work.record();
        FileSystem fs = HadoopFiles.of(record, hadoop);
        List<String> qualified = new ArrayList<>();
        for (String input : inputs) {
            Path path = new Path(input);
            qualified.add(HadoopFiles.of(path, hadoop).makeQualified(path).toString());
        }
        List<InputFingerprint> fingerprints = RunRecord.fingerprints(qualified, hadoop);
        RunRecord earlier = null;
        if (work.earlier()) {
            String why;
            try {
                RunRecord read = RunRecord.read(fs, record);
                why = read.mismatch(qualified, fingerprints, settings);
                earlier = why == null ? read : null;
            } catch (IOException e) {
                why = e.getMessage();
            }
            if (earlier == null) {
                LOG.warn("Not resuming the run stopped in {}: {}; starting over", work.path(), why);
                work.clear();
            }
        }
        return new Resumption(work, fs, qualified, fingerprints, settings, earlier);
    }

    /** The stopped run's record when this run resumes it, else null. */
    RunRecord earlier() {
        return earlier;
    }

    /** Records this run's plan, so that a rerun can resume it. */
    void record(ChunkPlanner.Plan plan) throws IOException {
        RunRecord.of(inputs, fingerprints, settings, plan).write(fs, work.record());
    }

    /** Removes the record: what follows uses the committed parts up, so a rerun must start over. */
    void forget() throws IOException {
        fs.delete(work.record(), false);
    }

    /**
     * Adds the counts of the chunks the stopped run committed to {@code total}, and returns the
     * others, which are to be merged.
     */
    List<ChunkPlan> committed(JobSpec job, List<ChunkPlan> chunks, MergeTally total) throws IOException {
        List<ChunkPlan> missing = new ArrayList<>();
        for (ChunkPlan chunk : chunks) {
            MergeTally counts = PartFiles.readTally(fs, PartFiles.tally(job, chunk.id()));
            if (counts == null) {
                missing.add(chunk);
            } else {
                total.add(counts);
            }
        }
        LOG.info("Resuming the run stopped in {}: {} of {} chunks were committed; merging the other {}",
                work.path(), chunks.size() - missing.size(), chunks.size(), missing.size());
        return missing;
    }
}
