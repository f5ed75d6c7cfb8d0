package io.github.flashj.io.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.flashj.io.TestData;
import io.github.flashj.io.input.FastqInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run into a directory that holds an earlier run's files (a pipeline's retry) writes exactly what
 * a run into an empty one writes, whatever the earlier files held, and changes no file that is also
 * reachable by another name.
 */
class RerunOutputTest {
    @TempDir
    Path dir;

    private Path mates1;
    private Path mates2;
    private Path fresh;

    @BeforeEach
    void freshRun() throws Exception {
        List<TestData.Pair> pairs = new ArrayList<>(TestData.mergeable(3000, 11));
        pairs.addAll(TestData.unmergeable(2000, 12, 100));
        mates1 = TestData.write(dir.resolve("in_1.fq"), TestData.mates1(pairs));
        mates2 = TestData.write(dir.resolve("in_2.fq"), TestData.mates2(pairs));
        fresh = dir.resolve("fresh");
        run(fresh);
    }

    private void run(Path out) throws Exception {
        FlashOutput sink = TestData.output(out).build();
        TestData.job(FastqInputs.pairedFiles(mates1, mates2), sink).batchSize(100).workers(2).build().run();
    }

    private void assertSameAsFresh(Path out) throws Exception {
        assertEquals(TestData.files(fresh), TestData.files(out));
        for (String name : TestData.files(fresh)) {
            assertArrayEquals(Files.readAllBytes(fresh.resolve(name)), Files.readAllBytes(out.resolve(name)), name);
        }
    }

    private static Object fileKey(Path file) throws Exception {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    @Test
    void earlierFilesLongerOrShorterThanThisRunsAreReplacedByExactlyItsBytes() throws Exception {
        Path out = Files.createDirectory(dir.resolve("rerun"));
        byte[] longer = new byte[(int) Files.size(fresh.resolve("out.extendedFrags.fastq")) * 3 + 12345];
        new Random(5).nextBytes(longer);
        Files.write(out.resolve("out.extendedFrags.fastq"), longer);
        Files.writeString(out.resolve("out.notCombined_1.fastq"), "short\n");
        Files.write(out.resolve("out.notCombined_2.fastq"), new byte[0]);
        Files.writeString(out.resolve("out.hist"), "1\t2\n");
        Object earlierFile = fileKey(out.resolve("out.extendedFrags.fastq"));
        run(out);
        assertSameAsFresh(out);
        assertEquals(earlierFile, fileKey(out.resolve("out.extendedFrags.fastq")),
                "the earlier file was written over, its pages reused");
        run(out);
        assertSameAsFresh(out);
    }

    @Test
    void anEarlierFileWithAnotherNameKeepsItsBytes() throws Exception {
        Path out = Files.createDirectory(dir.resolve("rerun"));
        Path published = Files.createDirectory(dir.resolve("published"));
        byte[] earlier = "@published\nACGT\n+\nIIII\n".getBytes();
        Files.write(out.resolve("out.extendedFrags.fastq"), earlier);
        Files.createLink(published.resolve("merged.fastq"), out.resolve("out.extendedFrags.fastq"));
        Path target = published.resolve("target.fastq");
        Files.write(target, earlier);
        Files.createSymbolicLink(out.resolve("out.notCombined_1.fastq"), target);
        run(out);
        assertSameAsFresh(out);
        assertArrayEquals(earlier, Files.readAllBytes(published.resolve("merged.fastq")), "the hard link's file");
        assertNotEquals(fileKey(published.resolve("merged.fastq")), fileKey(out.resolve("out.extendedFrags.fastq")));
        assertArrayEquals(earlier, Files.readAllBytes(target), "the symbolic link's target");
    }

    @Test
    void anEarlierReadOnlyFileIsReplaced() throws Exception {
        Path out = Files.createDirectory(dir.resolve("rerun"));
        Path earlier = Files.writeString(out.resolve("out.extendedFrags.fastq"), "read-only\n");
        Files.setPosixFilePermissions(earlier, PosixFilePermissions.fromString("r--r--r--"));
        run(out);
        assertSameAsFresh(out);
    }
}
