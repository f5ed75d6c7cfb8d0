package io.github.flashj.spark;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.flashj.MergeParameters;
import io.github.flashj.cli.OneShotDecoders;
import io.github.flashj.cli.TestData;
import io.github.flashj.io.output.OutputCompression;
import io.github.flashj.spark.functions.FlashFunctions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark runners' gzip, Zstandard and LZ4 files, joined from many chunks' parts, are one member
 * or frame: decoders that read one ({@link OneShotDecoders}) get the whole file. Both the file job
 * ({@link FlashSpark}) and the SQL sink ({@code flashj-fastq}) are checked.
 */
class OneShotDecodersSparkIT {
    private static final List<String> READ_FILES = List.of("out.extendedFrags.fastq", "out.notCombined_1.fastq",
            "out.notCombined_2.fastq");
    private static final Column[] READS = {col("name1"), col("seq1"), col("qual1"), col("name2"), col("seq2"),
        col("qual2")};

    @TempDir
    static Path data;
    static SparkSession spark;
    static Path[] art;

    @BeforeAll
    static void start() throws Exception {
        art = TestData.artPairs(data, "HS25", 150, 40, 250, 25, 8);
        spark = SparkSession.builder().master("local[2]").appName("OneShotDecodersSparkIT")
                .config("spark.ui.enabled", "false").getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static Path run(String name, OutputCompression compression) throws Exception {
        Path out = data.resolve(name);
        FlashSpark.builder(spark).inputs(art[0].toString(), art[1].toString()).output(out.toString(), "out")
                .compression(compression).pairsPerChunk(500).rangeBytes(1 << 16).build().run();
        return out;
    }

    @Test
    void theFileJobsCompressedFilesAreReadWhole() throws Exception {
        Path plain = run("plain", OutputCompression.none());
        for (OutputCompression c : List.of(OutputCompression.gzip(), OutputCompression.zstd(),
                OutputCompression.lz4())) {
            Path out = run(c.toString(), c);
            for (String file : READ_FILES) {
                assertArrayEquals(Files.readAllBytes(plain.resolve(file)),
                        OneShotDecoders.decode(out.resolve(file + suffix(c)), data), c + ": " + file);
            }
        }
    }

    @Test
    void theSqlSinksCompressedFilesAreReadWhole() throws Exception {
        FlashFunctions.register(spark, MergeParameters.DEFAULTS);
        Path plain = data.resolve("sql-plain");
        write(plain, "none");
        for (String c : List.of("gzip", "zstd", "lz4")) {
            Path out = data.resolve("sql-" + c);
            write(out, c);
            for (String file : READ_FILES) {
                assertArrayEquals(Files.readAllBytes(plain.resolve(file)),
                        OneShotDecoders.decode(out.resolve(file + suffix(c)), data), c + ": " + file);
            }
        }
    }

    private static void write(Path out, String compression) {
        spark.read().format("flashj-fastq").option("mate1", art[0].toString()).option("mate2", art[1].toString())
                .option("pairsPerChunk", 300).load().withColumn("merged", call_function("flash_merge", READS))
                .write().format("flashj-fastq").option("compression", compression).mode("overwrite")
                .save(out.toString());
    }

    private static String suffix(Object compression) {
        return switch (compression.toString()) {
            case "gzip" -> ".gz";
            case "zstd" -> ".zst";
            default -> ".lz4";
        };
    }
}
