package io.github.flashj.spark.source;

import io.github.flashj.io.input.InputFormat;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        List<String> inputs = inputs(options);
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
        CaseInsensitiveStringMap all = merged(scanOptions);
        return new FastqScan.Builder(format(all), inputs(all), all);
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

    /** The input format the options name. */
    static InputFormat format(CaseInsensitiveStringMap options) {
        boolean mates = options.containsKey("mate1") || options.containsKey("mate2");
        boolean interleaved = options.containsKey("interleaved");
        boolean tab = options.containsKey("tabDelimited");
        int given = (mates ? 1 : 0) + (interleaved ? 1 : 0) + (tab ? 1 : 0);
        if (given != 1 || mates && !(options.containsKey("mate1") && options.containsKey("mate2"))) {
            throw new IllegalArgumentException(FlashFastqSource.SHORT_NAME + " reads either 'mate1' and 'mate2', "
                    + "or 'interleaved', or 'tabDelimited' (a path each)");
        }
        return mates ? InputFormat.PAIRED_FASTQ : interleaved ? InputFormat.INTERLEAVED_FASTQ
                : InputFormat.TAB_DELIMITED;
    }

    /** The input paths the options name, in format order. */
    static List<String> inputs(CaseInsensitiveStringMap options) {
        if (options.containsKey("mate1") && options.containsKey("mate2")) {
            return List.of(options.get("mate1"), options.get("mate2"));
        }
        if (options.containsKey("interleaved")) {
            return List.of(options.get("interleaved"));
        }
        if (options.containsKey("tabDelimited")) {
            return List.of(options.get("tabDelimited"));
        }
        return List.of();
    }
}
