package io.github.flashj.io.decode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread pools that read inputs in parallel (planning the split of two files, decoding gzip
 * segments): daemon threads named after their work, a shutdown that waits for them, and a task's
 * failure thrown again on the thread that waited for it.
 */
public final class InputThreads {
    private InputThreads() {
    }

    /** A pool of {@code threads} daemon threads named {@code prefix} and a number from 0. */
    public static ExecutorService pool(int threads, String prefix) {
        AtomicInteger made = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, prefix + made.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
    }

    /** Waits for a shut-down pool's threads to end, keeping an interrupt for the caller. */
    public static void awaitTermination(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A task's failure as its waiter throws it: an unchecked exception or error is thrown here as it
     * is; an I/O error (also one a task wrapped as {@link UncheckedIOException}) is returned for the
     * caller to throw, and any other exception wrapped in one.
     */
    public static IOException failure(Throwable cause) {
        if (cause instanceof UncheckedIOException) {
            return ((UncheckedIOException) cause).getCause();
        }
        if (cause instanceof IOException) {
            return (IOException) cause;
        }
        if (cause instanceof RuntimeException) {
            throw (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return new IOException(cause);
    }
}
