package io.github.flashj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.batch.PairBatch;
import io.github.flashj.kernel.Alignment;
import io.github.flashj.kernel.MergeKernel;
import io.github.flashj.kernel.MergeKernels;
import io.github.flashj.pipeline.Pipeline;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class FlashJobTest {
    static final MergeParameters PARAMS = MergeParameters.builder().minOverlap(8).maxOverlap(60).allowOuties(true)
            .build();
    static final List<ReadPair> PAIRS = Pairs.random(new Random(42), 1500, 150);
    static final List<MergeResult> EXPECTED = ReadMerger.create(PARAMS).mergeAll(PAIRS);

    static List<String> expectedLines(List<ReadPair> pairs, List<MergeResult> results) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            lines.add(CollectingSink.expectedLine(pairs.get(i), results.get(i)));
        }
        return lines;
    }

    static FlashJob.Builder job(PairSource source, OrderedSink sink) {
        return FlashJob.builder().source(source).sink(sink).parameters(PARAMS).workers(2).batchSize(64);
    }

    static List<Thread> flashjThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("flashj-")).toList();
    }

    @AfterEach
    void noPipelineThreadOutlivesARun() {
        assertEquals(List.of(), flashjThreads());
    }

    // ---- order and content ----

    static Stream<Arguments> shapes() {
        List<Arguments> shapes = new ArrayList<>();
        for (PipelineLayout layout : new PipelineLayout[] {PipelineLayout.STAGED, PipelineLayout.CARRIED}) {
            for (int workers : new int[] {1, 2, 7}) {
                for (int batchSize : new int[] {1, 3, 4096}) {
                    for (int inFlight : new int[] {2, 3, 16, -1}) {
                        shapes.add(Arguments.of(layout, workers, batchSize, inFlight));
                    }
                }
            }
        }
        return shapes.stream();
    }

    @ParameterizedTest(name = "{0}, workers {1}, batch size {2}, in flight {3}")
    @MethodSource("shapes")
    void output_isInInputOrderAndEqualsReadMerger(PipelineLayout layout, int workers, int batchSize, int inFlight)
            throws IOException {
        CollectingSink sink = new CollectingSink();
        FlashJob.Builder b = FlashJob.builder().source(new ListSource(PAIRS)).sink(sink).parameters(PARAMS)
                .workers(workers).batchSize(batchSize).pipelineLayout(layout);
        if (inFlight > 0) {
            b.inFlight(inFlight);
        }
        JobStatistics stats = b.build().run();
        assertEquals(expectedLines(PAIRS, EXPECTED), sink.lines);
        assertEquals(PAIRS.size(), stats.pairs());
        for (int i = 0; i < sink.batchIds.size(); i++) {
            assertEquals(i, sink.batchIds.get(i));
        }
        assertEquals((PAIRS.size() + batchSize - 1) / batchSize, sink.batchIds.size());
    }

    @Test
    void layout_isAutomaticByDefault_andRejectsNull() {
        assertEquals(PipelineLayout.AUTO, valid().build().pipelineLayout());
        assertEquals(PipelineLayout.STAGED, valid().pipelineLayout(PipelineLayout.STAGED).build().pipelineLayout());
        assertInvalid("pipelineLayout", () -> valid().pipelineLayout(null).build());
    }

    /**
     * Carried through, batches reach the sinks one at a time, in order, from the workers, of which
     * no more run than there are cores.
     */
    @Test
    void carriedRun_acceptsOneBatchAtATime_onTheWorkers() throws IOException {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Long> ids = new ArrayList<>();
        java.util.Set<String> threads = ConcurrentHashMap.newKeySet();
        OrderedSink watching = batch -> {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            threads.add(Thread.currentThread().getName());
            ids.add(batch.id());
            Thread.yield();
            inside.decrementAndGet();
        };
        job(new ListSource(PAIRS), watching).pipelineLayout(PipelineLayout.CARRIED).workers(4).batchSize(5).build()
                .run();
        assertEquals(0, overlaps.get());
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(i, ids.get(i));
        }
        assertEquals((PAIRS.size() + 4) / 5, ids.size());
        assertTrue(threads.stream().allMatch(t -> t.startsWith("flashj-worker-")), threads.toString());
        // At most one worker per core: more would only take turns on them.
        assertTrue(threads.size() <= Math.min(4, Runtime.getRuntime().availableProcessors()), threads.toString());
    }

    /** Many workers taking turns on one-pair batches: every commit wakes the right one, in order. */
    @org.junit.jupiter.api.RepeatedTest(5)
    void carriedRun_manyWorkersOnTinyBatches_keepTheOrder() throws IOException {
        CollectingSink sink = new CollectingSink();
        job(new ListSource(PAIRS), sink).pipelineLayout(PipelineLayout.CARRIED).workers(8).batchSize(1).inFlight(8)
                .build().run();
        assertEquals(expectedLines(PAIRS, EXPECTED), sink.lines);
    }

    /** The input is closed once, when it has been read to its end, before the sinks complete. */
    @Test
    void carriedRun_closesTheSourceOnce_beforeTheSinksComplete() throws IOException {
        ListSource source = new ListSource(PAIRS);
        AtomicInteger closesAtComplete = new AtomicInteger(-1);
        OrderedSink sink = new OrderedSink() {
            @Override
            public void accept(PairBatch batch) {
            }

            @Override
            public void complete(JobStatistics statistics) {
                closesAtComplete.set(source.closes.get());
            }
        };
        job(source, sink).pipelineLayout(PipelineLayout.CARRIED).workers(3).batchSize(16).build().run();
        assertEquals(1, closesAtComplete.get());
        assertEquals(1, source.closes.get());
    }

    @Test
    void carriedRun_closesTheSourceOnce_whenItFails() {
        ListSource source = new ListSource(PAIRS).failingOnFill(3, new IOException("boom"));
        assertThrows(IOException.class, () -> job(source, new CollectingSink()).pipelineLayout(PipelineLayout.CARRIED)
                .workers(3).batchSize(16).build().run());
        assertEquals(1, source.closes.get());
    }

    @Test
    void output_withTheScalarKernel_isTheSame() throws IOException {
        CollectingSink sink = new CollectingSink();
        job(new ListSource(PAIRS), sink).kernel(MergeKernels.scalar()).workers(3).build().run();
        assertEquals(expectedLines(PAIRS, EXPECTED), sink.lines);
    }

    @ParameterizedTest
    @EnumSource(KernelChoice.class)
    void output_withEachKernelChoice_isTheSame(KernelChoice choice) throws IOException {
        CollectingSink sink = new CollectingSink();
        job(new ListSource(PAIRS), sink).kernel(choice).workers(3).build().run();
        assertEquals(expectedLines(PAIRS, EXPECTED), sink.lines);
    }

    @Test
    void kernelChoice_namesTheKernel() {
        assertSame(MergeKernels.scalar(), KernelChoice.SCALAR.kernel());
        assertSame(MergeKernels.best(), KernelChoice.AUTO.kernel());
        assertSame(MergeKernels.best(), KernelChoice.VECTOR.kernel());
        assertEquals("vector", KernelChoice.VECTOR.kernel().name(), "run with --add-modules jdk.incubator.vector");
    }

    @Test
    void everySink_seesEveryBatchInOrder() throws IOException {
        CollectingSink first = new CollectingSink();
        CollectingSink second = new CollectingSink();
        job(new ListSource(PAIRS), first).sink(second).batchSize(7).build().run();
        assertEquals(expectedLines(PAIRS, EXPECTED), first.lines);
        assertEquals(first.lines, second.lines);
        assertEquals(1, first.completed.get());
        assertEquals(1, second.completed.get());
    }

    @Test
    void output_withSingleParameterSetters_matchesReadMerger() throws IOException {
        MergeParameters p = MergeParameters.builder().minOverlap(5).maxOverlap(100).maxMismatchDensity(0.1f)
                .capMismatchQuals(true).build();
        CollectingSink sink = new CollectingSink();
        FlashJob job = FlashJob.builder().source(new ListSource(PAIRS)).sink(sink).minOverlap(5).maxOverlap(100)
                .maxMismatchDensity(0.1f).capMismatchQuals(true).workers(2).batchSize(100).build();
        assertEquals(p.toString(), job.parameters().toString());
        job.run();
        assertEquals(expectedLines(PAIRS, ReadMerger.create(p).mergeAll(PAIRS)), sink.lines);
    }

    // ---- statistics ----

    @Test
    void statistics_countPairsAndOutcomes() throws IOException {
        CollectingSink sink = new CollectingSink();
        JobStatistics stats = job(new ListSource(PAIRS), sink).build().run();
        long innie = EXPECTED.stream().filter(r -> r.orientation() == MergeResult.Orientation.INNIE).count();
        long outie = EXPECTED.stream().filter(r -> r.orientation() == MergeResult.Orientation.OUTIE).count();
        assertTrue(innie > 100 && outie > 5, "the random pairs merge both ways: " + innie + " " + outie);
        assertEquals(PAIRS.size(), stats.pairs());
        assertEquals(innie, stats.combinedInnie());
        assertEquals(outie, stats.combinedOutie());
        assertEquals(innie + outie, stats.combined());
        assertEquals(PAIRS.size() - innie - outie, stats.notCombined());
        assertEquals(0, stats.singles());
        assertEquals(100.0 * (innie + outie) / PAIRS.size(), stats.percentCombined(), 1e-9);
        assertSame(stats, sink.statistics);
    }

    static long[] histogram(List<MergeResult> results, MergeResult.Orientation only) {
        long[] h = new long[0];
        for (MergeResult r : results) {
            if (r.isCombined() && (only == null || r.orientation() == only)) {
                int len = r.merged().get().sequence().length();
                if (len >= h.length) {
                    h = Arrays.copyOf(h, len + 1);
                }
                h[len]++;
            }
        }
        return h;
    }

    @Test
    void statistics_histogramsCountMergedLengths() throws IOException {
        JobStatistics stats = job(new ListSource(PAIRS), new CollectingSink()).build().run();
        assertArrayEquals(histogram(EXPECTED, null), stats.histogram());
        assertArrayEquals(histogram(EXPECTED, MergeResult.Orientation.INNIE), stats.innieHistogram());
        assertArrayEquals(histogram(EXPECTED, MergeResult.Orientation.OUTIE), stats.outieHistogram());
    }

    @Test
    void statistics_countOverlapsAboveMaxOverlap() throws IOException {
        JobStatistics stats = job(new ListSource(PAIRS), new CollectingSink()).build().run();
        long above = EXPECTED.stream().filter(r -> r.overlapLength() > PARAMS.maxOverlap()).count();
        assertTrue(above > 0, "the random pairs have long overlaps");
        assertEquals(above, stats.overlapAboveMaxOverlap());
    }

    @Test
    void statistics_histogramsAreCopies() throws IOException {
        JobStatistics stats = job(new ListSource(PAIRS), new CollectingSink()).build().run();
        long[] h = stats.histogram();
        Arrays.fill(h, 99);
        assertArrayEquals(histogram(EXPECTED, null), stats.histogram());
    }

    @Test
    void emptyInput_completesWithZeroCounts() throws IOException {
        CollectingSink sink = new CollectingSink();
        JobStatistics stats = job(new ListSource(List.of()), sink).build().run();
        assertEquals(0, stats.pairs());
        assertEquals(0, stats.combined());
        assertEquals(0, stats.percentCombined());
        assertEquals(0, stats.histogram().length);
        assertEquals(List.of(), sink.batchIds);
        assertEquals(1, sink.completed.get());
        assertEquals(0, sink.aborted.get());
    }

    @Test
    void successfulRun_completesEverySinkOnceAndAbortsNone() throws IOException {
        CollectingSink sink = new CollectingSink();
        ListSource source = new ListSource(PAIRS);
        job(source, sink).build().run();
        assertEquals(1, sink.completed.get());
        assertEquals(0, sink.aborted.get());
        assertTrue(source.closed, "the job closes its source");
    }

    // ---- failures ----

    @Test
    void sourceIOException_isRethrownAsIs() {
        IOException boom = new IOException("disk on fire");
        CollectingSink sink = new CollectingSink();
        ListSource source = new ListSource(PAIRS).failingOnFill(3, boom);
        IOException thrown = assertThrows(IOException.class, () -> job(source, sink).batchSize(10).build().run());
        assertSame(boom, thrown);
    }

    @Test
    void sourceIOException_abortsTheSinkAndDoesNotCompleteIt() {
        IOException boom = new IOException("disk on fire");
        CollectingSink sink = new CollectingSink();
        ListSource source = new ListSource(PAIRS).failingOnFill(3, boom);
        assertThrows(IOException.class, () -> job(source, sink).batchSize(10).build().run());
        assertEquals(1, sink.aborted.get());
        assertSame(boom, sink.abortCause);
        assertEquals(0, sink.completed.get());
        assertTrue(sink.batchIds.size() <= 3, "only batches read before the failure: " + sink.batchIds);
        assertTrue(source.closed, "the source is closed after a failure");
    }

    @ParameterizedTest
    @EnumSource(value = PipelineLayout.class, names = {"STAGED", "CARRIED"})
    void sourceIOException_onTheFirstFill_leavesNoThreads(PipelineLayout layout) {
        IOException boom = new IOException("no such file");
        CollectingSink sink = new CollectingSink();
        assertSame(boom, assertThrows(IOException.class, () -> job(new ListSource(PAIRS).failingOnFill(0, boom), sink)
                .pipelineLayout(layout).workers(7).build().run()));
        assertEquals(List.of(), sink.batchIds);
        assertEquals(1, sink.aborted.get());
        assertEquals(List.of(), flashjThreads());
    }

    @Test
    void sourceInputFormatException_isRethrownAsIs() {
        InputFormatException bad = new InputFormatException("r1.fq", 12, "no + line");
        CollectingSink sink = new CollectingSink();
        assertSame(bad, assertThrows(InputFormatException.class,
                () -> job(new ListSource(PAIRS).failingOnFill(2, bad), sink).batchSize(5).build().run()));
        assertEquals(1, sink.aborted.get());
    }

    @Test
    void sourceRuntimeException_isRethrownAsIs() {
        IllegalStateException bug = new IllegalStateException("bug");
        CollectingSink sink = new CollectingSink();
        assertSame(bug, assertThrows(IllegalStateException.class,
                () -> job(new ListSource(PAIRS).failingOnFill(1, bug), sink).build().run()));
        assertEquals(1, sink.aborted.get());
        assertEquals(0, sink.completed.get());
    }

    @Test
    void sourceLeavingAHalfPair_fails() {
        CollectingSink sink = new CollectingSink();
        assertThrows(IllegalStateException.class,
                () -> job(new ListSource(PAIRS).leavingAHalfPair(), sink).build().run());
        assertEquals(1, sink.aborted.get());
    }

    @Test
    void sinkIOException_isRethrownAsIs() {
        IOException full = new IOException("disk full");
        CollectingSink sink = new CollectingSink().failingOnBatch(5, full);
        assertSame(full, assertThrows(IOException.class, () -> job(new ListSource(PAIRS), sink).batchSize(10)
                .build().run()));
    }

    @Test
    void sinkIOException_abortsEverySinkAndCompletesNone() {
        IOException full = new IOException("disk full");
        CollectingSink failing = new CollectingSink().failingOnBatch(5, full);
        CollectingSink other = new CollectingSink();
        ListSource source = new ListSource(PAIRS);
        assertThrows(IOException.class, () -> job(source, failing).sink(other).batchSize(10).workers(7).build()
                .run());
        for (CollectingSink s : List.of(failing, other)) {
            assertEquals(1, s.aborted.get());
            assertSame(full, s.abortCause);
            assertEquals(0, s.completed.get());
        }
        assertEquals(5, failing.batchIds.size());
        assertTrue(source.closed, "the source is closed after a sink failure");
    }

    @ParameterizedTest
    @EnumSource(value = PipelineLayout.class, names = {"STAGED", "CARRIED"})
    void sinkIOException_onTheFirstBatch_withSmallBatches_leavesNoThreads(PipelineLayout layout) {
        IOException full = new IOException("disk full");
        CollectingSink sink = new CollectingSink().failingOnBatch(0, full);
        assertSame(full, assertThrows(IOException.class, () -> job(new ListSource(PAIRS), sink).pipelineLayout(layout)
                .batchSize(1).inFlight(2).workers(7).build().run()));
        assertEquals(List.of(), flashjThreads());
    }

    @Test
    void sinkFailingToComplete_isRethrownAndAbortsTheSinks() {
        IOException late = new IOException("cannot write the histogram");
        CollectingSink sink = new CollectingSink().failingOnComplete(late);
        assertSame(late, assertThrows(IOException.class, () -> job(new ListSource(PAIRS), sink).build().run()));
        assertEquals(1, sink.completed.get());
        assertEquals(1, sink.aborted.get());
        assertSame(late, sink.abortCause);
    }

    // ---- running once ----

    @Test
    void aJob_runsOnlyOnce() throws IOException {
        CollectingSink sink = new CollectingSink();
        FlashJob job = job(new ListSource(PAIRS), sink).build();
        job.run();
        assertThrows(IllegalStateException.class, job::run);
        assertEquals(PAIRS.size(), sink.lines.size());
        assertEquals(1, sink.completed.get());
    }

    @Test
    void aFailedJob_doesNotRunAgain() {
        FlashJob job = job(new ListSource(PAIRS).failingOnFill(0, new IOException("x")), new CollectingSink())
                .build();
        assertThrows(IOException.class, job::run);
        assertThrows(IllegalStateException.class, job::run);
    }

    // ---- building ----

    static void assertInvalid(String parameter, Executable build) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, build);
        assertEquals(parameter, e.parameter());
        assertTrue(e.getMessage().contains(parameter), e.getMessage());
    }

    static FlashJob.Builder valid() {
        return FlashJob.builder().source(new ListSource(List.of()));
    }

    @Test
    void build_withoutSource_isRejected() {
        assertInvalid("source", () -> FlashJob.builder().build());
    }

    @Test
    void build_withZeroWorkers_isRejected() {
        assertInvalid("workers", () -> valid().workers(0).build());
    }

    @Test
    void build_withNegativeWorkers_isRejected() {
        assertInvalid("workers", () -> valid().workers(-3).build());
    }

    @Test
    void build_withZeroBatchSize_isRejected() {
        assertInvalid("batchSize", () -> valid().batchSize(0).build());
    }

    @Test
    void build_withInFlightOne_isRejected() {
        assertInvalid("inFlight", () -> valid().inFlight(1).build());
    }

    @Test
    void build_withInFlightZero_isRejected() {
        assertInvalid("inFlight", () -> valid().inFlight(0).build());
    }

    @Test
    void build_withNullKernel_isRejected() {
        assertInvalid("kernel", () -> valid().kernel((MergeKernel) null).build());
        assertInvalid("kernel", () -> valid().kernel((KernelChoice) null).build());
    }

    @Test
    void build_withBadMergeParameter_namesIt() {
        assertInvalid("minOverlap", () -> valid().minOverlap(0).build());
        assertInvalid("maxMismatchDensity", () -> valid().maxMismatchDensity(2f).build());
    }

    @Test
    void build_nullSink_isRejected() {
        assertThrows(NullPointerException.class, () -> valid().sink(null));
    }

    @Test
    void build_defaults() {
        FlashJob job = valid().build();
        assertEquals(Runtime.getRuntime().availableProcessors(), job.workers());
        assertEquals(FlashJob.DEFAULT_BATCH_SIZE, job.batchSize());
        assertEquals(Math.max(4, 2 * job.workers()), job.inFlight());
        assertEquals(MergeParameters.DEFAULTS.toString(), job.parameters().toString());
    }

    @Test
    void build_inFlightDefault_isTwiceTheWorkersAtLeastFour() {
        assertEquals(4, valid().workers(1).build().inFlight());
        assertEquals(14, valid().workers(7).build().inFlight());
        assertEquals(2, valid().workers(7).inFlight(2).build().inFlight());
    }

    @Test
    void build_keepsTheGivenValues() {
        FlashJob job = valid().workers(3).batchSize(17).inFlight(5).build();
        assertEquals(3, job.workers());
        assertEquals(17, job.batchSize());
        assertEquals(5, job.inFlight());
    }

    @ParameterizedTest
    @EnumSource(value = PipelineLayout.class, names = {"STAGED", "CARRIED"})
    void statistics_reportPipelineMetricsWithinTheBounds(PipelineLayout layout) throws IOException {
        JobStatistics stats = job(new ListSource(PAIRS), new CollectingSink()).pipelineLayout(layout).workers(2)
                .batchSize(16).inFlight(5).build().run();
        JobStatistics.PipelineMetrics m = stats.pipeline();
        assertTrue(m.maxMergeQueueDepth() <= 5 && m.maxReorderDepth() <= 5, m.toString());
        assertTrue(m.meanMergeQueueDepth() >= 0 && m.meanMergeQueueDepth() <= m.maxMergeQueueDepth(), m.toString());
        assertTrue(m.meanReorderDepth() >= 0 && m.meanReorderDepth() <= m.maxReorderDepth(), m.toString());
        assertTrue(!m.commitWait().isNegative(), m.toString());
        assertTrue(!m.overTime().isEmpty() && m.overTime().size() <= 2048, m.toString());
        assertTrue(m.overTime().stream().allMatch(d -> d.mergeQueueDepth() <= 5 && d.reorderDepth() <= 5),
                m.overTime().toString());
        assertTrue(stats.pairsPerSecond() > 0, stats.toString());
        assertTrue(!stats.readTime().isNegative() && !stats.parseTime().isNegative()
                && !stats.mergeTime().isNegative() && !stats.writeTime().isNegative(), stats.toString());
    }

    /** The first worker merges alone for its first pairs; then the others merge too. */
    @ParameterizedTest
    @CsvSource({"STAGED, flashj-merge-, false", "CARRIED, flashj-worker-, false", "STAGED, flashj-merge-, true",
            "CARRIED, flashj-worker-, true"})
    void theOtherWorkersStartWhenTheFirstHasMergedItsShare(PipelineLayout layout, String threadName, boolean deferred)
            throws IOException {
        List<ReadPair> pairs = Pairs.random(new Random(7), 3 * Pipeline.FIRST_WORKER_ALONE, 40);
        AtomicLong searches = new AtomicLong();
        ConcurrentHashMap<String, Long> firstSearch = new ConcurrentHashMap<>();
        MergeKernel scalar = MergeKernels.scalar();
        MergeKernel recording = new MergeKernel() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public void search(byte[] first, byte[] firstQual, int firstOff, int firstLen, byte[] second,
                    byte[] secondQual, int secondOff, int secondLen, int minOverlap, int maxOverlap, byte orientation,
                    Alignment best) {
                firstSearch.putIfAbsent(Thread.currentThread().getName(), searches.getAndIncrement());
                scalar.search(first, firstQual, firstOff, firstLen, second, secondQual, secondOff, secondLen,
                        minOverlap, maxOverlap, orientation, best);
            }
        };
        ListSource source = deferred ? new ListSource(pairs).deferringParsing() : new ListSource(pairs);
        FlashJob.builder().source(source).sink(new CollectingSink()).pipelineLayout(layout)
                .kernel(recording).workers(3).batchSize(1024).build().run();
        assertEquals(0L, firstSearch.get(threadName + 0), firstSearch.toString());
        assertTrue(firstSearch.size() > 1, "the other workers merged too: " + firstSearch);
        firstSearch.forEach((thread, first) -> assertTrue(thread.equals(threadName + 0)
                || first >= Pipeline.FIRST_WORKER_ALONE, thread + " started at search " + first));
    }
}
