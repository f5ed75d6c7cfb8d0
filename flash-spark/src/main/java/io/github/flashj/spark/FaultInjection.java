package io.github.flashj.spark;

import org.apache.spark.TaskContext;

/**
 * A test-only hook that makes the first attempt of one chunk's task fail, so that tests can show
 * that Spark's retry leaves the output exact. Off unless the driver sets the local property
 * {@value #PROPERTY} to {@code fail:CHUNK} (the task throws once it has written its first batch)
 * or {@code exit:CHUNK} (the executor's JVM halts there).
 */
final class FaultInjection {
    static final String PROPERTY = "flashj.test.fault";

    private FaultInjection() {
    }

    /** Called by a task after writing batch {@code batch} of chunk {@code chunk}: acts after the first. */
    static void afterBatch(int chunk, long batch) {
        TaskContext task = TaskContext.get();
        if (task == null || batch != 0 || task.attemptNumber() != 0) {
            return;
        }
        String fault = task.getLocalProperty(PROPERTY);
        if (fault == null) {
            return;
        }
        if (fault.equals("fail:" + chunk)) {
            throw new IllegalStateException("injected failure of the first attempt of chunk " + chunk);
        }
        if (fault.equals("exit:" + chunk)) {
            Runtime.getRuntime().halt(137);
        }
    }
}
