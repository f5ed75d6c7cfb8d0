package io.github.flashj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.cli.Oracle;
import io.github.flashj.cli.OutputComparison;
import io.github.flashj.cli.TestData;
import java.io.File;
import java.io.IOException;
import java.net.Socket;
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
 * also when an executor's JVM dies in the middle of a task.
 */
class StandaloneClusterTest {
    private static final int MASTER_PORT = 17177;
    private static final List<String> JVM_OPTIONS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    @TempDir
    static Path data;
    static final List<Process> daemons = new ArrayList<>();
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
        daemons.add(daemon(home, "master", classpath, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", String.valueOf(MASTER_PORT), "--webui-port", "18180"));
        waitForPort(MASTER_PORT, Duration.ofSeconds(60));
        for (int w = 1; w <= 2; w++) {
            Path work = Files.createDirectories(data.resolve("worker" + w));
            daemons.add(daemon(home, "worker" + w, classpath, "org.apache.spark.deploy.worker.Worker", "--host",
                    "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port", String.valueOf(18180 + w),
                    "--work-dir", work.toString(), "spark://127.0.0.1:" + MASTER_PORT));
        }
        spark = SparkSession.builder().master("spark://127.0.0.1:" + MASTER_PORT).appName("StandaloneClusterTest")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.executor.memory", "512m")
                .config("spark.executor.cores", "1")
                .config("spark.executor.extraClassPath", classpath)
                .config("spark.executor.extraJavaOptions", String.join(" ", JVM_OPTIONS))
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
        for (Process p : daemons) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : daemons) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void sameFilesAsFlashOnTheCluster() throws Exception {
        compare(List.of("-O", "-M", "150"), art, 500);
        compare(List.of("-z", "--interleaved-output"), edge, 700);
    }

    @Test
    void anExecutorKilledDuringATaskChangesNothing() throws Exception {
        TaskFailures failures = TaskFailures.listen(spark.sparkContext());
        spark.sparkContext().setLocalProperty(FaultInjection.PROPERTY, "exit:2");
        try {
            compare(List.of("-O"), art, 600);
        } finally {
            spark.sparkContext().setLocalProperty(FaultInjection.PROPERTY, null);
            spark.sparkContext().removeSparkListener(failures);
        }
        assertTrue(failures.failedTasks.get() >= 1, "a task attempt was lost with its executor");
        assertEquals(1, failures.removedExecutors.get(), "one executor's JVM died");
    }

    private static void compare(List<String> options, Path[] mates, long pairsPerChunk) throws Exception {
        Path oracleDir = Files.createTempDirectory(data, "oracle");
        Path flashjDir = Files.createTempDirectory(data, "flashj");
        List<String> oracleArgs = new ArrayList<>(options);
        oracleArgs.addAll(List.of("-d", oracleDir.toString(), mates[0].toString(), mates[1].toString()));
        Oracle.Run want = Oracle.flash(oracleDir, oracleArgs);
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of("-d", flashjDir.toString(), mates[0].toString(), mates[1].toString()));
        Oracle.Run got = SparkCli.flashj(spark, args, pairsPerChunk, 1 << 16);
        assertEquals(want.status(), got.status(), options + ": flashj said " + got.stderr());
        OutputComparison.assertSameFiles(oracleDir, flashjDir, options + " on a standalone cluster");
        assertEquals(OutputComparison.names(flashjDir), FlashSparkTest.everything(flashjDir), "nothing else is left");
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

    private static Process daemon(Path home, String name, String classpath, String... mainAndArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(classpath);
        command.addAll(List.of(mainAndArgs));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.redirectErrorStream(true);
        pb.redirectOutput(data.resolve(name + ".log").toFile());
        return pb.start();
    }

    private static void waitForPort(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                assertTrue(System.nanoTime() < deadline, "the master did not listen on port " + port);
                Thread.sleep(200);
            }
        }
    }
}
