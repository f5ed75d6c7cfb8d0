package io.github.flashj.io.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staging a run's files: unique names created exclusively, all published or none, special files
 * written in place, and the leftovers of a run that was killed removed by the next one.
 */
class StagedFilesTest {
    private static final String RUN = "abcdefghijklmnopqrst";

    @TempDir
    Path dir;

    @Test
    void runsNeverShareAStagedFile() throws Exception {
        StagedFiles one = new StagedFiles();
        StagedFiles two = new StagedFiles();
        Path target = dir.resolve("out.hist");
        Path first = one.stage(target);
        Path second = two.stage(target);
        assertNotEquals(first, second);
        assertTrue(first.getFileName().toString().length() < 40, "short, whatever the final name: " + first);
        one.discard();
        two.discard();
        assertEquals(List.of(), AtomicOutputTest.entries(dir));
    }

    @Test
    void aStagedFileIsCreatedExclusively() throws Exception {
        // Another run with the same random part (impossible but for this test): its file is not shared.
        Path theirs = Files.writeString(dir.resolve(".flashj-" + RUN + "-1.tmp"), "another run's\n");
        StagedFiles mine = new StagedFiles(RUN);
        OutputFileException e = assertThrows(OutputFileException.class, () -> mine.stage(dir.resolve("out.hist")));
        assertEquals(List.of(OutputFileException.Operation.OPEN, dir.resolve("out.hist").toString(), "File exists"),
                List.of(e.operation(), e.path(), e.reason()));
        assertEquals("another run's\n", Files.readString(theirs));
        mine.discard();
    }

    @Test
    void aFailedPublishTakesBackWhatItPublished() throws Exception {
        Path a = dir.resolve("a");
        Path b = Files.writeString(dir.resolve("b"), "earlier b\n");
        Path c = dir.resolve("c");
        StagedFiles run = new StagedFiles();
        Files.writeString(run.stage(a), "new a\n");
        Files.writeString(run.stage(b), "new b\n");
        // The last rename fails: its staged file is gone.
        Files.delete(run.stage(c));
        OutputFileException e = assertThrows(OutputFileException.class, run::publish);
        assertEquals(List.of(OutputFileException.Operation.RENAME, c.toString()), List.of(e.operation(), e.path()));
        assertEquals(List.of("b"), AtomicOutputTest.entries(dir), "as before the run, and nothing staged left");
        assertEquals("earlier b\n", Files.readString(b));
    }

    @Test
    void aPublishReplacesRegularFilesAndWritesSpecialFilesInPlace() throws Exception {
        Path regular = Files.writeString(dir.resolve("regular"), "earlier\n");
        Path device = Files.createSymbolicLink(dir.resolve("device"), Path.of("/dev/null"));
        StagedFiles run = new StagedFiles();
        Files.writeString(run.stage(regular), "new\n");
        assertEquals(device, run.stage(device), "written in place");
        run.publish();
        assertEquals("new\n", Files.readString(regular));
        assertTrue(Files.isSymbolicLink(device));
        assertEquals(List.of("device", "regular"), AtomicOutputTest.entries(dir));
    }

    @Test
    void theFilesOfARunThatWasKilledAreRemovedByTheNext() throws Exception {
        // As kill -9 leaves them: a lock file no process holds, and the run's staged files.
        Files.writeString(dir.resolve(".flashj-" + RUN + ".lock"), "");
        Files.writeString(dir.resolve(".flashj-" + RUN + "-1.tmp"), "partial\n");
        Files.writeString(dir.resolve(".flashj-" + RUN + "-2.tmp"), "partial\n");
        // Staged files whose lock file is gone: removed when a day old, not before.
        String oldOrphan = ".flashj-" + "b".repeat(20) + "-1.tmp";
        String newOrphan = ".flashj-" + "c".repeat(20) + "-1.tmp";
        Files.writeString(dir.resolve(oldOrphan), "");
        Files.setLastModifiedTime(dir.resolve(oldOrphan), FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Files.writeString(dir.resolve(newOrphan), "");
        Files.writeString(dir.resolve(".flashj-other.tmp"), "not FlashJ's name");
        StagedFiles live = new StagedFiles();
        Path liveFile = live.stage(dir.resolve("live"));

        StagedFiles next = new StagedFiles();
        next.stage(dir.resolve("out"));
        List<String> left = AtomicOutputTest.entries(dir);
        assertFalse(left.stream().anyMatch(n -> n.contains(RUN)), left.toString());
        assertFalse(left.contains(oldOrphan), left.toString());
        assertTrue(left.contains(newOrphan), left.toString());
        assertTrue(left.contains(".flashj-other.tmp"), left.toString());
        assertTrue(Files.exists(liveFile), "a live run's files are its own");
        next.discard();
        live.publish();
        assertTrue(Files.exists(dir.resolve("live")));
    }
}
