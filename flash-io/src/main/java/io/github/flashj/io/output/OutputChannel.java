package io.github.flashj.io.output;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One output file (or standard output): a format buffer, the compression, the process if any.
 *
 * <p>A file is written under a temporary name of its own in the same directory
 * ({@code .NAME.flashj-TAG.tmp}, visibly partial) and takes its final name only at
 * {@link #publish}, when the whole run has succeeded; {@link #discard} removes only the temporary
 * file. A failed, interrupted or killed run therefore never leaves a file under a final name, and
 * never touches the files of another run writing the same names.
 */
final class OutputChannel {
    private final String name;
    private final Path path;
    private final Path target;
    private final OutputStream out;
    private final Process process;
    private final boolean closeUnderlying;
    /**
     * The format buffer, one per thread: when workers commit their own batches in turn, each
     * formats into a buffer its core already holds, rather than into one the other core wrote last.
     */
    private final ThreadLocal<ByteBuilder> buffers = ThreadLocal.withInitial(() -> new ByteBuilder(1 << 16));
    private boolean closed;
    /** With a compression program on standard output: the thread copying its output. */
    private Thread copier;

    private OutputChannel(String name, Path path, Path target, OutputStream out, Process process,
            boolean closeUnderlying) {
        this.name = name;
        this.path = path;
        this.target = target;
        this.out = out;
        this.process = process;
        this.closeUnderlying = closeUnderlying;
    }

    /**
     * Opens a file under its temporary name.
     *
     * @param compression applied by this channel; {@link OutputCompression#none()} when the data
     *     written is compressed already (by the merge workers)
     * @param tag what makes this run's temporary names its own
     * @param overwrite whether {@link #claimEarlier} has moved an earlier run's file to the temporary
     *     name, to be written over rather than replaced
     */
    static OutputChannel file(String name, OutputCompression compression, String tag, boolean overwrite)
            throws IOException {
        Path target = Path.of(name);
        Path path = temporary(target, tag);
        try {
            if (compression.usesProgram()) {
                Process p = compression.startProgram(path);
                return new OutputChannel(name, path, target, p.getOutputStream(), p, true);
            }
            OutputStream file = overwrite ? new OverwritingFileStream(path) : new FileOutputStream(path.toFile());
            return new OutputChannel(name, path, target, compression.wrapFile(file, path), null, true);
        } catch (FileSystemException | java.io.FileNotFoundException e) {
            if (overwrite) {
                // The earlier run's file, moved here to be written over, must not stay behind.
                Files.deleteIfExists(path);
            }
            throw new IOException("Failed to open \"" + name + "\" for writing: " + reason(e, target), e);
        }
    }

    /**
     * Moves an earlier run's file from {@code target} to this run's temporary name, to be written
     * over ({@link OverwritingFileStream}), where that is safe: a regular file this process may
     * write, with no other name (a hard link, as Nextflow and Snakemake publish outputs, would show
     * the new bytes). Anything else (a symbolic link, a read-only file, a file system without link
     * counts) is left to be removed.
     *
     * @return whether the file was moved, and the channel for {@code target} should overwrite it
     */
    static boolean claimEarlier(Path target, String tag) throws IOException {
        try {
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) || !Files.isWritable(target)
                    || ((Number) Files.getAttribute(target, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue() != 1) {
                return false;
            }
            Files.move(target, temporary(target, tag), StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (NoSuchFileException | UnsupportedOperationException | IllegalArgumentException notHere) {
            // Gone meanwhile, or no link count on this file system: removed as before, if there.
            return false;
        }
    }

    /** The temporary name of {@code target} for the run tagged {@code tag}: hidden, and visibly partial. */
    static Path temporary(Path target, String tag) {
        Path temporary = Path.of(OutputLayout.temporaryFileName(target.getFileName().toString(), tag));
        Path parent = target.getParent();
        return parent == null ? temporary : parent.resolve(temporary);
    }

    /**
     * Standard output ({@code -c}). Through a compression program, as FLASH does: the program's
     * output is copied to {@code stdout} by a thread of its own, and {@link #close} waits for it.
     */
    static OutputChannel stdout(OutputStream stdout, OutputCompression compression) throws IOException {
        if (!compression.usesProgram()) {
            return new OutputChannel("-", null, null, compression.wrap(new NonClosing(stdout)), null, false);
        }
        Process p = compression.startProgramToPipe();
        Thread copy = new Thread(() -> {
            try (java.io.InputStream in = p.getInputStream()) {
                in.transferTo(stdout);
                stdout.flush();
            } catch (IOException e) {
                p.destroy();
            }
        }, "flashj-stdout-copy");
        copy.setDaemon(true);
        copy.start();
        OutputChannel c = new OutputChannel("-", null, null, p.getOutputStream(), p, true);
        c.copier = copy;
        return c;
    }

    /**
     * The system's reason for a file that cannot be opened or created, in the words of strerror as
     * FLASH gives it: java.io puts it in parentheses after the path ("... (Read-only file system)"),
     * java.nio in the exception's type or reason; where neither does, it is worked out.
     */
    static String reason(IOException e, Path path) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        String message = e.getMessage();
        if (message != null && message.endsWith(")") && message.lastIndexOf(" (") > 0) {
            return message.substring(message.lastIndexOf(" (") + 2, message.length() - 1);
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

    /** The calling thread's format buffer. */
    ByteBuilder buffer() {
        return buffers.get();
    }

    /** Writes bytes ready as they are (compressed blocks from the merge workers). */
    void write(ByteBuilder data) throws IOException {
        try {
            data.writeTo(out);
        } catch (IOException e) {
            throw new IOException("Failed to write \"" + name + "\": " + e.getMessage(), e);
        }
    }

    /** Writes what the calling thread formatted into its buffer. */
    void flushBuffer() throws IOException {
        ByteBuilder buffer = buffers.get();
        try {
            buffer.writeTo(out);
        } catch (IOException e) {
            throw new IOException("Failed to write \"" + name + "\": " + e.getMessage(), e);
        }
        buffer.clear();
    }

    /** Finishes the file: compression trailer, process exit. */
    void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        // The workers' buffers end with their threads; the closing thread's is let go here.
        buffers.remove();
        try {
            out.close();
        } catch (IOException e) {
            throw new IOException("Failed to write \"" + name + "\": " + e.getMessage(), e);
        }
        if (process != null) {
            int status;
            try {
                status = process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the compression program of \"" + name + "\"", e);
            }
            if (status != 0) {
                throw new IOException("the compression program writing \"" + name + "\" exited with status " + status);
            }
            if (copier != null) {
                try {
                    copier.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while copying the compression program's output", e);
                }
            }
        }
    }

    /** Gives the closed file its final name, in one atomic rename. */
    void publish() throws IOException {
        if (target == null) {
            return;
        }
        try {
            Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException("Failed to write \"" + name + "\": " + e.getMessage(), e);
        }
    }

    /** Stops writing and removes the temporary file: the run failed. */
    void discard() {
        closed = true;
        try {
            if (out instanceof GzipOutputStream) {
                ((GzipOutputStream) out).discard();
            } else if (closeUnderlying) {
                out.close();
            } else {
                out.flush();
            }
        } catch (IOException ignored) {
            // The run has already failed with its own error.
        }
        if (process != null) {
            process.destroy();
        }
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // Best effort, as above.
            }
        }
    }

    /** Standard output must stay open after the run; closing this stream only flushes it. */
    static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
