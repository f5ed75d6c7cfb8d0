package io.github.flashj.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The system's reason for a failed file operation, in the words of strerror, as FLASH's messages
 * give it ({@code Failed to open "out.hist" for writing: Permission denied}).
 */
public final class SystemErrors {
    private SystemErrors() {
    }

    /**
     * The reason for a failure on a file of any file system (a Hadoop path, say): in the
     * exception's type or reason (java.nio), in parentheses after the path (java.io: "... (Read-only
     * file system)"), or else the first line of its message ("No space left on device").
     */
    public static String reason(Throwable failure) {
        String said = said(failure);
        return said != null ? said : String.valueOf(firstLine(cause(failure).getMessage()));
    }

    /**
     * The reason for a failure on a local file {@code path}: as {@link #reason(Throwable)}, and
     * where the exception does not say, worked out from the path and its directory.
     */
    public static String reason(Throwable failure, Path path) {
        String said = said(failure);
        if (said != null) {
            return said;
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            return "Not a directory";
        }
        if (parent != null && !Files.exists(parent)) {
            return "No such file or directory";
        }
        if (Files.isDirectory(path)) {
            return "Is a directory";
        }
        return "Permission denied";
    }

    /** What the exception says of the reason, or null. */
    private static String said(Throwable failure) {
        Throwable e = cause(failure);
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
        String message = firstLine(e.getMessage());
        if (message != null && message.endsWith(")") && message.lastIndexOf(" (") > 0) {
            return message.substring(message.lastIndexOf(" (") + 2, message.length() - 1);
        }
        // Hadoop's file systems say that a file is missing by type alone ("File x does not exist").
        if (e instanceof FileNotFoundException) {
            return "No such file or directory";
        }
        return null;
    }

    /** An I/O error thrown as an Error (Hadoop's local file system throws a failed write as an FSError). */
    private static Throwable cause(Throwable failure) {
        return failure instanceof Error && failure.getCause() instanceof IOException ? failure.getCause() : failure;
    }

    private static String firstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
