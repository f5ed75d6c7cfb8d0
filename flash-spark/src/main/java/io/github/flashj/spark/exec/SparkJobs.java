package io.github.flashj.spark.exec;

import java.io.IOException;
import org.apache.spark.SparkException;

/** Spark actions as the merge runs them: a failed job is an IOException that says why in one line. */
final class SparkJobs {
    private SparkJobs() {
    }

    /** A Spark action whose failure becomes an IOException with its root cause's message. */
    static <T> T runJob(SparkAction<T> action) throws IOException {
        try {
            return action.run();
        } catch (SparkException e) {
            throw new IOException("the Spark job failed: " + rootMessage(e), e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof SparkException) {
                throw new IOException("the Spark job failed: " + rootMessage(e), e);
            }
            throw e;
        }
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
