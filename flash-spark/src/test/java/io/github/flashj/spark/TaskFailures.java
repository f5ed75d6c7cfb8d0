package io.github.flashj.spark;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/** Counts failed task attempts and lost executors, so that a fault test can show its fault happened. */
final class TaskFailures extends SparkListener {
    final AtomicInteger failedTasks = new AtomicInteger();
    final AtomicInteger removedExecutors = new AtomicInteger();

    static TaskFailures listen(SparkContext sc) {
        TaskFailures listener = new TaskFailures();
        sc.addSparkListener(listener);
        return listener;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (!end.taskInfo().successful()) {
            failedTasks.incrementAndGet();
        }
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        removedExecutors.incrementAndGet();
    }
}
