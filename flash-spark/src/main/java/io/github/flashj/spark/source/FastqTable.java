package io.github.flashj.spark.source;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The {@code flashj-fastq} table of the options given: read as pairs, written as FLASH's layout. */
final class FastqTable implements SupportsRead, SupportsWrite {
    private final CaseInsensitiveStringMap options;

    FastqTable(CaseInsensitiveStringMap options) {
        this.options = options;
    }

    @Override
    public String name() {
        List<String> inputs = FastqReadOptions.inputs(options);
        return FlashFastqSource.SHORT_NAME + (inputs.isEmpty() ? "" : " " + String.join(", ", inputs));
    }

    @Override
    public StructType schema() {
        return FlashFastqSource.SCHEMA;
    }

    @Override
    public Set<TableCapability> capabilities() {
        // Any schema on write: the merge result column comes with the table's columns.
        return EnumSet.of(TableCapability.BATCH_READ, TableCapability.BATCH_WRITE, TableCapability.TRUNCATE,
                TableCapability.ACCEPT_ANY_SCHEMA);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap scanOptions) {
        RuntimeConfig session = SparkSession.active().conf();
        return new FastqScan.Builder(FastqReadOptions.parse(merged(scanOptions),
                key -> session.contains(key) ? session.get(key) : null));
    }

    @Override
    public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
        return new FlashLayoutBatchWrite.Builder(info);
    }

    private CaseInsensitiveStringMap merged(CaseInsensitiveStringMap more) {
        Map<String, String> all = new HashMap<>(options.asCaseSensitiveMap());
        all.putAll(more.asCaseSensitiveMap());
        return new CaseInsensitiveStringMap(all);
    }
}
