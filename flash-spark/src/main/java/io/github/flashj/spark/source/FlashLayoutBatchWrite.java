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
import java.util.ArrayList;
import java.util.Comparator;
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
 * and one column of {@code flash_merge}'s result type, whatever its name. Each task writes its
 * part of every file, committed by rename, and the driver joins the parts in the order of their
 * first {@code pair_index} (no {@code coalesce(1)}), every file under a temporary name until all
 * are complete, as the file job does.
 *
 * <p>The sink asks Spark for no shuffle and no sort: a DataFrame that keeps the table scan's
 * partitions (narrow steps only: {@code withColumn}, {@code where}, {@code select}) has each
 * partition in increasing {@code pair_index}, and the partitions do not overlap. Each task checks
 * its rows' order and reports its first and last {@code pair_index}; a partition out of order, or
 * two that overlap, fail the write with both named and no file published, never a file in the
 * wrong order. {@code orderBy("pair_index")} puts any DataFrame in that order; so does the option
 * {@code order} {@code sort} (default {@code keep}), with which Spark range-partitions and sorts
 * the rows by {@code pair_index} before the tasks write.
 *
 * <p>Options: the directory ({@code save(directory)} or {@code path}), {@code prefix}
 * ({@code out}), {@code compression} ({@code none}, {@code gzip}, {@code zstd}, {@code lz4}),
 * {@code allowOuties} (also write the innie and outie histograms, as {@code flash -O}) and
 * {@code order}. Use {@code mode("overwrite")} to replace files that are there; {@code append}
 * refuses to.
 */
final class FlashLayoutBatchWrite implements RequiresDistributionAndOrdering, BatchWrite {
    private static final Logger LOG = LoggerFactory.getLogger(FlashLayoutBatchWrite.class);
    private static final List<String> PAIR_COLUMNS = List.of("name1", "seq1", "qual1", "name2", "seq2", "qual2");
    private static final SortOrder[] BY_PAIR_INDEX = {
        Expressions.sort(Expressions.column("pair_index"), SortDirection.ASCENDING)};

    /** Column positions of the DataFrame written: pair_index, the six read columns, the merge result. */
    record Columns(int pairIndex, int[] reads, int merge) implements Serializable {
    }

    /** The first and last {@code pair_index} of a part. */
    record PairRange(long first, long last) implements Serializable {
    }

    /**
     * What a task's part of the files held: its pairs (null when it has none) and their tally, or,
     * when its rows were out of {@code pair_index} order, where (and no part).
     */
    record Committed(int partition, PairRange pairs, MergeTally tally, String outOfOrder)
            implements WriterCommitMessage {
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
    /** Whether Spark sorts the rows by {@code pair_index} ({@code order} {@code sort}). */
    private final boolean sortRows;
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
        this.sortRows = sortRows(options.getOrDefault("order", "keep"));
    }

    private static boolean sortRows(String order) {
        return switch (order.toLowerCase(Locale.ROOT)) {
            case "keep" -> false;
            case "sort" -> true;
            default -> throw new IllegalArgumentException("order '" + order + "': keep (the DataFrame's, "
                    + "checked) or sort (Spark sorts the rows by pair_index)");
        };
    }

    /** Why a write fails when its rows are not in {@code pair_index} order, and what to do. */
    static String notInScanOrder(String what) {
        return what + ": the sink writes each pair_index once, in the order of the DataFrame's partitions (each "
                + "increasing, none overlapping, as the table's are); a shuffled DataFrame needs "
                + ".orderBy(\"pair_index\") or .option(\"order\", \"sort\")";
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
        return sortRows ? Distributions.ordered(BY_PAIR_INDEX) : Distributions.unspecified();
    }

    @Override
    public SortOrder[] requiredOrdering() {
        return sortRows ? BY_PAIR_INDEX : new SortOrder[0];
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
        List<Committed> parts = new ArrayList<>();
        for (WriterCommitMessage message : messages) {
            Committed part = (Committed) message;
            if (part.outOfOrder() != null) {
                removeWorkDirectory();
                throw new IllegalStateException(notInScanOrder(part.outOfOrder()));
            }
            total.add(part.tally());
            parts.add(part);
        }
        try {
            OutputAssembly.write(job, partOrder(parts), total.toStatistics(Duration.ZERO), null);
            LOG.info("Wrote FLASH's layout in {}: {} pairs, {} combined", layout.directory(), total.pairs(),
                    total.toStatistics(Duration.ZERO).combined());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } finally {
            removeWorkDirectory();
        }
    }

    /**
     * The parts in the order of their first {@code pair_index} (the empty ones last).
     *
     * @throws IllegalStateException when two parts overlap
     */
    private static int[] partOrder(List<Committed> parts) {
        List<Committed> ordered = new ArrayList<>(parts);
        ordered.sort(Comparator.comparing((Committed part) -> part.pairs() == null)
                .thenComparing(part -> part.pairs() == null ? 0 : part.pairs().first()));
        int[] order = new int[ordered.size()];
        for (int k = 0; k < order.length; k++) {
            Committed part = ordered.get(k);
            order[k] = part.partition();
            Committed previous = k == 0 ? null : ordered.get(k - 1);
            if (part.pairs() != null && previous != null && part.pairs().first() <= previous.pairs().last()) {
                throw new IllegalStateException(notInScanOrder("partitions " + previous.partition() + " (pair_index "
                        + previous.pairs().first() + " to " + previous.pairs().last() + ") and " + part.partition()
                        + " (pair_index " + part.pairs().first() + " to " + part.pairs().last() + ") overlap"));
            }
        }
        return order;
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
