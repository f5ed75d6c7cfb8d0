package io.github.flashj.spark.source;

import io.github.flashj.MergeParameters;
import io.github.flashj.batch.MergeTally;
import io.github.flashj.io.Compression;
import io.github.flashj.io.output.FlashOutput;
import io.github.flashj.io.output.OutputCompression;
import io.github.flashj.io.output.OutputLayout;
import io.github.flashj.spark.exec.HadoopConf;
import io.github.flashj.spark.exec.HadoopFiles;
import io.github.flashj.spark.exec.JobSpec;
import io.github.flashj.spark.exec.OutputAssembly;
import io.github.flashj.spark.exec.WorkDirectory;
import io.github.flashj.spark.functions.FlashFunctions;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.distributions.Distribution;
import org.apache.spark.sql.connector.distributions.Distributions;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.SortDirection;
import org.apache.spark.sql.connector.expressions.SortOrder;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.RequiresDistributionAndOrdering;
import org.apache.spark.sql.connector.write.SupportsTruncate;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a DataFrame of merge results as FLASH's files: {@code PREFIX.extendedFrags.fastq} from
 * the combined rows' {@code flash_merge} result, {@code PREFIX.notCombined_1/2.fastq} from the
 * other rows' reads, and the histograms of merged lengths, in {@code pair_index} order.
 *
 * <p>The DataFrame has the table's columns ({@code pair_index}, {@code name1} ... {@code qual2})
 * and one column of {@code flash_merge}'s result type, whatever its name. Spark range-partitions
 * and sorts the rows by {@code pair_index}; each task writes its part of every file, committed
 * by rename, and the driver joins the parts in partition order (no {@code coalesce(1)}), every
 * file under a temporary name until all are complete, as the file job does. Options: the
 * directory ({@code save(directory)} or {@code path}), {@code prefix} ({@code out}),
 * {@code compression} ({@code none}, {@code gzip}, {@code zstd}, {@code lz4}) and
 * {@code allowOuties} (also write the innie and outie histograms, as {@code flash -O}). Use
 * {@code mode("overwrite")} to replace files that are there; {@code append} refuses to.
 */
final class FlashLayoutBatchWrite implements RequiresDistributionAndOrdering, BatchWrite {
    private static final Logger LOG = LoggerFactory.getLogger(FlashLayoutBatchWrite.class);
    private static final List<String> PAIR_COLUMNS = List.of("name1", "seq1", "qual1", "name2", "seq2", "qual2");
    private static final SortOrder[] BY_PAIR_INDEX = {
        Expressions.sort(Expressions.column("pair_index"), SortDirection.ASCENDING)};

    /** Column positions of the DataFrame written: pair_index, the six read columns, the merge result. */
    record Columns(int pairIndex, int[] reads, int merge) implements Serializable {
    }

    /** What a task's part of the files held. */
    record Committed(int partition, MergeTally tally) implements WriterCommitMessage {
    }

    static final class Builder implements WriteBuilder, SupportsTruncate {
        private final LogicalWriteInfo info;
        private boolean replace;

        Builder(LogicalWriteInfo info) {
            this.info = info;
        }

        @Override
        public WriteBuilder truncate() {
            replace = true;
            return this;
        }

        @Override
        public Write build() {
            return new FlashLayoutBatchWrite(info, replace);
        }
    }

    private final OutputLayout layout;
    private final Columns columns;
    private final boolean replace;
    private JobSpec job;
    private WorkDirectory work;

    private FlashLayoutBatchWrite(LogicalWriteInfo info, boolean replace) {
        CaseInsensitiveStringMap options = info.options();
        String directory = options.get("path");
        if (directory == null) {
            throw new IllegalArgumentException(FlashFastqSource.SHORT_NAME + " writes into a directory: save(directory)");
        }
        this.layout = FlashOutput.builder().directory(directory).prefix(options.getOrDefault("prefix", "out"))
                .compression(compression(options.getOrDefault("compression", "none")))
                .orientationHistograms(options.getBoolean("allowOuties", false)).layout();
        this.columns = columns(info.schema());
        this.replace = replace;
    }

    private static OutputCompression compression(String name) {
        return OutputCompression.of(Compression.named(name.toLowerCase(Locale.ROOT)).orElseThrow(
                () -> new IllegalArgumentException("compression '" + name + "': none, gzip, zstd or lz4")));
    }

    private static Columns columns(StructType schema) {
        int pairIndex = ordinal(schema, "pair_index", DataTypes.LongType);
        int[] reads = new int[PAIR_COLUMNS.size()];
        for (int i = 0; i < reads.length; i++) {
            reads[i] = ordinal(schema, PAIR_COLUMNS.get(i), DataTypes.StringType);
        }
        int merge = -1;
        for (int i = 0; i < schema.size(); i++) {
            DataType type = schema.fields()[i].dataType();
            if (type instanceof StructType struct
                    && List.of(struct.fieldNames()).equals(List.of(FlashFunctions.RESULT_TYPE.fieldNames()))) {
                if (merge >= 0) {
                    throw new IllegalArgumentException("two columns of flash_merge's result type: "
                            + schema.fields()[merge].name() + " and " + schema.fields()[i].name());
                }
                merge = i;
            }
        }
        if (merge < 0) {
            throw new IllegalArgumentException(FlashFastqSource.SHORT_NAME + " writes the result of flash_merge: "
                    + "add a column flash_merge(name1, seq1, qual1, name2, seq2, qual2)");
        }
        return new Columns(pairIndex, reads, merge);
    }

    private static int ordinal(StructType schema, String name, DataType type) {
        for (int i = 0; i < schema.size(); i++) {
            if (schema.fields()[i].name().equalsIgnoreCase(name)) {
                if (!schema.fields()[i].dataType().equals(type)) {
                    throw new IllegalArgumentException("column " + name + " is " + schema.fields()[i].dataType()
                            .simpleString() + ", not " + type.simpleString());
                }
                return i;
            }
        }
        throw new IllegalArgumentException(FlashFastqSource.SHORT_NAME + " writes the table's columns with the "
                + "merge result; " + name + " is missing");
    }

    @Override
    public Distribution requiredDistribution() {
        return Distributions.ordered(BY_PAIR_INDEX);
    }

    @Override
    public SortOrder[] requiredOrdering() {
        return BY_PAIR_INDEX;
    }

    @Override
    public String description() {
        return "FLASH's layout in " + layout.directory();
    }

    @Override
    public BatchWrite toBatch() {
        return this;
    }

    @Override
    public DataWriterFactory createBatchWriterFactory(PhysicalWriteInfo info) {
        SparkSession spark = SparkSession.active();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        try {
            Path directory = new Path(layout.directory());
            FileSystem fs = HadoopFiles.of(directory, hadoop);
            if (!replace) {
                for (String name : layout.readFileNames()) {
                    if (fs.exists(new Path(name))) {
                        throw new IllegalStateException(name + " exists: write with mode(\"overwrite\") to replace "
                                + "FLASH's files");
                    }
                }
            }
            work = WorkDirectory.prepare(layout, hadoop);
            job = new JobSpec(null, List.of(), List.of(), MergeParameters.DEFAULTS, layout, 0, work.path(),
                    JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(new HadoopConf(hadoop)));
            return new FlashLayoutDataWriter.Factory(job, columns);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public void commit(WriterCommitMessage[] messages) {
        MergeTally total = new MergeTally(MergeParameters.DEFAULTS.maxOverlap());
        for (WriterCommitMessage message : messages) {
            total.add(((Committed) message).tally());
        }
        try {
            OutputAssembly.write(job, messages.length, total.toStatistics(Duration.ZERO), null);
            LOG.info("Wrote FLASH's layout in {}: {} pairs, {} combined", layout.directory(), total.pairs(),
                    total.toStatistics(Duration.ZERO).combined());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } finally {
            removeWorkDirectory();
        }
    }

    @Override
    public void abort(WriterCommitMessage[] messages) {
        removeWorkDirectory();
    }

    private void removeWorkDirectory() {
        if (work != null) {
            work.close();
            work = null;
        }
    }
}
