package io.github.flashj.spark;

import io.github.flashj.cli.FlashCli;
import io.github.flashj.cli.Oracle;
import io.github.flashj.spark.exec.ChunkTask;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Runs the {@code flash} command in this JVM with the merge as a Spark job, capturing what it writes. */
final class SparkCli {
    private SparkCli() {
    }

    /**
     * Runs {@code flash ARGS} on {@code spark}, with small planning ranges and chunks so that even
     * small inputs are cut into many of each.
     */
    static Oracle.Run flashj(SparkSession spark, List<String> args, long pairsPerChunk, long rangeBytes) {
        return flashj(spark, args, pairsPerChunk, rangeBytes, null);
    }

    /** As {@link #flashj(SparkSession, List, long, long)}, with {@code observer} seeing the tasks' batches. */
    static Oracle.Run flashj(SparkSession spark, List<String> args, long pairsPerChunk, long rangeBytes,
            ChunkTask.BatchObserver observer) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream dataPrint = new PrintStream(data, true, StandardCharsets.ISO_8859_1);
        PrintStream errPrint = new PrintStream(err, true, StandardCharsets.ISO_8859_1);
        int status = FlashCli.run(args.toArray(String[]::new), request -> FlashSpark.builder(spark)
                .inputs(request.format(), request.inputs())
                .parameters(request.parameters())
                .layout(request.output())
                .standardOutput(request.stdout())
                .batchSize(request.batchSize())
                .pairsPerChunk(pairsPerChunk)
                .rangeBytes(rangeBytes)
                .gzipIndex(gzipIndex(args))
                .batchObserver(observer)
                .build()
                .run(), dataPrint, dataPrint, errPrint);
        dataPrint.flush();
        errPrint.flush();
        return new Oracle.Run(status, data.toByteArray(), err.toString(StandardCharsets.ISO_8859_1));
    }

    /** The directory of {@code --gzip-index=DIR}, as {@code bin/flashj-spark} hands it to the job; else null. */
    private static String gzipIndex(List<String> args) {
        return args.stream().filter(a -> a.startsWith("--gzip-index=")).map(a -> a.substring(a.indexOf('=') + 1))
                .findFirst().orElse(null);
    }
}
