package io.github.flashj.pipeline;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The threads of one run and its first error. The first error of any thread stops every stage
 * (each polls {@link #failed()}); the run rethrows it once all its threads have ended. An interrupt
 * of the thread that runs the job fails the run in the same way and interrupts the run's threads,
 * so that a source or sink blocked in an interruptible call returns.
 */
final class RunThreads {
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Only the thread that runs the job adds to it and reads it. */
    private final List<Thread> threads = new ArrayList<>();
    /** Whether the thread that runs the job was interrupted during the run; only that thread touches it. */
    private boolean interrupted;

    /** Starts one of the run's threads; an error it throws fails the run. Called by the job's thread only. */
    void start(String name, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                fail(e);
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** Waits for every thread of the run to end; an interrupt meanwhile stops the run. */
    void awaitAll() {
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    stopOnInterrupt();
                }
            }
        }
    }

    /** The job's thread was interrupted: the run fails, and its threads are interrupted. */
    void stopOnInterrupt() {
        interrupted = true;
        fail(new InterruptedIOException("the run was interrupted"));
        for (Thread t : threads) {
            t.interrupt();
        }
    }

    /** Records {@code e} as the run's error, unless an earlier one was. */
    void fail(Throwable e) {
        failure.compareAndSet(null, e);
    }

    boolean failed() {
        return failure.get() != null;
    }

    /** The run's first error, or null. */
    Throwable failure() {
        return failure.get();
    }

    /** Whether the job's thread was interrupted while it waited for the run. */
    boolean interrupted() {
        return interrupted;
    }
}
