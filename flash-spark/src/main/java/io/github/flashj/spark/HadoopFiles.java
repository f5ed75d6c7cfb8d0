package io.github.flashj.spark;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/** The file system of a path, as FlashJ reads and writes it. */
final class HadoopFiles {
    private HadoopFiles() {
    }

    /**
     * The file system that holds {@code path}. Hadoop's local file system keeps a hidden
     * {@code .crc} file beside every file it writes; FlashJ writes FLASH's files and nothing else,
     * so local paths go through the raw local file system.
     */
    static FileSystem of(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        return fs instanceof ChecksumFileSystem ? ((ChecksumFileSystem) fs).getRawFileSystem() : fs;
    }

    /**
     * Makes a directory and its parents. Hadoop's local file system only answers false when it
     * cannot; java.nio says why.
     */
    static void mkdirs(FileSystem fs, Path path) throws IOException {
        if (fs instanceof RawLocalFileSystem local) {
            Files.createDirectories(local.pathToFile(path).toPath());
        } else if (!fs.mkdirs(path)) {
            throw new IOException("could not create " + path);
        }
    }

    /**
     * Removes a file, or an empty directory, if it is there. Hadoop's local file system only
     * answers false when it cannot; java.nio says why.
     */
    static void delete(FileSystem fs, Path path) throws IOException {
        if (fs instanceof RawLocalFileSystem local) {
            Files.deleteIfExists(local.pathToFile(path).toPath());
        } else if (fs.exists(path) && !fs.delete(path, false)) {
            throw new IOException("could not remove " + path);
        }
    }

    /**
     * The system's reason for a failed file operation, in the words of strerror as FLASH gives it:
     * java.nio puts it in the exception's type or reason, java.io in parentheses after the path
     * ("... (Permission denied)"), a write in the message itself ("No space left on device").
     */
    static String reason(Throwable failure) {
        // Hadoop's local file system throws a failed write as an FSError around the IOException.
        Throwable e = failure instanceof FSError && failure.getCause() != null ? failure.getCause() : failure;
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "Is a directory";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        if (message.endsWith(")") && message.lastIndexOf(" (") > 0) {
            return message.substring(message.lastIndexOf(" (") + 2, message.length() - 1);
        }
        return message;
    }
}
