package io.github.flashj.spark.source;

import io.github.flashj.FlashJob;
import io.github.flashj.io.input.InputFormat;
import io.github.flashj.io.plan.ChunkPlan;
import io.github.flashj.io.plan.ChunkPlanner;
import io.github.flashj.spark.FlashSpark;
import io.github.flashj.spark.exec.HadoopConf;
import io.github.flashj.spark.exec.InputPlanning;
import io.github.flashj.spark.exec.JobSpec;
import io.github.flashj.spark.exec.SeekableInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scan of the {@code flashj-fastq} table: the chunk plans of the file job as partitions (gzip
 * inputs read through their seek points, BGZF blocks or a plain gzip index; zstd and LZ4 inputs
 * whole, in one partition), and only the columns the query reads. A query over inputs that have
 * not changed, with the same options and Hadoop configuration, takes the partitions an earlier one
 * planned ({@link ScanPlans}).
 */
final class FastqScan implements Scan, Batch {
    private static final Logger LOG = LoggerFactory.getLogger(FastqScan.class);
    private static final int BATCH_SIZE = FlashJob.DEFAULT_BATCH_SIZE;
    /** Above this size, a gzip index shipped from the driver costs it and every executor memory. */
    static final long SHIPPED_INDEX_WARNING = 64L << 20;

    private final FastqReadOptions options;
    private final StructType readSchema;

    private FastqScan(FastqReadOptions options, StructType readSchema) {
        this.options = options;
        this.readSchema = readSchema;
    }

    /** Keeps the columns the query needs. */
    static final class Builder implements ScanBuilder, SupportsPushDownRequiredColumns {
        private final FastqReadOptions options;
        private StructType required = FlashFastqSource.SCHEMA;

        Builder(FastqReadOptions options) {
            this.options = options;
        }

        @Override
        public void pruneColumns(StructType requiredSchema) {
            required = requiredSchema;
        }

        @Override
        public Scan build() {
            return new FastqScan(options, required);
        }
    }

    @Override
    public StructType readSchema() {
        return readSchema;
    }

    @Override
    public String description() {
        return FlashFastqSource.SHORT_NAME + " " + options.format() + " " + options.inputs() + " columns "
                + Arrays.toString(readSchema.fieldNames());
    }

    @Override
    public Batch toBatch() {
        return this;
    }

    @Override
    public InputPartition[] planInputPartitions() {
        SparkSession spark = SparkSession.active();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        InputFormat format = options.format();
        List<String> inputs = options.inputs();
        try {
            List<SeekableInput.Source> sources = SeekableInput.Source.of(inputs, hadoop, f -> options.gzipIndex());
            ScanPlans.Key key = ScanPlans.key(jsc.sc().applicationId(), options, sources, hadoop);
            InputPartition[] kept = ScanPlans.get(key);
            if (kept != null) {
                // Debug: Spark asks for the partitions twice an action.
                LOG.debug("{} {}: {} partitions, as planned by an earlier query (the inputs have not changed)",
                        FlashFastqSource.SHORT_NAME, inputs, kept.length);
                return kept;
            }
            long started = System.nanoTime();
            List<String> paths = new ArrayList<>();
            Broadcast<HadoopConf> conf = jsc.broadcast(new HadoopConf(hadoop));
            List<SeekableInput> seekable = SeekableInput.find(jsc, conf, sources, format, options.rangeBytes(), null);
            for (int f = 0; f < inputs.size(); f++) {
                paths.add(sources.get(f).path());
                warnOfAShippedIndex(sources.get(f), seekable.get(f));
            }
            String unsplittable = SeekableInput.unsplittable(sources, seekable);
            List<ChunkPlan> chunks;
            JobSpec job;
            if (unsplittable != null) {
                job = new JobSpec(format, paths, inputs, options.parameters(), null, BATCH_SIZE, null, conf);
                chunks = ChunkPlanner.inOrder(format, -1, unsplittable).chunks();
            } else {
                job = new JobSpec(format, paths, inputs, options.parameters(), null, BATCH_SIZE, null, conf,
                        jsc.broadcast(seekable));
                chunks = InputPlanning.plan(jsc, job, options.pairsPerChunk(), options.rangeBytes()).chunks();
            }
            InputPartition[] partitions = new InputPartition[chunks.size()];
            for (int k = 0; k < partitions.length; k++) {
                partitions[k] = new FastqPartitionReader.Partition(job, chunks.get(k));
            }
            LOG.info("{} {}: {} partitions, planned in {} ms", FlashFastqSource.SHORT_NAME, inputs, partitions.length,
                    (System.nanoTime() - started) / 1_000_000);
            ScanPlans.put(key, partitions);
            return partitions;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Warns when the gzip index of {@code source} is large and shipped from the driver, which holds
     * it whole, to every executor, which fetches it whole; kept in a directory, it would be neither.
     */
    private static void warnOfAShippedIndex(SeekableInput.Source source, SeekableInput entered) {
        String warning = shippedIndexWarning(source.name(), entered == null ? 0 : entered.shippedIndexBytes());
        if (warning != null) {
            LOG.warn(warning);
        }
    }

    /** The warning for input {@code name} whose index of {@code bytes} is shipped from the driver, or null for none. */
    static String shippedIndexWarning(String name, long bytes) {
        if (bytes <= SHIPPED_INDEX_WARNING) {
            return null;
        }
        return name + ": its gzip index (" + (bytes >> 20) + " MiB) is shipped from the driver, which holds it"
                + " whole, to every executor; name a directory on a file system every executor reads, in the"
                + " table's " + FastqReadOptions.GZIP_INDEX + " option or the " + FlashSpark.GZIP_INDEX_SETTING
                + " setting, to keep the index there and reuse it in later applications";
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        int[] columns = new int[readSchema.size()];
        for (int i = 0; i < columns.length; i++) {
            StructField field = readSchema.fields()[i];
            columns[i] = FlashFastqSource.SCHEMA.fieldIndex(field.name());
        }
        return new FastqPartitionReader.Factory(columns);
    }
}
