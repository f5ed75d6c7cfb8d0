package io.github.flashj.spark.functions;

import io.github.flashj.MergeParameters;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.objects.Invoke;
import org.apache.spark.sql.types.AbstractDataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.ObjectType;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * FLASH's merge as a Spark SQL function:
 * {@code flash_merge(name1, seq1, qual1, name2, seq2, qual2)} returns
 * {@code struct<combined: boolean, orientation: string, overlap: int, name: string, seq: string,
 * qual: string>}. For a combined pair, {@code name} (without the {@code @}), {@code seq} and
 * {@code qual} are the merged record that {@code flash} writes to {@code extendedFrags};
 * {@code orientation} is {@code innie} or {@code outie}, {@code overlap} the overlap length. For
 * a pair that is not combined, {@code combined} is false and the other fields are null. A null
 * argument gives null; a quality character below the PHRED offset fails the query, naming the read.
 *
 * <pre>{@code
 * FlashFunctions.register(spark, MergeParameters.builder().maxOverlap(150).build());
 * spark.sql("SELECT flash_merge(name1, seq1, qual1, name2, seq2, qual2).seq FROM pairs");
 * }</pre>
 */
public final class FlashFunctions {
    /** The function's name in SQL. */
    public static final String NAME = "flash_merge";

    /** The type of the function's result. */
    public static final StructType RESULT_TYPE = new StructType()
            .add("combined", DataTypes.BooleanType, false)
            .add("orientation", DataTypes.StringType, true)
            .add("overlap", DataTypes.IntegerType, true)
            .add("name", DataTypes.StringType, true)
            .add("seq", DataTypes.StringType, true)
            .add("qual", DataTypes.StringType, true);

    /** {@link #RESULT_TYPE} in Spark's DDL, as PySpark's {@code registerJavaFunction} takes it. */
    public static final String RESULT_DDL = RESULT_TYPE.simpleString();

    private FlashFunctions() {
    }

    /**
     * Registers {@code flash_merge} in the session (as a temporary function, replacing one of that
     * name) with FLASH's parameters fixed. Spark's generated code calls the merge directly on its
     * own strings: the call costs no boxing or conversion per row.
     */
    public static void register(SparkSession spark, MergeParameters parameters) {
        FlashMergeFunction function = new FlashMergeFunction(parameters);
        Literal target = Literal.create(function, new ObjectType(FlashMergeFunction.class));
        List<AbstractDataType> inputTypes = List.of(function.inputTypes());
        spark.sessionState().functionRegistry().createOrReplaceTempFunction(NAME,
                arguments -> {
                    if (arguments.size() != 6) {
                        throw new IllegalArgumentException(NAME + " takes 6 arguments (name1, seq1, qual1, name2, "
                                + "seq2, qual2), not " + arguments.size());
                    }
                    return new Invoke(target, "invoke", RESULT_TYPE, arguments,
                            CollectionConverters.asScala(inputTypes).toSeq(), true, true, true);
                }, "java_udf");
    }
}
