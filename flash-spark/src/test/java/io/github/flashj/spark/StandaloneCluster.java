package io.github.flashj.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spark standalone cluster for tests: a Master and Workers, each a JVM of its own started from
 * a Spark home, with the class path given and a working directory of its own; the Workers launch
 * executors from the same Spark home. Public for the Spark command's tests (flash-spark-cli), through
 * this module's test jar.
 */
public final class StandaloneCluster implements AutoCloseable {
    /** Spark's JVM options for Java 17 (its JavaModuleOptions), with the Vector API. */
    static final List<String> JVM_OPTIONS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
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

    private final Path dir;
    private final int masterPort;
    private final List<Process> daemons = new ArrayList<>();

    private StandaloneCluster(Path dir, int masterPort) {
        this.dir = dir;
        this.masterPort = masterPort;
    }

    /**
     * Starts a Master on {@code masterPort} (its web UI on {@code uiPort}, the Workers' after it)
     * and {@code workers} Workers of one core and 1 GB each, their logs and working directories
     * in {@code dir}.
     */
    public static StandaloneCluster start(Path dir, Path sparkHome, String classpath, int masterPort, int uiPort,
            int workers) throws IOException, InterruptedException {
        StandaloneCluster cluster = new StandaloneCluster(dir, masterPort);
        try {
            cluster.daemon(sparkHome, "master", classpath, "org.apache.spark.deploy.master.Master", "--host",
                    "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(uiPort));
            cluster.waitForMaster(Duration.ofSeconds(60));
            for (int w = 1; w <= workers; w++) {
                Path work = Files.createDirectories(dir.resolve("worker" + w));
                cluster.daemon(sparkHome, "worker" + w, classpath, "org.apache.spark.deploy.worker.Worker", "--host",
                        "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port", String.valueOf(uiPort + w),
                        "--work-dir", work.toString(), cluster.url());
            }
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** The master's URL. */
    public String url() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** Stops every daemon and the executors they launched. */
    @Override
    public void close() {
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

    /** A Spark home whose {@code jars/} holds the jars of {@code classpath}, linked (or copied). */
    public static Path sparkHome(Path dir, String classpath) throws IOException {
        Path jars = Files.createDirectories(dir.resolve("spark-home/jars"));
        for (String entry : classpath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
                continue;
            }
            Path link = jars.resolve(jar.getFileName());
            if (Files.exists(link)) {
                continue;
            }
            try {
                Files.createLink(link, jar);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(jar, link);
            }
        }
        return jars.getParent();
    }

    private void daemon(Path home, String name, String classpath, String... mainAndArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(classpath);
        command.addAll(List.of(mainAndArgs));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.directory(Files.createDirectories(dir.resolve(name + "-cwd")).toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve(name + ".log").toFile());
        daemons.add(pb.start());
    }

    private void waitForMaster(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket s = new Socket("127.0.0.1", masterPort)) {
                return;
            } catch (IOException e) {
                assertTrue(System.nanoTime() < deadline, "the master did not listen on port " + masterPort);
                Thread.sleep(200);
            }
        }
    }
}
