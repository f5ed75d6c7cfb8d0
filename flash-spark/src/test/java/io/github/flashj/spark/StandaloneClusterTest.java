package io.github.flashj.spark;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.MergeParameters;
import io.github.flashj.cli.Oracle;
import io.github.flashj.cli.OutputComparison;
import io.github.flashj.cli.TestData;
import io.github.flashj.spark.exec.ChunkTask;
import io.github.flashj.spark.functions.FlashFunctions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster: a Master and two Workers, each its own JVM started from the
 * Maven-resolved jars (a Spark home with an empty {@code jars/}, the classpath given explicitly),
 * executors launched by the Workers; the driver is this JVM. The output must be {@code flash -t 1}'s,
 * also when an executor's JVM dies in the middle of a task, and for output paths relative to the
 * driver's working directory, which is not the executors'.
 */
class StandaloneClusterTest {
    private static final int MASTER_PORT = 17177;

    @TempDir
    static Path data;
    static StandaloneCluster cluster;
    static SparkSession spark;
    static Path[] art;
    static Path[] edge;

    @BeforeAll
    static void startCluster() throws Exception {
        Oracle.require();
        art = TestData.artPairs(data, "HS25", 150, 30, 250, 25, 13);
        edge = TestData.edgePairs(data, 3000, 17);
        Path home = data.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        String classpath = classpath();
        cluster = StandaloneCluster.start(data, home, classpath, MASTER_PORT, 18180, 2);
        spark = SparkSession.builder().master(cluster.url()).appName("StandaloneClusterTest")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.executor.memory", "512m")
                .config("spark.executor.cores", "1")
                .config("spark.executor.extraClassPath", classpath)
                .config("spark.sql.warehouse.dir", data.resolve("warehouse").toString())
                .getOrCreate();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        // The driver counts itself among the block managers: two executors make three.
        while (spark.sparkContext().getExecutorMemoryStatus().size() < 3) {
            assertTrue(System.nanoTime() < deadline, "the two workers' executors did not register within 120 s");
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stopCluster() {
        if (spark != null) {
            spark.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void sameFilesAsFlashOnTheCluster() throws Exception {
        compare(List.of("-O", "-M", "150"), art, 500);
        compare(List.of("-z", "--interleaved-output"), edge, 700);
    }

    @Test
    void plainGzipIsIndexedAndReadByTheExecutors() throws Exception {
        Path[] gz = {TestData.gzip(art[0], data.resolve("art_1.fq.gz")),
            TestData.gzip(art[1], data.resolve("art_2.fq.gz"))};
        compare(List.of("-O"), gz, 600);
    }

    @Test
    void anExecutorKilledDuringATaskChangesNothing() throws Exception {
        TaskFailures failures = TaskFailures.listen(spark.sparkContext());
        try {
            compare(List.of("-O"), art, 600, FaultInjection.haltExecutorInFirstAttempt(2));
        } finally {
            spark.sparkContext().removeSparkListener(failures);
        }
        assertTrue(failures.failedTasks.get() >= 1, "a task attempt was lost with its executor");
        assertEquals(1, failures.removedExecutors.get(), "one executor's JVM died");
    }

    private static void compare(List<String> options, Path[] mates, long pairsPerChunk) throws Exception {
        compare(options, mates, pairsPerChunk, null);
    }

    private static void compare(List<String> options, Path[] mates, long pairsPerChunk,
            ChunkTask.BatchObserver observer) throws Exception {
        Path oracleDir = Files.createTempDirectory(data, "oracle");
        Path flashjDir = Files.createTempDirectory(data, "flashj");
        List<String> oracleArgs = new ArrayList<>(options);
        oracleArgs.addAll(List.of("-d", oracleDir.toString(), mates[0].toString(), mates[1].toString()));
        Oracle.Run want = Oracle.flash(oracleDir, oracleArgs);
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of("-d", relative(flashjDir), mates[0].toString(), mates[1].toString()));
        Oracle.Run got = SparkCli.flashj(spark, args, pairsPerChunk, 1 << 16, observer);
        assertEquals(want.status(), got.status(), options + ": flashj said " + got.stderr());
        OutputComparison.assertSameFiles(oracleDir, flashjDir, options + " on a standalone cluster");
        assertEquals(OutputComparison.names(flashjDir), OutputComparison.everything(flashjDir), "nothing else is left");
        assertEquals(List.of(), strayParts(), "no part is left in the workers' directories");
    }

    @Test
    void theSinkWritesToARelativeDirectory() throws Exception {
        Path oracleDir = Files.createTempDirectory(data, "oracle");
        Oracle.Run want = Oracle.flash(oracleDir, List.of("-d", oracleDir.toString(), art[0].toString(),
                art[1].toString()));
        assertEquals(0, want.status());
        Path out = Files.createTempDirectory(data, "sink");
        FlashFunctions.register(spark, MergeParameters.DEFAULTS);
        spark.read().format("flashj-fastq").option("mate1", art[0].toString()).option("mate2", art[1].toString())
                .option("pairsPerChunk", 700).load()
                .withColumn("merged", call_function("flash_merge", col("name1"), col("seq1"), col("qual1"),
                        col("name2"), col("seq2"), col("qual2")))
                .write().format("flashj-fastq").mode("overwrite").save(relative(out));
        OutputComparison.assertSameFiles(oracleDir, out, "the sink on a standalone cluster");
        assertEquals(OutputComparison.names(out), OutputComparison.everything(out), "nothing else is left");
        assertEquals(List.of(), strayParts(), "no part is left in the workers' directories");
    }

    /** {@code dir} relative to this JVM's working directory, which the executors do not share. */
    private static String relative(Path dir) {
        return Path.of("").toAbsolutePath().relativize(dir.toAbsolutePath()).toString();
    }

    /** Work directories or parts under the workers' directories (where relative paths would land). */
    private static List<String> strayParts() throws IOException {
        List<String> stray = new ArrayList<>();
        for (int w = 1; w <= 2; w++) {
            try (var files = Files.walk(data.resolve("worker" + w))) {
                files.map(Path::toString).filter(p -> p.contains(".flashj-") || p.contains("chunk-"))
                        .forEach(stray::add);
            }
        }
        return stray;
    }

    /** The test JVM's classpath as plain entries (Surefire may hand it over in a manifest-only jar). */
    private static String classpath() throws IOException {
        String cp = System.getProperty("java.class.path");
        List<String> entries = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            if (e.endsWith(".jar") && new File(e).getName().startsWith("surefirebooter")) {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(e)) {
                    String manifest = jar.getManifest().getMainAttributes().getValue("Class-Path");
                    for (String url : manifest.split(" ")) {
                        if (!url.isEmpty()) {
                            entries.add(new File(java.net.URI.create(url)).getPath());
                        }
                    }
                }
            } else {
                entries.add(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
