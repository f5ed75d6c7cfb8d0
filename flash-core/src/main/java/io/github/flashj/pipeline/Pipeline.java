package io.github.flashj.pipeline;

import io.github.flashj.JobStatistics;
import io.github.flashj.OrderedSink;
import io.github.flashj.ParallelPairSource;
import io.github.flashj.PipelineLayout;
import java.io.InterruptedIOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a job: begins the sinks, chooses the run's layout and drives the sinks to their end.
 * A source that asks for several producers is read by them ({@link MultiProducerRun}); one read by
 * one thread is {@link CarriedRun carried} through by the workers or {@link SingleReaderRun staged},
 * as {@link PipelineLayout} decides.
 *
 * <p>The first error of any stage stops every stage; the run then rethrows it after all threads
 * have ended, and the sinks abort. An interrupt of the calling thread stops the run as an error
 * would, with an {@link InterruptedIOException}, and the run waits for its threads to end.
 */
public final class Pipeline {
    /** Pairs the first worker merges alone before the others start (see {@code PipelineRun}). */
    public static final int FIRST_WORKER_ALONE = 32_768;

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final RunSettings settings;
    private final PipelineLayout layout;

    public Pipeline(RunSettings settings, PipelineLayout layout) {
        this.settings = settings;
        this.layout = layout;
    }

    public JobStatistics run() throws Exception {
        long started = System.nanoTime();
        PipelineRun run;
        StatisticsCollector statistics = new StatisticsCollector(settings.params().maxOverlap(), started);
        try {
            for (OrderedSink sink : settings.sinks()) {
                sink.begin(settings.params());
            }
            Checkpoints checkpoints = Checkpoints.start(settings, statistics);
            run = layOut(Runtime.getRuntime().availableProcessors(), checkpoints);
        } catch (Throwable e) {
            try {
                settings.source().close();
            } catch (Throwable suppressed) {
                e.addSuppressed(suppressed);
            }
            abortSinks(e);
            throw asException(e);
        }
        long writeNanos = run.run(statistics);
        // Cleared while the sinks abort or complete, set again when the run returns or throws.
        boolean interrupted = run.threads.interrupted() | Thread.interrupted();
        try {
            return complete(run, interrupted, statistics, started, writeNanos);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The run's layout: several producers where the source asks for them, else as {@link #layout}
     * decides. Batches read by several producers have no position to record, so such a run records
     * no checkpoints; a resumed run is read by one thread from where it resumes.
     */
    private PipelineRun layOut(int cores, Checkpoints checkpoints) throws Exception {
        if (settings.source() instanceof ParallelPairSource parallel && !settings.resume()) {
            int producers = Math.max(1, parallel.producers(settings.workers(), settings.batchSize()));
            if (producers > 1) {
                if (checkpoints.records()) {
                    LOG.info("No checkpoints are recorded: the input is read by {} producers at once, and one "
                            + "producer would record them", producers);
                }
                return new MultiProducerRun(settings, parallel, producers);
            }
        }
        PipelineRun run = carries(layout, settings.workers(), cores) ? new CarriedRun(settings, cores)
                : new SingleReaderRun(settings);
        run.checkpoints = checkpoints;
        return run;
    }

    /**
     * Ends a run whose threads have all ended: the sinks abort and the first error is rethrown, or
     * the sinks complete.
     */
    private JobStatistics complete(PipelineRun run, boolean interrupted, StatisticsCollector statistics,
            long started, long writeNanos) throws Exception {
        Throwable error = run.threads.failure();
        if (error != null) {
            if (interrupted && !(error instanceof InterruptedIOException)) {
                // A stage failed because of the interrupt (a sink's wait cut short, a channel closed).
                error = (Throwable) new InterruptedIOException("the run was interrupted").initCause(error);
            }
            abortSinks(error);
            throw asException(error);
        }
        JobStatistics stats = statistics.finish(Duration.ofNanos(System.nanoTime() - started),
                Duration.ofNanos(run.readNanos.get()), Duration.ofNanos(run.parseNanos.get()),
                Duration.ofNanos(run.mergeNanos.get()), Duration.ofNanos(run.prepareNanos.get()),
                Duration.ofNanos(writeNanos));
        long completeStarted = System.nanoTime();
        try {
            for (OrderedSink sink : settings.sinks()) {
                sink.complete(stats);
            }
        } catch (Throwable e) {
            abortSinks(e);
            throw asException(e);
        }
        LOG.debug("{}; {}; CPU: read {} ms over {} producers, parse {} ms, merge {} ms ({} kernel) and prepare output "
                + "{} ms, write {} ms, complete {} ms", stats, run.shape(), run.readNanos.get() / 1_000_000,
                run.producers(), run.parseNanos.get() / 1_000_000, run.mergeNanos.get() / 1_000_000,
                settings.kernel().name(), run.prepareNanos.get() / 1_000_000, writeNanos / 1_000_000,
                (System.nanoTime() - completeStarted) / 1_000_000);
        return stats;
    }

    /**
     * Tells every sink that the run failed with {@code error}. A sink that throws although it must
     * not leaves {@code error} the run's error, with its own failure suppressed in it, and the
     * other sinks are still told.
     */
    private void abortSinks(Throwable error) {
        for (OrderedSink sink : settings.sinks()) {
            try {
                sink.abort(error);
            } catch (Throwable e) {
                if (e != error) {
                    error.addSuppressed(e);
                }
            }
        }
    }

    private static Exception asException(Throwable e) {
        if (e instanceof Exception) {
            return (Exception) e;
        }
        if (e instanceof Error) {
            throw (Error) e;
        }
        return new RuntimeException(e);
    }

    /**
     * Whether a run with one reader and {@code workers} merge workers on {@code processors}
     * processors is carried through by its workers. Automatically, when the workers fill the
     * processors: a reader and a committer of their own would only take turns with them on the
     * same processors. With processors to spare (say 2 workers on 8), staging gives reading and
     * writing processors of their own.
     */
    static boolean carries(PipelineLayout layout, int workers, int processors) {
        return switch (layout) {
            case STAGED -> false;
            case CARRIED -> true;
            case AUTO -> workers >= processors;
        };
    }
}
