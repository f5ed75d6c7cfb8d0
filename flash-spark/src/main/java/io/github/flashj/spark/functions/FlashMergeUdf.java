package io.github.flashj.spark.functions;

import io.github.flashj.MergeParameters;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF6;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * {@code flash_merge} as a plain Java UDF, for PySpark's {@code registerJavaFunction} (which needs
 * a class with a no-argument constructor) and {@code spark.udf().register}. Spark converts every
 * argument and result between its rows and Java objects; {@link FlashFunctions#register} gives
 * the faster form.
 *
 * <pre>{@code
 * spark.udf.registerJavaFunction("flash_merge", "io.github.flashj.spark.functions.FlashMergeUdf",
 *                                FLASH_MERGE_TYPE)   # FlashFunctions.RESULT_DDL
 * }</pre>
 */
public final class FlashMergeUdf implements UDF6<String, String, String, String, String, String, Row> {
    private static final long serialVersionUID = 1L;

    private final MergeParameters parameters;
    private transient RowMerger merger;

    /** FLASH's default parameters (those of {@code flash} with no options). */
    public FlashMergeUdf() {
        this(MergeParameters.DEFAULTS);
    }

    /** The given parameters. */
    public FlashMergeUdf(MergeParameters parameters) {
        this.parameters = parameters;
    }

    @Override
    public Row call(String name1, String seq1, String qual1, String name2, String seq2, String qual2) {
        if (name1 == null || seq1 == null || qual1 == null || name2 == null || seq2 == null || qual2 == null) {
            return null;
        }
        if (merger == null) {
            merger = new RowMerger(parameters);
        }
        InternalRow r = merger.merge(RowMerger.utf8(name1), RowMerger.utf8(seq1), RowMerger.utf8(qual1),
                RowMerger.utf8(name2), RowMerger.utf8(seq2), RowMerger.utf8(qual2));
        if (!r.getBoolean(0)) {
            return RowFactory.create(false, null, null, null, null, null);
        }
        return RowFactory.create(true, r.getUTF8String(1).toString(), r.getInt(2), string(r, 3), string(r, 4),
                string(r, 5));
    }

    private static String string(InternalRow r, int field) {
        return new String(r.getUTF8String(field).getBytes(), StandardCharsets.UTF_8);
    }
}
