package io.github.flashj.spark.source;

import io.github.flashj.spark.exec.HadoopFiles;
import io.github.flashj.spark.exec.SeekableInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * The partitions of this driver's latest {@code flashj-fastq} scans, kept for the next query over
 * the same inputs with the same options. Planning a scan reads every input once to count its lines
 * (and indexes a plain gzip input with no index directory: a second pass); a query over inputs
 * that did not change would only do it again. An input is taken as unchanged while its length and
 * modification time are, as Spark's own file index takes it. The newest {@link #KEPT} plans are
 * kept, each with the broadcasts its partitions name (the Hadoop configuration among them), and only
 * for the Spark application and the Hadoop configuration that made them.
 */
final class ScanPlans {
    /** Plans kept: a query and its DataFrame's next few, over as many tables. */
    static final int KEPT = 4;

    /**
     * What a plan depends on: the application (its broadcasts), the Hadoop configuration the tasks
     * are given (credentials, endpoints), the options, and each input's state.
     */
    record Key(String application, Map<String, String> hadoop, FastqReadOptions options, List<InputState> inputs) {
    }

    /** An input as its file system lists it. */
    record InputState(String path, long length, long modified) {
    }

    private static final Map<Key, InputPartition[]> PLANS = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, InputPartition[]> eldest) {
            return size() > KEPT;
        }
    };

    private ScanPlans() {
    }

    /** The key of a scan of {@code sources} with {@code options}, in {@code application}; lists each input. */
    static Key key(String application, FastqReadOptions options, List<SeekableInput.Source> sources,
            Configuration hadoop) throws IOException {
        List<InputState> inputs = new ArrayList<>();
        for (SeekableInput.Source source : sources) {
            Path path = new Path(source.path());
            FileStatus status = HadoopFiles.of(path, hadoop).getFileStatus(path);
            inputs.add(new InputState(source.path(), status.getLen(), status.getModificationTime()));
        }
        Map<String, String> settings = new TreeMap<>();
        for (Map.Entry<String, String> setting : hadoop) {
            settings.put(setting.getKey(), setting.getValue());
        }
        return new Key(application, settings, options, List.copyOf(inputs));
    }

    /** The partitions planned for {@code key}, or null when none are kept. */
    static synchronized InputPartition[] get(Key key) {
        InputPartition[] kept = PLANS.get(key);
        return kept == null ? null : kept.clone();
    }

    /** Keeps {@code partitions} for {@code key}, dropping the least recently used plan past {@link #KEPT}. */
    static synchronized void put(Key key, InputPartition[] partitions) {
        PLANS.put(key, partitions.clone());
    }
}
