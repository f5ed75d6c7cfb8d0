package io.github.flashj.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.cli.Oracle;
import io.github.flashj.cli.OutputComparison;
import io.github.flashj.spark.StandaloneCluster;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/flashj-spark} as a user runs it after {@code mvn package}, with no Spark installation,
 * from a directory other than the checkout, with a relative output directory: on a
 * {@code local-cluster} master, whose executors are JVMs of their own, and on a standalone Worker
 * that sees neither the checkout nor the Maven repository (its Spark home holds Spark's jars
 * alone), on the example pairs of {@code examples/data}. Same files as {@code flash -t 1}, and
 * the same log on standard output.
 */
class FlashjSparkCommandIT {
    private static final Path ROOT = Path.of(System.getProperty("flashj.root", "..")).toAbsolutePath().normalize();
    private static final Path TARGET = ROOT.resolve("flash-spark-cli/target");
    private static final List<String> INPUTS = List.of(ROOT.resolve("examples/data/lambda_1.fastq.gz").toString(),
            ROOT.resolve("examples/data/lambda_2.fastq.gz").toString());

    @TempDir
    Path dir;

    @Test
    void mergesTheExamplePairsOnALocalCluster() throws Exception {
        mergeWith(List.of("--master", "local-cluster[2,1,1024]"));
    }

    @Test
    void aStandaloneWorkerThatCannotSeeTheCheckoutRunsTheJob() throws Exception {
        String sparkJars = Files.readString(TARGET.resolve("spark-classpath.txt")).trim();
        Path home = StandaloneCluster.sparkHome(dir, sparkJars);
        try (StandaloneCluster cluster = StandaloneCluster.start(dir, home, home.resolve("jars") + "/*", 17187,
                18190, 1)) {
            // No extra class path for the executors: the Worker's Spark jars and what the driver
            // ships are all they get, as on a machine that has no copy of this checkout.
            mergeWith(List.of("--master", cluster.url(), "--spark-conf", "spark.driver.host=127.0.0.1",
                    "--spark-conf", "spark.executor.memory=512m", "--spark-conf", "spark.executor.extraClassPath="));
        }
    }

    private void mergeWith(List<String> sparkOptions) throws Exception {
        Path oracleDir = Files.createDirectories(dir.resolve("oracle"));
        Oracle.Run want = Oracle.flash(oracleDir, List.of("-M", "150", "-O", "-z", "-d", oracleDir.toString(),
                INPUTS.get(0), INPUTS.get(1)));
        Path cwd = Files.createDirectories(dir.resolve("user"));
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/flashj-spark").toString()));
        command.addAll(sparkOptions);
        command.addAll(List.of("-M", "150", "-O", "-z", "-d", "merged", INPUTS.get(0), INPUTS.get(1)));
        Oracle.Run got = Oracle.exec(cwd, command, null);
        assertEquals(0, got.status(), got.stderr());
        assertTrue(got.stdoutText().contains("[FLASH] FLASH v1.2.11 complete!"), got.stdoutText());
        for (String line : got.stdoutText().split("\n")) {
            assertTrue(line.startsWith("[FLASH]"), "standard output holds FLASH's log alone: " + line);
        }
        for (String line : got.stderr().split("\n")) {
            assertTrue(!line.startsWith("[INFO]") || line.contains("io.github.flashj") || line.matches(
                    "\\[INFO\\] (JobDriver|InputFiles|WorkDirectory|OutputAssembly|PartFiles): .*"),
                    "Spark logs warnings only: " + line);
        }
        OutputComparison.assertSameFacts(want.stdoutText(), got.stdoutText(), "bin/flashj-spark");
        OutputComparison.assertSameFiles(oracleDir, cwd.resolve("merged"), "bin/flashj-spark");
        assertEquals(OutputComparison.names(cwd.resolve("merged")), OutputComparison.everything(cwd.resolve("merged")),
                "nothing else is left");
    }

    /**
     * The jars {@code mvn package} puts in {@code target/lib} for {@code spark-submit --jars} and
     * for executors: none is a library Spark brings itself (a second copy clashes with Spark's).
     */
    @Test
    void flashJShipsNothingSparkProvides() throws IOException {
        Set<String> spark = new TreeSet<>();
        Pattern dependency = Pattern.compile("<dependency>\\s*<groupId>[^<]+</groupId>\\s*<artifactId>([^<]+)"
                + "</artifactId>");
        for (String entry : Files.readString(TARGET.resolve("spark-classpath.txt")).trim().split(File.pathSeparator)) {
            spark.add(artifact(Path.of(entry).getFileName().toString()));
            if (!entry.contains("/org/apache/spark/")) {
                continue;
            }
            try (JarFile jar = new JarFile(entry)) {
                for (JarEntry e : jar.stream().toList()) {
                    if (e.getName().startsWith("META-INF/maven/org.apache.spark/") && e.getName().endsWith("pom.xml")) {
                        try (InputStream in = jar.getInputStream(e)) {
                            Matcher m = dependency.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                            while (m.find()) {
                                spark.add(m.group(1));
                            }
                        }
                    }
                }
            }
        }
        List<String> clashes = new ArrayList<>();
        try (var lib = Files.list(TARGET.resolve("lib"))) {
            lib.map(p -> p.getFileName().toString()).filter(name -> spark.contains(artifact(name))).sorted()
                    .forEach(clashes::add);
        }
        assertEquals(List.of(), clashes, "jars of target/lib that Spark provides");
    }

    /** The artifact of a jar's file name: what comes before the version. */
    private static String artifact(String jarName) {
        return jarName.replaceFirst("-\\d[^-]*(-[^-]*)*\\.jar$", "").replaceFirst("\\.jar$", "");
    }
}
