package io.github.flashj.spark.exec;

import io.github.flashj.io.Compression;
import io.github.flashj.io.decode.DecodedInput;
import io.github.flashj.io.decode.DecodedStream;
import io.github.flashj.io.decode.SeekPoints;
import io.github.flashj.io.input.InputFormat;
import io.github.flashj.io.plan.RangeScan;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * How tasks enter a compressed input at its seek points, with no decoded copy: the segments of a
 * BGZF file's blocks ({@link BgzfInputs}), or of a plain gzip file's index ({@link GzipInputs}),
 * whose windows the tasks read from the index file.
 *
 * @param points the segments
 * @param index for plain gzip, where the tasks read each segment's window; null for BGZF
 * @param found how the seek points were found, for the log: {@code gzip: indexed by 8 Spark tasks in 412 ms (...)}
 * @param scanned the lines of the whole input, counted by the one task that indexed it from its start
 *     (planning then reads nothing of it); else null
 */
public record SeekableInput(SeekPoints points, GzipInputs.IndexFile index, String found, RangeScan scanned)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** An input whose lines planning counts. */
    public SeekableInput(SeekPoints points, GzipInputs.IndexFile index, String found) {
        this(points, index, found, null);
    }

    /**
     * An input as the driver first sees it.
     *
     * @param name the input as given, for messages
     * @param path its qualified path, as the tasks are given it
     * @param head its first bytes ({@link InputPlanning#head}), which tell its compression
     * @param indexDirectory where its plain gzip index is reused and kept (a Hadoop path), or null
     */
    public record Source(String name, String path, byte[] head, String indexDirectory) {
        /** The inputs {@code names}, their first bytes read, each index kept in {@code indexDirectory.apply(f)}. */
        public static List<Source> of(List<String> names, Configuration hadoop, IntFunction<String> indexDirectory)
                throws IOException {
            List<Source> sources = new ArrayList<>();
            for (int f = 0; f < names.size(); f++) {
                String name = names.get(f);
                Path path = new Path(name);
                FileSystem fs = HadoopFiles.of(path, hadoop);
                sources.add(new Source(name, fs.makeQualified(path).toString(), InputPlanning.head(fs, path, name),
                        indexDirectory.apply(f)));
            }
            return sources;
        }

        /** The compression its first bytes tell. */
        public Compression compression() {
            return Compression.of(head, head.length);
        }
    }

    /**
     * How each input is entered: through its BGZF blocks, or through a plain gzip index reused from
     * its {@link Source#indexDirectory} or built by Spark tasks over compressed byte ranges of about
     * {@code rangeBytes} (0 for automatic; the ranges of all plain gzip inputs in one Spark job);
     * null for a file read as it is, or one that cannot be entered at any point (zstd, LZ4, plain
     * gzip with a deflate block longer than a reader holds).
     *
     * @param format how the inputs' records are laid out, for the lines a task that indexes a whole
     *     file counts ({@link #scanned})
     * @param workDirectory where an index is written when its input has no index directory, or
     *     null to ship it to the executors with Spark
     */
    public static List<SeekableInput> find(JavaSparkContext jsc, Broadcast<HadoopConf> conf, List<Source> inputs,
            InputFormat format, long rangeBytes, String workDirectory) throws IOException {
        List<SeekableInput> entered = BgzfInputs.find(jsc, conf, inputs, format, rangeBytes);
        List<Integer> notBgzf = new ArrayList<>();
        List<Source> maybeGzip = new ArrayList<>();
        for (int f = 0; f < inputs.size(); f++) {
            if (entered.get(f) == null) {
                notBgzf.add(f);
                maybeGzip.add(inputs.get(f));
            }
        }
        List<SeekableInput> indexed = GzipInputs.index(jsc, conf, maybeGzip, format, rangeBytes, workDirectory);
        for (int k = 0; k < notBgzf.size(); k++) {
            entered.set(notBgzf.get(k), indexed.get(k));
        }
        return entered;
    }

    /**
     * Why the inputs cannot be split: the first compressed input of {@code sources} that
     * {@code entered} (as {@link #find} gave it) cannot enter at any offset, such as zstd and LZ4;
     * null when every input can be split. One task then reads them all in order, decoding each
     * from its start ({@code ChunkPlanner.inOrder}).
     */
    public static String unsplittable(List<Source> sources, List<SeekableInput> entered) {
        for (int f = 0; f < sources.size(); f++) {
            Compression compression = sources.get(f).compression();
            if (compression != Compression.NONE && entered.get(f) == null) {
                return sources.get(f).name() + " is " + compression + "-compressed, which cannot be entered at any"
                        + " offset (BGZF, as bgzip writes it, can)";
            }
        }
        return null;
    }

    /**
     * The bytes of its plain gzip index that the driver holds and ships to every executor, as it
     * does when the index is kept in no directory; else 0.
     */
    public long shippedIndexBytes() {
        return index == null || index.shipped() == null ? 0 : index.shipped().value().length;
    }

    /** The decompressed data of the input at {@code path}, decoded on one thread ahead of the task that reads them. */
    DecodedInput open(String path, String name, Configuration hadoop) throws IOException {
        Path file = new Path(path);
        HadoopInput compressed = new HadoopInput(HadoopFiles.of(file, hadoop), file);
        try {
            return index == null ? DecodedInput.bgzf(name, compressed, compressed, points, 1)
                    : GzipInputs.open(name, compressed, points, index, hadoop);
        } catch (IOException | RuntimeException e) {
            compressed.close();
            throw e;
        }
    }

    /**
     * The decompressed data of the input at {@code path} from {@code offset} on, decoded on the
     * reading thread as far as it reads ({@link DecodedStream}).
     */
    DecodedStream stream(String path, String name, Configuration hadoop, long offset) throws IOException {
        Path file = new Path(path);
        HadoopInput compressed = new HadoopInput(HadoopFiles.of(file, hadoop), file);
        try {
            return index == null ? DecodedStream.bgzf(name, compressed, compressed, points, offset)
                    : GzipInputs.stream(name, compressed, points, index, hadoop, offset);
        } catch (IOException | RuntimeException e) {
            compressed.close();
            throw e;
        }
    }
}
