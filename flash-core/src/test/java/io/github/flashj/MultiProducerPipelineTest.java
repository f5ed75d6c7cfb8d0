package io.github.flashj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The pipeline with several producers reading a {@link ParallelPairSource}. */
class MultiProducerPipelineTest {
    static final List<ReadPair> PAIRS = FlashJobTest.PAIRS;

    @AfterEach
    void noPipelineThreadOutlivesARun() {
        assertEquals(List.of(), FlashJobTest.flashjThreads());
    }

    static Stream<Arguments> shapes() {
        List<Arguments> shapes = new ArrayList<>();
        for (int producers : new int[] {1, 2, 3, 4}) {
            for (int workers : new int[] {1, 3}) {
                for (int batchSize : new int[] {1, 7, 250, 1500, 4096}) {
                    for (int inFlight : new int[] {2, 3, -1}) {
                        shapes.add(Arguments.of(producers, workers, batchSize, inFlight));
                    }
                }
            }
        }
        return shapes.stream();
    }

    @ParameterizedTest(name = "producers {0}, workers {1}, batch size {2}, in flight {3}")
    @MethodSource("shapes")
    void output_isInInputOrder_atAnyNumberOfProducers(int producers, int workers, int batchSize, int inFlight)
            throws IOException {
        CollectingSink sink = new CollectingSink();
        ChunkedListSource source = new ChunkedListSource(PAIRS, producers);
        FlashJob.Builder b = FlashJob.builder().source(source).sink(sink).parameters(FlashJobTest.PARAMS)
                .workers(workers).batchSize(batchSize);
        if (inFlight > 0) {
            b.inFlight(inFlight);
        }
        JobStatistics stats = b.build().run();
        assertEquals(FlashJobTest.expectedLines(PAIRS, FlashJobTest.EXPECTED), sink.lines);
        assertEquals(PAIRS.size(), stats.pairs());
        int chunks = (PAIRS.size() + batchSize - 1) / batchSize;
        assertEquals(chunks, sink.batchIds.size());
        for (int i = 0; i < chunks; i++) {
            assertEquals(i, sink.batchIds.get(i));
        }
        assertEquals(producers == 1, source.filledInOrder);
        assertTrue(source.closed);
        assertEquals(1, sink.completed.get());
        assertEquals(0, sink.aborted.get());
    }

    @Test
    void emptyInput_endsWithNoBatch() throws IOException {
        CollectingSink sink = new CollectingSink();
        ChunkedListSource source = new ChunkedListSource(List.of(), 3);
        JobStatistics stats = FlashJobTest.job(source, sink).build().run();
        assertEquals(0, stats.pairs());
        assertEquals(List.of(), sink.batchIds);
        assertTrue(source.closed);
        assertEquals(1, sink.completed.get());
    }

    @Test
    void inputOfWholeBatches_commitsNoEmptyBatch() throws IOException {
        CollectingSink sink = new CollectingSink();
        JobStatistics stats = FlashJobTest.job(new ChunkedListSource(PAIRS, 4), sink).batchSize(100).build().run();
        assertEquals(PAIRS.size(), stats.pairs());
        assertEquals(15, sink.batchIds.size());
    }

    @Test
    void producerIOException_isRethrown_abortsTheSinks_andClosesTheSource() {
        IOException boom = new IOException("disk on fire");
        CollectingSink sink = new CollectingSink();
        ChunkedListSource source = new ChunkedListSource(PAIRS, 3).failingOnChunk(4, boom);
        assertSame(boom, assertThrows(IOException.class,
                () -> FlashJobTest.job(source, sink).batchSize(10).build().run()));
        assertEquals(1, sink.aborted.get());
        assertSame(boom, sink.abortCause);
        assertEquals(0, sink.completed.get());
        assertTrue(sink.batchIds.size() <= 4, "only chunks before the failure: " + sink.batchIds);
        assertTrue(source.closed);
    }

    @Test
    void producerFailure_onTheFirstChunk_withManyWorkers_leavesNoThreads() {
        IllegalStateException bug = new IllegalStateException("bug");
        CollectingSink sink = new CollectingSink();
        ChunkedListSource source = new ChunkedListSource(PAIRS, 4).failingOnChunk(0, bug);
        assertSame(bug, assertThrows(IllegalStateException.class,
                () -> FlashJobTest.job(source, sink).workers(7).build().run()));
        assertEquals(List.of(), sink.batchIds);
        assertEquals(1, sink.aborted.get());
    }

    @Test
    void failureWhileCountingProducers_isRethrown_closesTheSource_andAbortsTheSinks() {
        IOException boom = new IOException("cannot index");
        CollectingSink sink = new CollectingSink();
        ChunkedListSource source = new ChunkedListSource(PAIRS, 2).failingToCount(boom);
        assertSame(boom, assertThrows(IOException.class, () -> FlashJobTest.job(source, sink).build().run()));
        assertTrue(source.closed);
        assertEquals(1, sink.aborted.get());
        assertTrue(source.chunksFilled.isEmpty());
    }

    @Test
    void sinkFailure_stopsEveryProducer() {
        IOException full = new IOException("disk full");
        CollectingSink sink = new CollectingSink().failingOnBatch(3, full);
        ChunkedListSource source = new ChunkedListSource(PAIRS, 3);
        assertSame(full, assertThrows(IOException.class,
                () -> FlashJobTest.job(source, sink).batchSize(5).build().run()));
        assertEquals(1, sink.aborted.get());
        assertTrue(source.closed);
        assertFalse(source.chunksFilled.size() > 3 + 16, "producers stop within the batches in flight");
    }

    @Test
    void aSourceLeavingAChunkEmptyButSayingMoreFollow_fails() {
        CollectingSink sink = new CollectingSink();
        ChunkedListSource source = new ChunkedListSource(PAIRS, 2).leavingChunksEmpty();
        assertThrows(IllegalStateException.class, () -> FlashJobTest.job(source, sink).build().run());
        assertEquals(1, sink.aborted.get());
    }
}
