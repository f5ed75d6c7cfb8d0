package io.github.flashj.spark.exec;

import io.github.flashj.io.decode.DecodedInput;
import io.github.flashj.io.decode.SeekPoints;
import java.io.IOException;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Plain gzip inputs read through the seek points of an index, with no decoded copy anywhere.
 */
final class GzipInputs {
    private GzipInputs() {
    }

    /**
     * Where the tasks read the windows of a plain gzip file's seek points.
     *
     * @param file the index file, a Hadoop path, or the name {@code SparkContext.addFile} shipped it under
     * @param shipped whether {@code file} names a file shipped to every executor
     * @param positions for each segment, where its window starts in the index file
     * @param lengths for each segment, its window's length
     */
    record Windows(String file, boolean shipped, long[] positions, int[] lengths) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Not yet: plain gzip is decoded on the driver. */
    static SeekableInput index(JavaSparkContext jsc, Broadcast<HadoopConf> conf, String path, String name,
            byte[] head, long rangeBytes, String indexDirectory, String workDirectory) throws IOException {
        return null;
    }

    static DecodedInput open(String name, HadoopInput compressed, SeekPoints points, Windows windows,
            Configuration hadoop) throws IOException {
        throw new UnsupportedOperationException();
    }
}
