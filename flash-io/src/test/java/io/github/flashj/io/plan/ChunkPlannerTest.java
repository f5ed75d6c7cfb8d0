package io.github.flashj.io.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.io.input.InputFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chunks of whole pairs, and the one chunk that reads inputs whole where they cannot be split. */
class ChunkPlannerTest {
    private static RangeScan scan(int records) throws IOException {
        byte[] data = "@r\nACGT\n+\nIIII\n".repeat(records).getBytes(StandardCharsets.US_ASCII);
        return RangeScan.scan(PositionalInput.of(data), InputFormat.PAIRED_FASTQ, 0, data.length, 8);
    }

    @Test
    void aSplitPlanHasNoChunkThatReadsTheInputsWhole() throws IOException {
        ChunkPlanner.Plan plan = ChunkPlanner.plan(InputFormat.PAIRED_FASTQ, List.of("r1", "r2"),
                List.of(List.of(scan(100)), List.of(scan(100))), 8, 30);
        assertTrue(plan.split());
        assertEquals(4, plan.chunks().size());
        assertEquals(100, plan.pairs());
        assertTrue(plan.chunks().stream().noneMatch(ChunkPlan::readsWholeInputs), plan.chunks().toString());
    }

    @Test
    void oneChunkInOrderReadsTheInputsWhole() {
        ChunkPlanner.Plan plan = ChunkPlanner.inOrder(InputFormat.PAIRED_FASTQ, -1, "r1.fq.zst is zstd-compressed");
        assertFalse(plan.split());
        assertEquals("r1.fq.zst is zstd-compressed", plan.unsplitReason());
        assertEquals(1, plan.chunks().size());
        assertTrue(plan.chunks().get(0).readsWholeInputs());
        assertEquals(2, plan.chunks().get(0).slices().size());
        assertNull(ChunkPlanner.inOrder(InputFormat.INTERLEAVED_FASTQ, 0, null).unsplitReason());
        assertEquals(1, ChunkPlanner.inOrder(InputFormat.INTERLEAVED_FASTQ, 0, null).chunks().get(0).slices().size());
    }

    @Test
    void aLastChunkToTheEndDoesNotReadTheInputsWholeWhenItStartsLater() {
        ChunkPlan later = new ChunkPlan(1, 30, ChunkPlan.TO_THE_END, List.of(new ChunkPlan.Slice(480, 120, 0)));
        assertFalse(later.readsWholeInputs());
    }
}
