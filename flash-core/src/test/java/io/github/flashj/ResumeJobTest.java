package io.github.flashj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.batch.PairBatch;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link FlashJob.Builder#resume}: a run that failed after checkpoints, resumed from the last one
 * its sink's {@link RunJournal} recorded, gives the sinks the same pairs and the same statistics as
 * a run that never failed, in every layout.
 */
class ResumeJobTest {
    private static final List<ReadPair> PAIRS = Pairs.random(new Random(21), 700, 90);

    /** A source over a list of pairs whose position is the index of the next pair. */
    private static final class ResumableList implements ResumableSource {
        private final List<ReadPair> pairs;
        private int next;

        ResumableList(List<ReadPair> pairs) {
            this.pairs = pairs;
        }

        @Override
        public boolean fill(PairBatch batch) {
            while (!batch.isFull() && next < pairs.size()) {
                ReadPair p = pairs.get(next++);
                ListSource.append(batch, p.read1());
                ListSource.append(batch, p.read2());
            }
            return next < pairs.size();
        }

        @Override
        public String notResumable() {
            return null;
        }

        @Override
        public String fingerprint() {
            return pairs.size() + " pairs";
        }

        @Override
        public int position(long[] into) {
            into[0] = next;
            return 1;
        }

        @Override
        public void resumeAt(long[] position) {
            next = (int) position[0];
        }

        @Override
        public void close() {
        }
    }

    /** What a journal keeps across runs: the last checkpoint, and the sink's lines at it. */
    private static final class Store {
        Checkpoint last;
        List<String> lines = List.of();
        String parameters;
        int records;
    }

    /** A sink over a {@link CollectingSink} that keeps its journal in a {@link Store}. */
    private static final class JournalingSink implements OrderedSink, RunJournal {
        final CollectingSink lines = new CollectingSink();
        private final Store store;

        JournalingSink(Store store) {
            this.store = store;
        }

        @Override
        public RunJournal journal() {
            return this;
        }

        @Override
        public String notResumable() {
            return null;
        }

        @Override
        public Checkpoint start(MergeParameters parameters, String inputFingerprint, boolean resume)
                throws IOException {
            String described = parameters + " " + inputFingerprint;
            if (!resume || store.last == null) {
                store.parameters = described;
                return null;
            }
            if (!described.equals(store.parameters)) {
                throw new IOException("other parameters");
            }
            lines.lines.addAll(store.lines);
            return store.last;
        }

        @Override
        public void record(Checkpoint cut) {
            store.last = cut;
            store.lines = List.copyOf(lines.lines);
            store.records++;
        }

        @Override
        public void accept(PairBatch batch) throws IOException {
            lines.accept(batch);
        }

        @Override
        public void complete(JobStatistics statistics) throws IOException {
            lines.complete(statistics);
        }
    }

    private static FlashJob.Builder job(ResumableSource source, OrderedSink sink, PipelineLayout layout) {
        return FlashJob.builder().source(source).sink(sink).parameters(FlashJobTest.PARAMS).workers(3).batchSize(16)
                .pipelineLayout(layout).checkpointInterval(Duration.ofNanos(1));
    }

    @ParameterizedTest
    @EnumSource(value = PipelineLayout.class, names = {"STAGED", "CARRIED"})
    void aResumedRunGivesWhatAnUninterruptedOneGives(PipelineLayout layout) throws Exception {
        JournalingSink whole = new JournalingSink(new Store());
        JobStatistics expected = job(new ResumableList(PAIRS), whole, layout).build().run();

        Store store = new Store();
        JournalingSink failing = new JournalingSink(store);
        failing.lines.failingOnBatch(20, new IOException("disk full"));
        assertThrows(IOException.class, () -> job(new ResumableList(PAIRS), failing, layout).build().run());
        assertTrue(store.records > 0, "checkpoints were recorded");
        assertEquals(store.lines.size(), store.last.pairs(), "the cut counts the pairs the sink had");

        JournalingSink resumed = new JournalingSink(store);
        JobStatistics stats = job(new ResumableList(PAIRS), resumed, layout).resume(true).build().run();
        assertEquals(whole.lines.lines, resumed.lines.lines);
        assertEquals(expected.pairs(), stats.pairs());
        assertEquals(expected.combined(), stats.combined());
        assertArrayEquals(expected.histogram(), stats.histogram());
        assertArrayEquals(expected.innieHistogram(), stats.innieHistogram());
        assertArrayEquals(expected.outieHistogram(), stats.outieHistogram());
    }

    @Test
    void aSourceThatCannotResumeIsRefused() {
        FlashJob job = FlashJob.builder().source(new ListSource(PAIRS)).sink(new JournalingSink(new Store()))
                .parameters(FlashJobTest.PARAMS).resume(true).build();
        IOException e = assertThrows(IOException.class, job::run);
        assertTrue(e.getMessage().startsWith("cannot resume the run: its source"), e.getMessage());
    }

    @Test
    void aRunWithoutAJournalIsRefused() {
        FlashJob job = FlashJob.builder().source(new ResumableList(PAIRS)).sink(new CollectingSink())
                .parameters(FlashJobTest.PARAMS).resume(true).build();
        IOException e = assertThrows(IOException.class, job::run);
        assertEquals("cannot resume the run: no output of the run keeps a journal", e.getMessage());
    }

    @Test
    void noCheckpointIsRecordedWithAZeroInterval() throws Exception {
        Store store = new Store();
        FlashJob.builder().source(new ResumableList(PAIRS)).sink(new JournalingSink(store))
                .parameters(FlashJobTest.PARAMS).batchSize(16).checkpointInterval(Duration.ZERO).build().run();
        assertEquals(0, store.records);
        List<String> none = new ArrayList<>();
        assertEquals(none, store.lines);
    }
}
