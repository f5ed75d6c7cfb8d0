package io.github.flashj.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.PipelineLayout;
import org.junit.jupiter.api.Test;

class PipelineTest {
    /** Workers carry their batches through when they fill the cores, or when forced. */
    @Test
    void layout_isCarriedWhenTheWorkersFillTheCores() {
        assertTrue(Pipeline.carries(PipelineLayout.AUTO, 2, 2));
        assertTrue(Pipeline.carries(PipelineLayout.AUTO, 7, 2));
        assertTrue(Pipeline.carries(PipelineLayout.AUTO, 1, 1));
        assertTrue(!Pipeline.carries(PipelineLayout.AUTO, 1, 2));
        assertTrue(!Pipeline.carries(PipelineLayout.AUTO, 2, 8));
        assertTrue(!Pipeline.carries(PipelineLayout.STAGED, 7, 2));
        assertTrue(Pipeline.carries(PipelineLayout.CARRIED, 1, 8));
    }
}
