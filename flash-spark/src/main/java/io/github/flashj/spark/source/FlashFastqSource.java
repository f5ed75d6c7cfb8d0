package io.github.flashj.spark.source;

import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The {@code flashj-fastq} data source: paired FASTQ as a table, and FLASH's layout as a sink.
 *
 * <p>Reading: one row per pair, in input order, with the columns of {@link #SCHEMA}. Options:
 * {@code mate1} and {@code mate2} (two mate files), or {@code interleaved}, or
 * {@code tabDelimited} (one file); {@code phredOffset} (33); {@code pairsPerChunk} (pairs per
 * partition; about four partitions per core when not set); {@code rangeBytes} (bytes per planning
 * task; by input size when not set); {@code gzipIndex} (a directory where indexes of plain gzip
 * inputs are reused and kept). The last three default to the session's
 * {@code spark.flashj.pairsPerChunk}, {@code spark.flashj.rangeBytes} and
 * {@code spark.flashj.gzipIndex} ({@link FastqReadOptions}). Plain and gzip files are cut into partitions
 * of whole pairs as the file job cuts them (gzip read through its seek points); a zstd or LZ4
 * input is read by one partition, in order.
 * Bad input fails the query with the file and the line.
 *
 * <pre>{@code
 * Dataset<Row> pairs = spark.read().format("flashj-fastq")
 *         .option("mate1", "reads_1.fq").option("mate2", "reads_2.fq").load();
 * spark.sql("CREATE TABLE pairs USING `flashj-fastq` OPTIONS (mate1 'r_1.fq', mate2 'r_2.fq')");
 * }</pre>
 *
 * <p>Writing ({@code .mode("overwrite").save(directory)}): a DataFrame with the pair columns and
 * one column of {@code flash_merge}'s result is written as FLASH's files, in {@code pair_index}
 * order ({@link FlashLayoutBatchWrite} says how).
 */
public final class FlashFastqSource implements TableProvider, DataSourceRegister {
    /** The data source's short name. */
    public static final String SHORT_NAME = "flashj-fastq";

    /**
     * The table's columns: {@code pair_index} (the pair's position in the input, from 0), then each
     * read's tag (without the {@code @}), sequence and qualities as FLASH reads them (trailing
     * whitespace removed, bases other than A, C, G, T as N, letters in upper case). A lone read of
     * tab-delimited input has null mate 2 columns.
     */
    public static final StructType SCHEMA = new StructType()
            .add("pair_index", DataTypes.LongType, false)
            .add("name1", DataTypes.StringType, false)
            .add("seq1", DataTypes.StringType, false)
            .add("qual1", DataTypes.StringType, false)
            .add("name2", DataTypes.StringType, true)
            .add("seq2", DataTypes.StringType, true)
            .add("qual2", DataTypes.StringType, true);

    @Override
    public String shortName() {
        return SHORT_NAME;
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return SCHEMA;
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return new FastqTable(new CaseInsensitiveStringMap(properties));
    }
}
