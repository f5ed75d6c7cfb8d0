package io.github.flashj.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The wall time of a {@code flashj-fastq} DataFrame's first actions ({@code count()}), for each
 * input pair given, in one session: the first plans the scan (every line counted, a plain gzip input
 * indexed), the next take its plan ({@code ScanPlans}); a Markdown table row per pair. Run by
 * {@code flash-bench/scripts/sql-benchmark.sh}; not a test.
 *
 * <p>Arguments: MASTER ACTIONS MATE1 MATE2 [MATE1 MATE2 ...].
 */
public final class SqlRepeatedActions {
    private SqlRepeatedActions() {
    }

    public static void main(String[] args) {
        String master = args[0];
        int actions = Integer.parseInt(args[1]);
        SparkSession spark = SparkSession.builder().master(master).appName("SqlRepeatedActions")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        for (int f = 2; f + 1 < args.length; f += 2) {
            Dataset<Row> table = spark.read().format("flashj-fastq").option("mate1", args[f])
                    .option("mate2", args[f + 1]).load();
            StringBuilder row = new StringBuilder("| " + args[f] + " |");
            for (int a = 0; a < actions; a++) {
                long t0 = System.nanoTime();
                table.count();
                row.append(String.format(" %.2f |", (System.nanoTime() - t0) / 1e9));
            }
            System.out.println(row);
        }
        spark.stop();
    }
}
