package io.github.flashj;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.flashj.batch.MergeTally;
import io.github.flashj.batch.PairBatch;
import io.github.flashj.kernel.MergeKernel;
import io.github.flashj.kernel.MergeKernels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Why pairs were not combined, as the merge counts them: the same with either kernel, added up across parts. */
class RefusalTest {
    private static final MergeParameters PARAMS = MergeParameters.builder().minOverlap(10).build();

    static List<MergeKernel> kernels() {
        return List.of(MergeKernels.scalar(), MergeKernels.vector());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void eachReasonIsCountedOnce(MergeKernel kernel) throws Exception {
        Random rnd = new Random(23);
        String fragment = Pairs.bases(rnd, 60);
        List<ReadPair> pairs = new ArrayList<>();
        // Merges: read 2 overlaps the last 30 bases of read 1.
        pairs.add(Pairs.pair(fragment.substring(0, 45), Pairs.repeat('I', 45), fragment.substring(15),
                Pairs.repeat('I', 45)));
        // A read of 9 bases, under the min overlap of 10.
        pairs.add(Pairs.pair(fragment.substring(0, 9), Pairs.repeat('I', 9), fragment, Pairs.repeat('I', 60)));
        // Read 2 all N: every overlap matches, none has 10 positions free of N.
        pairs.add(Pairs.pair(fragment, Pairs.repeat('I', 60), Pairs.repeat('N', 60), Pairs.repeat('I', 60)));
        // Unrelated reads of A and C: every overlap is all mismatches.
        pairs.add(Pairs.pair(Pairs.repeat('A', 40), Pairs.repeat('I', 40), Pairs.repeat('C', 40),
                Pairs.repeat('I', 40)));
        pairs.add(Pairs.pair(Pairs.repeat('G', 50), Pairs.repeat('I', 50), Pairs.repeat('T', 50),
                Pairs.repeat('I', 50)));

        JobStatistics stats = FlashJob.builder().source(new ListSource(pairs)).sink(new CollectingSink())
                .parameters(PARAMS).kernel(kernel).workers(2).batchSize(2).build().run();

        assertEquals(1, stats.combined());
        assertEquals(1, stats.refusals(Refusal.READ_SHORTER_THAN_MIN_OVERLAP));
        assertEquals(1, stats.refusals(Refusal.TOO_MANY_N));
        assertEquals(2, stats.refusals(Refusal.MISMATCH_DENSITY_ABOVE_MAX));
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void reasonsAddUpToThePairsNotCombined(MergeKernel kernel) throws Exception {
        List<ReadPair> pairs = Pairs.random(new Random(7), 3000, 150);
        MergeTally total = new MergeTally(PARAMS.maxOverlap());
        // Two parts counted apart, as Spark's tasks do, then added up.
        for (List<ReadPair> part : List.of(pairs.subList(0, 1000), pairs.subList(1000, pairs.size()))) {
            MergeTally tally = new MergeTally(PARAMS.maxOverlap());
            FlashJob.builder().source(new ListSource(part)).sink(new OrderedSink() {
                @Override
                public void accept(PairBatch batch) {
                    tally.add(batch);
                }
            }).parameters(PARAMS).kernel(kernel).workers(2).batchSize(100).build().run();
            total.add(tally);
        }
        JobStatistics stats = total.toStatistics(Duration.ZERO);
        long counted = 0;
        for (Refusal reason : Refusal.values()) {
            counted += stats.refusals(reason);
        }
        assertEquals(stats.notCombined(), counted);
        assertEquals(3000, stats.pairs());
    }
}
