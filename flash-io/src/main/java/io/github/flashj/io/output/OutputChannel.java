package io.github.flashj.io.output;

import io.github.flashj.io.SystemErrors;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One output file (or standard output): a format buffer, the compression, the process if any.
 *
 * <p>A file is written where {@link StagedFiles} staged it (a temporary name, or a special file in
 * place); giving it its final name, or removing it, is the staging's part.
 */
final class OutputChannel {
    /** How long a failed write waits for a compression program that stopped reading to end. */
    private static final int PROGRAM_END_WAIT_SECONDS = 5;

    private final String name;
    private final OutputStream out;
    private final Process process;
    private final boolean closeUnderlying;
    /**
     * The format buffer, one per thread: when workers commit their own batches in turn, each
     * formats into a buffer its core already holds, rather than into one the other core wrote last.
     */
    private final ThreadLocal<ByteBuilder> buffers = ThreadLocal.withInitial(() -> new ByteBuilder(1 << 16));
    private boolean closed;
    /** The bytes handed to the file so far. */
    private long written;
    /** With a compression program on standard output: the thread copying its output. */
    private Thread copier;
    /** The compression program's command line, when there is one. */
    private String program;

    private OutputChannel(String name, OutputStream out, Process process, boolean closeUnderlying) {
        this.name = name;
        this.out = out;
        this.process = process;
        this.closeUnderlying = closeUnderlying;
    }

    /**
     * Opens the file staged for {@code name}.
     *
     * @param path where {@code name} is written ({@link StagedFiles#stage})
     * @param compression applied by this channel; {@link OutputCompression#none()} when the data
     *     written is compressed already (by the merge workers)
     * @param overwrite whether {@code path} holds an earlier run's file to be written over rather
     *     than replaced ({@link OverwritingFileStream})
     */
    static OutputChannel file(String name, Path path, OutputCompression compression, boolean overwrite)
            throws IOException {
        try {
            if (compression.usesProgram()) {
                Process p = compression.startProgram(path);
                OutputChannel c = new OutputChannel(name, p.getOutputStream(), p, true);
                c.program = compression.command();
                return c;
            }
            // A file the staging made is opened as it is: never created again (a signal's cleanup
            // may have removed it already), and not truncated, since ext4 (auto_da_alloc) takes the
            // truncation of an existing file for a rewrite and writes all of its data out when it
            // is closed (half a second per GB). A name written in place is opened as FLASH opens it.
            OutputStream file = overwrite ? new OverwritingFileStream(path)
                    : StagedFiles.writtenInPlace(path) ? new FileOutputStream(path.toFile())
                    : Files.newOutputStream(path, StandardOpenOption.WRITE);
            return new OutputChannel(name, compression.wrapFile(file, path), null, true);
        } catch (FileSystemException | java.io.FileNotFoundException e) {
            throw new OutputFileException(OutputFileException.Operation.OPEN, name, SystemErrors.reason(e, Path.of(name)), e);
        }
    }

    /**
     * Standard output ({@code -c}). Through a compression program, as FLASH does: the program's
     * output is copied to {@code stdout} by a thread of its own, and {@link #close} waits for it.
     */
    static OutputChannel stdout(OutputStream stdout, OutputCompression compression) throws IOException {
        if (!compression.usesProgram()) {
            return new OutputChannel("-", compression.wrap(new NonClosing(stdout)), null, false);
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
        OutputChannel c = new OutputChannel("-", p.getOutputStream(), p, true);
        c.copier = copy;
        c.program = compression.command();
        return c;
    }

    /** The calling thread's format buffer. */
    ByteBuilder buffer() {
        return buffers.get();
    }

    /**
     * A stopped run's staged file, continued: cut to the {@code length} bytes its last checkpoint
     * recorded, and written on from there.
     *
     * @throws IOException when the file is shorter than that
     */
    static OutputChannel resumed(String name, Path path, OutputCompression compression, Cut cut) throws IOException {
        long end = cut.length();
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (file.size() < cut.length()) {
                throw new IOException("the output file " + path + " has " + file.size() + " bytes, fewer than the "
                        + cut.length() + " its run's last checkpoint recorded");
            }
            if (compression.format() == io.github.flashj.io.Compression.ZSTD) {
                end = ZstdFileStream.endCut(file, cut.length(), cut.frameStart(), cut.frameContent());
            } else {
                file.truncate(cut.length());
            }
        } catch (FileSystemException e) {
            throw new OutputFileException(OutputFileException.Operation.OPEN, name, SystemErrors.reason(e, path), e);
        }
        OutputStream file = Files.newOutputStream(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        OutputChannel c = new OutputChannel(name, compression.wrapFile(file, path, end), null, true);
        c.written = cut.length();
        return c;
    }

    /**
     * Where a checkpoint cut a file: its length, and for a Zstandard frame left open, where the
     * frame starts and how much content it holds.
     */
    record Cut(long length, long frameStart, long frameContent) {
    }

    /**
     * Hands every byte written so far to the file (none is held back by the stream) and returns
     * how many there are: the file's length at a checkpoint. On the committing thread.
     */
    Cut checkpoint() throws IOException {
        try {
            if (out instanceof OverwritingFileStream overwriting) {
                overwriting.writeHeld();
            } else if (out instanceof ZstdFileStream zstd) {
                return new Cut(zstd.checkpoint(), zstd.frameStart(), zstd.contentLength());
            }
        } catch (IOException e) {
            throw writeFailure(OutputFileException.Operation.WRITE, e);
        }
        return new Cut(written, 0, 0);
    }

    /**
     * Ends the blocks of a Zstandard file here, handing every byte written so far to the file, as
     * after every {@link ZstdFileStream#CUT_BATCHES}th batch; nothing for other files. On the
     * committing thread.
     */
    void endBlocks() throws IOException {
        if (out instanceof ZstdFileStream zstd) {
            try {
                zstd.checkpoint();
            } catch (IOException e) {
                throw writeFailure(OutputFileException.Operation.WRITE, e);
            }
        }
    }

    /** Writes bytes ready as they are (compressed blocks from the merge workers). */
    void write(ByteBuilder data) throws IOException {
        written += data.length();
        try {
            data.writeTo(out);
        } catch (IOException e) {
            throw writeFailure(OutputFileException.Operation.WRITE, e);
        }
    }

    /** Writes what the calling thread formatted into its buffer. */
    void flushBuffer() throws IOException {
        ByteBuilder buffer = buffers.get();
        written += buffer.length();
        try {
            buffer.writeTo(out);
        } catch (IOException e) {
            throw writeFailure(OutputFileException.Operation.WRITE, e);
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
            throw writeFailure(OutputFileException.Operation.CLOSE, e);
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
                throw new OutputFileException(OutputFileException.Operation.CLOSE, name, programFailure(status), null);
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

    /**
     * A write that failed. Through a compression program the pipe's error ("Stream closed", "Broken
     * pipe") only says that the program stopped reading; the program's end says why.
     */
    private OutputFileException writeFailure(OutputFileException.Operation operation, IOException e) {
        String reason = e.getMessage();
        if (process != null) {
            try {
                if (process.waitFor(PROGRAM_END_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                    int status = process.exitValue();
                    reason = status != 0 ? programFailure(status) : "the compression program '" + program
                            + "' ended (exit status 0) before reading all of its input";
                } else {
                    reason = "the compression program '" + program + "' stopped reading its input (" + reason + ")";
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return new OutputFileException(operation, name, reason, e);
    }

    private String programFailure(int status) {
        return "the compression program '" + program + "' failed with exit status " + status
                + (status == 127 ? " (not found)" : status == 126 ? " (not executable)" : "");
    }

    /** Stops writing: the run failed (the staging removes the file). */
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
