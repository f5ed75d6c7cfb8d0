package io.github.flashj;

import static io.github.flashj.FlashJobTest.PAIRS;
import static io.github.flashj.FlashJobTest.flashjThreads;
import static io.github.flashj.FlashJobTest.job;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.batch.PairBatch;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sources and sinks that break their contracts, and callers that give up: the run ends, with an
 * error that says what went wrong, and leaves no thread behind.
 */
class BrokenContractTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @AfterEach
    void noPipelineThreadOutlivesARun() {
        assertEquals(List.of(), flashjThreads());
    }

    /** A source that appends its pairs, then keeps saying that more follow without appending any. */
    private static PairSource trueForever() {
        ListSource pairs = new ListSource(PAIRS.subList(0, 100));
        return new PairSource() {
            @Override
            public boolean fill(PairBatch batch) throws IOException {
                pairs.fill(batch);
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    private static void assertContractError(PipelineLayout layout, PairSource source, String... words) {
        CollectingSink sink = new CollectingSink();
        IllegalStateException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(IllegalStateException.class,
                () -> job(source, sink).pipelineLayout(layout).batchSize(16).build().run()));
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), e.getMessage());
        }
        assertEquals(1, sink.aborted.get());
    }

    @ParameterizedTest
    @EnumSource(value = PipelineLayout.class, names = {"STAGED", "CARRIED"})
    void sourceSayingMoreFollowsButAppendingNothing_fails(PipelineLayout layout) {
        PairSource empty = new PairSource() {
            @Override
            public boolean fill(PairBatch batch) {
                return true;
            }

            @Override
            public void close() {
            }
        };
        assertContractError(layout, empty, "PairSource.fill", "batch 0 empty", "more pairs follow");
    }

    @ParameterizedTest
    @EnumSource(value = PipelineLayout.class, names = {"STAGED", "CARRIED"})
    void sourceReturningTrueAfterItsInputEnds_fails(PipelineLayout layout) {
        assertContractError(layout, trueForever(), "PairSource.fill", "batch 7 empty", "return false");
    }

    @ParameterizedTest
    @EnumSource(value = PipelineLayout.class, names = {"STAGED", "CARRIED"})
    void sourceClearingTheBatch_fails(PipelineLayout layout) {
        ListSource pairs = new ListSource(PAIRS);
        PairSource clearing = new PairSource() {
            @Override
            public boolean fill(PairBatch batch) throws IOException {
                batch.clear(0);
                return pairs.fill(batch);
            }

            @Override
            public void close() {
            }
        };
        assertContractError(layout, clearing, "PairSource.fill", "cleared batch 1", "only append");
    }

    @ParameterizedTest
    @EnumSource(value = PipelineLayout.class, names = {"STAGED", "CARRIED"})
    void sourceClearingTheBatchAfterFillingIt_fails(PipelineLayout layout) {
        ListSource pairs = new ListSource(PAIRS);
        PairSource clearing = new PairSource() {
            @Override
            public boolean fill(PairBatch batch) throws IOException {
                boolean more = pairs.fill(batch);
                batch.clear(batch.id());
                return more;
            }

            @Override
            public void close() {
            }
        };
        assertContractError(layout, clearing, "PairSource.fill", "batch 0 empty");
    }

    // ---- interrupts ----

    /** Runs {@code job} on a thread of its own, interrupts it once {@code blocked} counts down, and returns what it threw. */
    private static Throwable interruptedRun(FlashJob job, CountDownLatch blocked) throws Throwable {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                job.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        }, "caller");
        caller.start();
        assertTrue(blocked.await(LIMIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS), "never blocked");
        caller.interrupt();
        caller.join(LIMIT.toMillis());
        assertTrue(!caller.isAlive(), "run() still running after an interrupt");
        assertEquals(Boolean.TRUE, stillInterrupted.get(), "the interrupt status is set again");
        assertNotNull(thrown.get());
        return thrown.get();
    }

    @ParameterizedTest
    @EnumSource(value = PipelineLayout.class, names = {"STAGED", "CARRIED"})
    void interrupt_stopsARunWhoseSourceIsBlocked(PipelineLayout layout) throws Throwable {
        CountDownLatch blocked = new CountDownLatch(1);
        ListSource pairs = new ListSource(PAIRS);
        PairSource blocking = new PairSource() {
            private int fills;

            @Override
            public boolean fill(PairBatch batch) throws IOException {
                if (fills++ == 3) {
                    blocked.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        throw new InterruptedIOException("source interrupted");
                    }
                }
                return pairs.fill(batch);
            }

            @Override
            public void close() {
            }
        };
        CollectingSink sink = new CollectingSink();
        Throwable e = interruptedRun(job(blocking, sink).pipelineLayout(layout).batchSize(16).build(), blocked);
        assertInstanceOf(InterruptedIOException.class, e);
        assertEquals(1, sink.aborted.get());
        assertEquals(0, sink.completed.get());
    }

    @ParameterizedTest
    @EnumSource(value = PipelineLayout.class, names = {"STAGED", "CARRIED"})
    void interrupt_stopsARunWhoseSinkIsBlocked(PipelineLayout layout) throws Throwable {
        CountDownLatch blocked = new CountDownLatch(1);
        CollectingSink sink = new CollectingSink();
        OrderedSink blocking = new OrderedSink() {
            @Override
            public void accept(PairBatch batch) throws IOException {
                if (batch.id() == 2) {
                    blocked.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("sink interrupted", e);
                    }
                }
                sink.accept(batch);
            }

            @Override
            public void abort(Throwable cause) {
                sink.abort(cause);
            }
        };
        Throwable e = interruptedRun(job(new ListSource(PAIRS), blocking).pipelineLayout(layout).batchSize(16).build(),
                blocked);
        assertInstanceOf(InterruptedIOException.class, e);
        assertEquals(1, sink.aborted.get());
    }

    // ---- aborts that throw ----

    @ParameterizedTest
    @EnumSource(value = PipelineLayout.class, names = {"STAGED", "CARRIED"})
    void sinkThrowingFromAbort_keepsTheRunsError_withTheAbortsSuppressed(PipelineLayout layout) {
        IOException bad = new IOException("unreadable");
        IllegalStateException abortFailure = new IllegalStateException("abort failed");
        CollectingSink later = new CollectingSink();
        OrderedSink throwing = new OrderedSink() {
            @Override
            public void accept(PairBatch batch) {
            }

            @Override
            public void abort(Throwable cause) {
                throw abortFailure;
            }
        };
        FlashJob failing = FlashJob.builder().source(new ListSource(PAIRS).failingOnFill(2, bad)).sink(throwing)
                .sink(later).parameters(FlashJobTest.PARAMS).pipelineLayout(layout).workers(2).batchSize(16).build();
        IOException e = assertThrows(IOException.class, failing::run);
        assertSame(bad, e);
        assertArrayEquals(new Throwable[] {abortFailure}, e.getSuppressed());
        assertEquals(1, later.aborted.get(), "the other sinks are still told");
    }

    @Test
    void sinkThrowingFromAbort_whenBeginFails_keepsTheBeginError() {
        IOException cannotOpen = new IOException("cannot open");
        RuntimeException abortFailure = new RuntimeException("abort failed");
        OrderedSink sink = new OrderedSink() {
            @Override
            public void begin(MergeParameters parameters) throws IOException {
                throw cannotOpen;
            }

            @Override
            public void accept(PairBatch batch) {
            }

            @Override
            public void abort(Throwable cause) {
                throw abortFailure;
            }
        };
        IOException e = assertThrows(IOException.class, () -> job(new ListSource(PAIRS), sink).build().run());
        assertSame(cannotOpen, e);
        assertArrayEquals(new Throwable[] {abortFailure}, e.getSuppressed());
    }

    // ---- builders ----

    @Test
    void nullParameters_areRejected() {
        assertThrows(NullPointerException.class, () -> FlashJob.builder().parameters(null));
    }

    @Test
    void nanMaxMismatchDensity_isRejected() {
        FlashJobTest.assertInvalid("maxMismatchDensity",
                () -> FlashJob.builder().source(new ListSource(List.of())).maxMismatchDensity(Float.NaN).build());
    }
}
