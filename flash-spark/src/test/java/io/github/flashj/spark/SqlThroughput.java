package io.github.flashj.spark;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;

import io.github.flashj.MergeParameters;
import io.github.flashj.spark.functions.FlashFunctions;
import io.github.flashj.spark.functions.FlashMergeUdf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Pairs per second per core of the three ways to merge on Spark, on the same pairs in one
 * session, rounds alternated, medians: the file job ({@link FlashSpark}), {@code flash_merge}
 * through {@link FlashFunctions#register} (generated code) and through {@link FlashMergeUdf} (a
 * Java UDF), each over the {@code flashj-fastq} table, the table scan alone, and the sink in the
 * scan's order and sorted by Spark. Run by
 * {@code flash-bench/scripts/sql-benchmark.sh}; not a test.
 *
 * <p>Arguments: MATE1 MATE2 MASTER ROUNDS WORK_DIRECTORY.
 */
public final class SqlThroughput {
    private SqlThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String mate1 = args[0];
        String mate2 = args[1];
        String master = args[2];
        int rounds = Integer.parseInt(args[3]);
        Path work = Path.of(args[4]);
        SparkSession spark = SparkSession.builder().master(master).appName("SqlThroughput")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        int cores = spark.sparkContext().defaultParallelism();
        MergeParameters parameters = MergeParameters.builder().maxOverlap(150).build();
        FlashFunctions.register(spark, parameters);
        spark.udf().register("flash_merge_udf", new FlashMergeUdf(parameters), FlashFunctions.RESULT_TYPE);
        Column[] reads = {col("name1"), col("seq1"), col("qual1"), col("name2"), col("seq2"), col("qual2")};
        Dataset<Row> table = spark.read().format("flashj-fastq").option("mate1", mate1).option("mate2", mate2)
                .load();
        long pairs = table.count();
        Map<String, Timed> runs = new LinkedHashMap<>();
        runs.put("file job (FlashSpark, writes FLASH's files)", () -> {
            Path out = Files.createTempDirectory(work, "job");
            FlashSpark.builder(spark).inputs(mate1, mate2).parameters(parameters).output(out.toString(), "out")
                    .build().run();
            return 0;
        });
        runs.put("flash_merge, FlashFunctions.register (generated code)", () -> table
                .select(call_function("flash_merge", reads).getField("combined").as("c")).where("c").count());
        runs.put("flash_merge_udf, FlashMergeUdf (Java UDF)", () -> table
                .select(call_function("flash_merge_udf", reads).getField("combined").as("c")).where("c").count());
        runs.put("table scan alone (sum of read lengths)", () -> table
                .selectExpr("sum(length(seq1) + length(seq2) + length(qual1) + length(qual2))").first().getLong(0));
        runs.put("flash_merge, then the sink (FLASH's files, in the scan's order)", () -> {
            Path out = Files.createTempDirectory(work, "sink");
            table.withColumn("merged", call_function("flash_merge", reads)).write().format("flashj-fastq")
                    .mode("overwrite").save(out.toString());
            return 0;
        });
        runs.put("flash_merge, then the sink with order sort (Spark sorts the rows)", () -> {
            Path out = Files.createTempDirectory(work, "sorted");
            table.withColumn("merged", call_function("flash_merge", reads)).write().format("flashj-fastq")
                    .option("order", "sort").mode("overwrite").save(out.toString());
            return 0;
        });
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        for (String name : runs.keySet()) {
            runs.get(name).run();
            seconds.put(name, new ArrayList<>());
        }
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Timed> run : runs.entrySet()) {
                long t0 = System.nanoTime();
                run.getValue().run();
                seconds.get(run.getKey()).add((System.nanoTime() - t0) / 1e9);
            }
        }
        System.out.printf("%d pairs, %s (%d cores), %d rounds, medians%n%n", pairs, master, cores, rounds);
        System.out.println("| way | wall s | pairs/s/core |");
        System.out.println("|---|---|---|");
        for (Map.Entry<String, List<Double>> e : seconds.entrySet()) {
            double wall = median(e.getValue());
            System.out.printf("| %s | %.2f | %,.0f |%n", e.getKey(), wall, pairs / wall / cores);
        }
        spark.stop();
    }

    private interface Timed {
        long run() throws Exception;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
