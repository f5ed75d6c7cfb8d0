package io.github.flashj.spark.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.io.output.OutputFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output transaction on a Hadoop file system: all files published or none, a part's first commit kept. */
class HadoopStagedFilesTest {
    @TempDir
    java.nio.file.Path dir;

    private FileSystem fs() throws IOException {
        return HadoopFiles.of(new Path(dir.toUri()), new Configuration());
    }

    private Path path(String name) {
        return new Path(dir.resolve(name).toUri());
    }

    private void write(FileSystem fs, Path file, String content) throws IOException {
        try (FSDataOutputStream out = fs.create(file, true)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    private List<String> entries() throws IOException {
        try (Stream<java.nio.file.Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aPublishReplacesWhatIsThereAndLeavesNoTemporaryName() throws Exception {
        FileSystem fs = fs();
        Files.writeString(dir.resolve("b"), "earlier b\n");
        HadoopStagedFiles run = HadoopStagedFiles.replacing(fs);
        Path stagedA = run.stage(path("a"));
        assertNotEquals(path("a"), stagedA);
        assertTrue(stagedA.getName().matches("\\.flashj-[a-z2-7]{20}-1\\.tmp"), stagedA.getName());
        write(fs, stagedA, "new a\n");
        write(fs, run.stage(path("b")), "new b\n");
        run.publish();
        assertEquals(List.of("a", "b"), entries());
        assertEquals("new b\n", Files.readString(dir.resolve("b")));
    }

    @Test
    void aFailedPublishTakesBackWhatItPublished() throws Exception {
        FileSystem fs = fs();
        Files.writeString(dir.resolve("b"), "earlier b\n");
        HadoopStagedFiles run = HadoopStagedFiles.replacing(fs);
        write(fs, run.stage(path("a")), "new a\n");
        write(fs, run.stage(path("b")), "new b\n");
        run.stage(path("c"));
        OutputFileException e = assertThrows(OutputFileException.class, run::publish);
        assertEquals(OutputFileException.Operation.RENAME, e.operation());
        assertEquals(List.of("b"), entries(), "as before the run, and nothing staged left");
        assertEquals("earlier b\n", Files.readString(dir.resolve("b")));
    }

    @Test
    void aDirectoryUnderAFinalNameFailsThePublishBeforeAnyRename() throws Exception {
        FileSystem fs = fs();
        Files.createDirectory(dir.resolve("b"));
        HadoopStagedFiles run = HadoopStagedFiles.replacing(fs);
        write(fs, run.stage(path("a")), "new a\n");
        write(fs, run.stage(path("b")), "new b\n");
        OutputFileException e = assertThrows(OutputFileException.class, run::publish);
        assertEquals(OutputFileException.Operation.RENAME, e.operation());
        assertEquals("Is a directory", e.reason());
        assertEquals(List.of("b"), entries());
    }

    @Test
    void aPartCommittedByAnotherAttemptIsKept() throws Exception {
        FileSystem fs = fs();
        HadoopStagedFiles first = HadoopStagedFiles.firstWins(fs);
        HadoopStagedFiles second = HadoopStagedFiles.firstWins(fs);
        write(fs, first.stage(path("part")), "same\n");
        write(fs, second.stage(path("part")), "same\n");
        first.publish();
        second.publish();
        assertEquals(List.of("part"), entries());
        assertEquals("same\n", Files.readString(dir.resolve("part")));
    }

    @Test
    void aDiscardRemovesTheStagedFiles() throws Exception {
        FileSystem fs = fs();
        HadoopStagedFiles run = HadoopStagedFiles.replacing(fs);
        write(fs, run.stage(path("a")), "partial\n");
        run.stage(path("b"));
        run.discard();
        run.discard();
        assertEquals(List.of(), entries());
    }
}
