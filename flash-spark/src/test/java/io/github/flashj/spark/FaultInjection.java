package io.github.flashj.spark;

import io.github.flashj.spark.exec.ChunkTask;
import org.apache.spark.TaskContext;

/**
 * Makes the first attempt of one chunk's task fail once it has written its first batch, so that
 * tests can show that Spark's retry leaves the output exact. A run gets it through
 * {@code FlashSpark.Builder.batchObserver}; it is serialized with the tasks and acts on the
 * executor.
 *
 * @param fault what the attempt does
 * @param chunk the chunk whose first attempt fails
 */
record FaultInjection(Fault fault, int chunk) implements ChunkTask.BatchObserver {
    /** How the first attempt fails. */
    enum Fault {
        /** The task throws. */
        THROW,
        /** The executor's JVM halts. */
        HALT
    }

    /** The task of chunk {@code chunk} throws in its first attempt. */
    static FaultInjection failFirstAttempt(int chunk) {
        return new FaultInjection(Fault.THROW, chunk);
    }

    /** The executor running the first attempt of chunk {@code chunk} dies in the middle of it. */
    static FaultInjection haltExecutorInFirstAttempt(int chunk) {
        return new FaultInjection(Fault.HALT, chunk);
    }

    @Override
    public void batchWritten(int writtenChunk, long batch) {
        TaskContext task = TaskContext.get();
        if (writtenChunk != chunk || batch != 0 || task == null || task.attemptNumber() != 0) {
            return;
        }
        if (fault == Fault.THROW) {
            throw new IllegalStateException("injected failure of the first attempt of chunk " + chunk);
        }
        Runtime.getRuntime().halt(137);
    }
}
