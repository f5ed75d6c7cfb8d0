package io.github.flashj.spark.functions;

import io.github.flashj.MergeParameters;
import java.io.Serializable;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * {@code flash_merge(name1, seq1, qual1, name2, seq2, qual2)} as a Spark connector function:
 * Spark's generated code calls {@link #invoke} with the rows' own UTF-8 strings, with no boxing
 * or conversion per row. {@link FlashFunctions#register} puts it in a session under its name.
 */
public final class FlashMergeFunction implements ScalarFunction<InternalRow>, Serializable {
    private static final long serialVersionUID = 1L;
    private static final DataType[] INPUT_TYPES = {DataTypes.StringType, DataTypes.StringType,
        DataTypes.StringType, DataTypes.StringType, DataTypes.StringType, DataTypes.StringType};

    private final MergeParameters parameters;
    private transient RowMerger merger;

    /** The function with FLASH's parameters fixed. */
    public FlashMergeFunction(MergeParameters parameters) {
        this.parameters = parameters;
    }

    /** The merge of one pair: the struct of {@link FlashFunctions#RESULT_TYPE}. */
    public InternalRow invoke(UTF8String name1, UTF8String seq1, UTF8String qual1, UTF8String name2,
            UTF8String seq2, UTF8String qual2) {
        if (merger == null) {
            merger = new RowMerger(parameters);
        }
        return merger.merge(name1, seq1, qual1, name2, seq2, qual2);
    }

    @Override
    public InternalRow produceResult(InternalRow input) {
        for (int i = 0; i < INPUT_TYPES.length; i++) {
            if (input.isNullAt(i)) {
                return null;
            }
        }
        return invoke(input.getUTF8String(0), input.getUTF8String(1), input.getUTF8String(2),
                input.getUTF8String(3), input.getUTF8String(4), input.getUTF8String(5));
    }

    @Override
    public DataType[] inputTypes() {
        return INPUT_TYPES.clone();
    }

    @Override
    public DataType resultType() {
        return FlashFunctions.RESULT_TYPE;
    }

    @Override
    public String name() {
        return FlashFunctions.NAME;
    }

    @Override
    public String canonicalName() {
        return "flashj." + FlashFunctions.NAME + "(" + parameters + ")";
    }
}
