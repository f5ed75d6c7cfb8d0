package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binary distribution as a user installs it: {@code flashj-VERSION.tar.gz} unpacked, its
 * {@code bin/flashj} linked onto a PATH directory as {@code flash}, and run under that name on the
 * example pairs: the same files as Debian's {@code flash -t 1}, the usage under the name run, and
 * standard error as flash leaves it in quiet, version and help runs.
 */
class DistributionIT {
    @TempDir
    Path dir;

    @Test
    void theUnpackedDistributionRunsAsFlash() throws Exception {
        Path tarball = Path.of(System.getProperty("flashj.distribution"));
        assertTrue(Files.isRegularFile(tarball), tarball + " was made by mvn package");
        Path unpacked = Files.createDirectory(dir.resolve("opt"));
        assertEquals(0, Oracle.exec(unpacked, List.of("tar", "xzf", tarball.toString()), null).status());
        Path home;
        try (Stream<Path> s = Files.list(unpacked)) {
            home = s.findFirst().orElseThrow();
        }
        assertTrue(home.getFileName().toString().startsWith("flashj-"), home.toString());
        for (String file : List.of("bin/flashj", "LICENSE", "README.md", "THIRD-PARTY.txt",
                "THIRD-PARTY-NATIVE-gzip.txt", "THIRD-PARTY-NATIVE-zstd.txt")) {
            assertTrue(Files.isRegularFile(home.resolve(file)), file);
        }
        // Every jar in lib/ is named in the notices, under a licence that Apache-2.0 can ship with.
        String notices = Files.readString(home.resolve("THIRD-PARTY.txt"));
        assertFalse(notices.contains("GPL") || notices.contains("General Public"), notices);
        try (Stream<Path> s = Files.list(home.resolve("lib"))) {
            for (String jar : s.map(p -> p.getFileName().toString()).toList()) {
                String artifact = jar.replaceFirst("-[0-9].*\\.jar$", "");
                assertTrue(artifact.startsWith("flash-") || notices.contains(":" + artifact + ":"), jar + " in " + notices);
            }
        }
        assertTrue(Files.isExecutable(home.resolve("bin/flashj")));
        try (Stream<Path> s = Files.list(home.resolve("lib"))) {
            List<String> jars = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(jars.stream().anyMatch(j -> j.startsWith("flash-cli-")), jars.toString());
            assertTrue(jars.stream().noneMatch(j -> j.contains("-tests") || j.contains("-sources")), jars.toString());
        }
        Path path = Files.createDirectory(dir.resolve("path"));
        Path flash = Files.createSymbolicLink(path.resolve("flash"), home.resolve("bin/flashj"));

        Path examples = Path.of(System.getProperty("flashj.root", "..")).toAbsolutePath().normalize()
                .resolve("examples/data");
        List<String> inputs = List.of(examples.resolve("lambda_1.fastq.gz").toString(),
                examples.resolve("lambda_2.fastq.gz").toString());
        Path oracleDir = Files.createDirectory(dir.resolve("oracle"));
        Path outDir = dir.resolve("out");
        Oracle.Run want = Oracle.flash(oracleDir, List.of("-M", "150", "-O", "-d", oracleDir.toString(),
                inputs.get(0), inputs.get(1)));
        Oracle.Run got = Oracle.exec(dir, List.of(flash.toString(), "-M", "150", "-O", "-d", outDir.toString(),
                inputs.get(0), inputs.get(1)), null);
        assertEquals(0, got.status(), got.stderr());
        OutputComparison.assertSameFiles(oracleDir, outDir, "the distribution, linked as flash");
        OutputComparison.assertSameFacts(want.stdoutText(), got.stdoutText(), "the distribution, linked as flash");

        // Pipelines that expect an empty standard error, or diff it: -q, --version and --help print
        // there nothing flash does (the JVM's incubator-module warning included).
        Oracle.Run quiet = Oracle.exec(dir, List.of(flash.toString(), "-q", "-M", "150", "-O", "-d",
                dir.resolve("quiet").toString(), inputs.get(0), inputs.get(1)), null);
        assertEquals(0, quiet.status(), quiet.stderr());
        assertEquals("", quiet.stderr());
        OutputComparison.assertSameFiles(oracleDir, dir.resolve("quiet"), "the distribution, -q");
        for (String option : List.of("--version", "--help", "-v", "-h")) {
            Oracle.Run theirs = Oracle.flash(oracleDir, List.of(option));
            Oracle.Run mine = Oracle.exec(dir, List.of(flash.toString(), option), null);
            assertEquals(theirs.status(), mine.status(), option);
            assertEquals(theirs.stderr(), mine.stderr(), option);
        }

        Oracle.Run usage = Oracle.exec(dir, List.of(flash.toString()), null);
        assertEquals(2, usage.status());
        assertTrue(usage.stderr().contains("Usage: flash "), usage.stderr());
    }
}
