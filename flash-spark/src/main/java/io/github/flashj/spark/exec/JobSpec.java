package io.github.flashj.spark.exec;

import io.github.flashj.MergeParameters;
import io.github.flashj.io.input.InputFormat;
import io.github.flashj.io.output.OutputLayout;
import java.io.Serializable;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.broadcast.Broadcast;

/**
 * What every task of a run needs to know, shipped with each task.
 *
 * @param format how the inputs hold pairs
 * @param paths the inputs the tasks read, qualified: the files given
 * @param names the inputs' names for messages, as the user gave them
 * @param parameters the merge parameters
 * @param layout the output layout
 * @param batchSize pairs per batch inside a task
 * @param workDirectory the run's temporary directory, beside the output
 * @param conf the Hadoop configuration, broadcast: shipped to each executor once, not with every task
 * @param seekable for each path, how a gzip file (BGZF or plain) is entered at its seek points,
 *     null for a file read as it is; broadcast as {@code conf}; null when every path is read as it is
 */
public record JobSpec(InputFormat format, List<String> paths, List<String> names, MergeParameters parameters,
        OutputLayout layout, int batchSize, String workDirectory, Broadcast<HadoopConf> conf,
        Broadcast<List<SeekableInput>> seekable) implements Serializable {
    /** A job whose paths are all read as they are. */
    public JobSpec(InputFormat format, List<String> paths, List<String> names, MergeParameters parameters,
            OutputLayout layout, int batchSize, String workDirectory, Broadcast<HadoopConf> conf) {
        this(format, paths, names, parameters, layout, batchSize, workDirectory, conf, null);
    }

    /** How path {@code f} is entered at its seek points, or null when it is read as it is. */
    SeekableInput seekable(int f) {
        return seekable == null ? null : seekable.value().get(f);
    }

    /** The Hadoop configuration. */
    Configuration hadoop() {
        return conf.value().get();
    }

    /** The directory of committed part files. */
    String partsDirectory() {
        return workDirectory + "/" + WorkDirectory.PARTS;
    }

    /** The committed part of output file {@code file} for chunk {@code chunk}. */
    String part(int chunk, int file) {
        return String.format(java.util.Locale.ROOT, "%s/chunk-%09d.%d", partsDirectory(), chunk, file);
    }
}
