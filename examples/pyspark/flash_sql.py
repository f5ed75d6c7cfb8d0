"""FlashJ in Spark SQL from PySpark: the flashj-fastq table, flash_merge in both of its forms, and
FLASH's layout written back, on the example pairs.

    python flash_sql.py JARS MATE1 MATE2 OUTPUT_DIRECTORY

JARS is the comma-separated list of FlashJ's jars (flash-spark and its flash-* dependencies);
run.sh beside this file builds it and runs this script with pyspark from PyPI.
"""
import sys

from pyspark.sql import SparkSession


def main(jars, mate1, mate2, output):
    spark = (SparkSession.builder.master("local[2]").appName("flashj-pyspark")
             .config("spark.jars", jars).config("spark.ui.enabled", "false").getOrCreate())
    jvm = spark._jvm
    flash = jvm.io.github.flashj

    # flash_merge with FLASH's parameters (here -M 150), called by Spark's generated code.
    parameters = flash.MergeParameters.builder().maxOverlap(150).build()
    flash.spark.functions.FlashFunctions.register(spark._jsparkSession, parameters)

    # The plain UDF form, with FLASH's default parameters: registerJavaFunction needs the type.
    spark.udf.registerJavaFunction("flash_merge_udf", "io.github.flashj.spark.functions.FlashMergeUdf",
                                   flash.spark.functions.FlashFunctions.RESULT_DDL)

    pairs = (spark.read.format("flashj-fastq")
             .option("mate1", mate1).option("mate2", mate2).load())
    pairs.createOrReplaceTempView("pairs")

    merged = spark.sql("""
        SELECT *, flash_merge(name1, seq1, qual1, name2, seq2, qual2) AS merged
        FROM pairs""")
    long_reads = merged.where("merged.combined AND length(merged.seq) > 200")
    long_reads.write.format("flashj-fastq").mode("overwrite").save(output)

    total = pairs.count()
    combined = merged.where("merged.combined").count()
    combined_by_udf = spark.sql("""
        SELECT count(*) FROM pairs
        WHERE flash_merge_udf(name1, seq1, qual1, name2, seq2, qual2).combined""").first()[0]
    print(f"pairs {total}, combined {combined} (-M 150), combined {combined_by_udf} (defaults), "
          f"longer than 200 bp {long_reads.count()} -> {output}/out.extendedFrags.fastq")
    spark.stop()


if __name__ == "__main__":
    main(*sys.argv[1:5])
