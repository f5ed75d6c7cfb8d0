package io.github.flashj.spark.source;

import io.github.flashj.FlashJob;
import io.github.flashj.MergeParameters;
import io.github.flashj.io.Compression;
import io.github.flashj.io.input.InputFormat;
import io.github.flashj.io.plan.ChunkPlan;
import io.github.flashj.io.plan.ChunkPlanner;
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
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A scan of the {@code flashj-fastq} table: the chunk plans of the file job as partitions (gzip
 * inputs read through their seek points, BGZF blocks or a plain gzip index; zstd and LZ4 inputs
 * whole, in one partition), and only the columns the query reads.
 */
final class FastqScan implements Scan, Batch {
    private static final int BATCH_SIZE = FlashJob.DEFAULT_BATCH_SIZE;

    private final InputFormat format;
    private final List<String> inputs;
    private final CaseInsensitiveStringMap options;
    private final StructType readSchema;

    private FastqScan(InputFormat format, List<String> inputs, CaseInsensitiveStringMap options,
            StructType readSchema) {
        this.format = format;
        this.inputs = inputs;
        this.options = options;
        this.readSchema = readSchema;
    }

    /** Keeps the columns the query needs. */
    static final class Builder implements ScanBuilder, SupportsPushDownRequiredColumns {
        private final InputFormat format;
        private final List<String> inputs;
        private final CaseInsensitiveStringMap options;
        private StructType required = FlashFastqSource.SCHEMA;

        Builder(InputFormat format, List<String> inputs, CaseInsensitiveStringMap options) {
            this.format = format;
            this.inputs = inputs;
            this.options = options;
        }

        @Override
        public void pruneColumns(StructType requiredSchema) {
            required = requiredSchema;
        }

        @Override
        public Scan build() {
            return new FastqScan(format, inputs, options, required);
        }
    }

    @Override
    public StructType readSchema() {
        return readSchema;
    }

    @Override
    public String description() {
        return FlashFastqSource.SHORT_NAME + " " + format + " " + inputs + " columns " + Arrays.toString(
                readSchema.fieldNames());
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
        MergeParameters parameters = MergeParameters.builder()
                .phredOffset(options.getInt("phredOffset", MergeParameters.DEFAULTS.phredOffset())).build();
        try {
            List<String> paths = new ArrayList<>();
            List<SeekableInput> seekable = new ArrayList<>();
            boolean compressed = false;
            Broadcast<HadoopConf> conf = jsc.broadcast(new HadoopConf(hadoop));
            List<SeekableInput.Source> sources = SeekableInput.Source.of(inputs, hadoop, f -> options.get("gzipIndex"));
            seekable.addAll(SeekableInput.find(jsc, conf, sources, format, 0, null));
            for (int f = 0; f < inputs.size(); f++) {
                paths.add(sources.get(f).path());
                compressed |= seekable.get(f) == null && sources.get(f).compression() != Compression.NONE;
            }
            List<ChunkPlan> chunks;
            JobSpec job;
            if (compressed) {
                // Read whole and in order: zstd and LZ4 inputs cannot be entered at any offset.
                job = new JobSpec(format, paths, inputs, parameters, null, BATCH_SIZE, null, conf);
                chunks = ChunkPlanner.inOrder(format, -1, null).chunks();
            } else {
                job = new JobSpec(format, paths, inputs, parameters, null, BATCH_SIZE, null, conf,
                        jsc.broadcast(seekable));
                ChunkPlanner.Plan plan = InputPlanning.plan(jsc, job, options.getLong("pairsPerChunk", 0), 0);
                chunks = plan.chunks();
            }
            InputPartition[] partitions = new InputPartition[chunks.size()];
            for (int k = 0; k < partitions.length; k++) {
                partitions[k] = new FastqPartitionReader.Partition(job, chunks.get(k));
            }
            return partitions;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
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
