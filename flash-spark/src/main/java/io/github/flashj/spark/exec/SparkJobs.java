package io.github.flashj.spark.exec;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.apache.spark.SparkException;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaSparkStatusTracker;

/**
 * Spark actions as the merge runs them: a failed job is an IOException that says why in one line,
 * thrown once the job's other tasks have stopped. Spark fails a job at its first failed task and
 * leaves the others running; a merge task still writing its part into the work directory after the
 * run has removed it (or after a rerun has taken it over) would put the directory back.
 */
final class SparkJobs {
    /** How long a failed job's other tasks are given to stop once cancelled. */
    private static final Duration TASKS_STOP = Duration.ofSeconds(60);
    private static final String GROUP = "spark.jobGroup.id";
    private static final String DESCRIPTION = "spark.job.description";
    private static final String INTERRUPT = "spark.job.interruptOnCancel";

    private SparkJobs() {
    }

    /**
     * Runs a Spark action, in a job group of its own on this thread; its failure becomes an
     * IOException with its root cause's message, once the group's tasks have stopped.
     */
    static <T> T runJob(JavaSparkContext jsc, SparkAction<T> action) throws IOException {
        String group = "flashj-" + UUID.randomUUID();
        String previousGroup = jsc.getLocalProperty(GROUP);
        String previousDescription = jsc.getLocalProperty(DESCRIPTION);
        String previousInterrupt = jsc.getLocalProperty(INTERRUPT);
        jsc.setJobGroup(group, "FlashJ", true);
        try {
            return action.run();
        } catch (SparkException e) {
            awaitStop(jsc, group);
            throw new IOException("the Spark job failed: " + rootMessage(e), e);
        } catch (RuntimeException e) {
            awaitStop(jsc, group);
            if (e.getCause() instanceof SparkException) {
                throw new IOException("the Spark job failed: " + rootMessage(e), e);
            }
            throw e;
        } finally {
            jsc.setLocalProperty(GROUP, previousGroup);
            jsc.setLocalProperty(DESCRIPTION, previousDescription);
            jsc.setLocalProperty(INTERRUPT, previousInterrupt);
        }
    }

    /** Cancels the group's jobs and waits until none of their tasks runs, for at most {@link #TASKS_STOP}. */
    private static void awaitStop(JavaSparkContext jsc, String group) {
        jsc.cancelJobGroup(group);
        long deadline = System.nanoTime() + TASKS_STOP.toNanos();
        while (tasksRunning(jsc.statusTracker(), group) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean tasksRunning(JavaSparkStatusTracker tracker, String group) {
        for (int job : tracker.getJobIdsForGroup(group)) {
            SparkJobInfo info = tracker.getJobInfo(job);
            for (int stage : info == null ? new int[0] : info.stageIds()) {
                SparkStageInfo stageInfo = tracker.getStageInfo(stage);
                if (stageInfo != null && stageInfo.numActiveTasks() > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }

    @FunctionalInterface
    interface SparkAction<T> {
        T run() throws SparkException;
    }
}
