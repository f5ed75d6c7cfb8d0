package io.github.flashj.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FLASH's words for failed file operations, from java.nio, java.io and Hadoop's exceptions. */
class SystemErrorsTest {
    @TempDir
    Path dir;

    @Test
    void theExceptionSaysTheReason() {
        assertEquals("No such file or directory", SystemErrors.reason(new NoSuchFileException("x")));
        assertEquals("Permission denied", SystemErrors.reason(new AccessDeniedException("x")));
        assertEquals("Is a directory", SystemErrors.reason(new DirectoryNotEmptyException("x")));
        assertEquals("Read-only file system", SystemErrors.reason(new FileSystemException("x", null,
                "Read-only file system")));
        assertEquals("Too many open files", SystemErrors.reason(new FileNotFoundException("r1.fq (Too many open files)")));
        // Hadoop: a missing file by type alone, a failed write as an Error around the IOException.
        assertEquals("No such file or directory", SystemErrors.reason(new FileNotFoundException("File /x does not exist")));
        assertEquals("No space left on device", SystemErrors.reason(
                new Error("write failed", new IOException("No space left on device\n\tat somewhere"))));
    }

    @Test
    void aLocalFilesReasonIsWorkedOutWhereTheExceptionDoesNotSay() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "");
        IOException silent = new IOException("failed");
        assertEquals("Not a directory", SystemErrors.reason(silent, file.resolve("x")));
        assertEquals("No such file or directory", SystemErrors.reason(silent, dir.resolve("missing/x")));
        assertEquals("Is a directory", SystemErrors.reason(silent, dir));
        assertEquals("Permission denied", SystemErrors.reason(silent, file));
        assertEquals("failed", SystemErrors.reason(silent));
    }
}
