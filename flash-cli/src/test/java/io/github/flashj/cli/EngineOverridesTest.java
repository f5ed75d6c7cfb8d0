package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.flashj.KernelChoice;
import io.github.flashj.PipelineLayout;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The system properties an operator forces the library's choices with, read as the command reads them. */
class EngineOverridesTest {
    private static EngineOverrides read(Map<String, String> properties) {
        return EngineOverrides.from(properties::get);
    }

    @Test
    void nothingSet_forcesNothing() {
        assertEquals(EngineOverrides.NONE, read(Map.of()));
    }

    @Test
    void eachProperty_forcesItsChoice() {
        assertEquals(new EngineOverrides(PipelineLayout.STAGED, KernelChoice.VECTOR, 16384), read(Map.of(
                "flashj.pipeline", "staged", "flashj.kernel", "vector", "flashj.gzip.seekSpacing", "16384")));
        assertEquals(new EngineOverrides(PipelineLayout.CARRIED, KernelChoice.SCALAR, 0x4000), read(Map.of(
                "flashj.pipeline", "carried", "flashj.kernel", "scalar", "flashj.gzip.seekSpacing", "0x4000")));
    }

    @Test
    void otherValues_areIgnored() {
        assertEquals(EngineOverrides.NONE, read(Map.of("flashj.pipeline", "Staged", "flashj.kernel", "avx",
                "flashj.gzip.seekSpacing", "16k")));
        assertEquals(EngineOverrides.NONE, read(Map.of("flashj.gzip.seekSpacing", "-5")));
    }
}
