package io.github.flashj.cli;

import io.github.flashj.KernelChoice;
import io.github.flashj.PipelineLayout;
import java.util.function.UnaryOperator;

/**
 * Choices the library otherwise makes by itself, which an operator may force for comparisons
 * through system properties ({@code JAVA_OPTS=-D...}): the command reads them here, where it
 * starts, and hands them to the library's builders.
 *
 * <ul>
 *   <li>{@code flashj.pipeline=staged|carried}: {@link io.github.flashj.FlashJob.Builder#pipelineLayout};
 *   <li>{@code flashj.kernel=scalar|vector}: the merge kernel, whatever the input's size would choose;
 *   <li>{@code flashj.gzip.seekSpacing=BYTES}: {@link io.github.flashj.io.input.FastqInputs.Options#gzipSeekSpacing}.
 * </ul>
 *
 * Other values are ignored, as if the property were not set.
 *
 * @param layout how a run with one reader lays out its threads
 * @param kernel the kernel forced, or {@link KernelChoice#AUTO} for the command's own choice
 * @param gzipSeekSpacing compressed bytes between gzip seek points, 0 for the library's default
 */
record EngineOverrides(PipelineLayout layout, KernelChoice kernel, int gzipSeekSpacing) {
    static final String LAYOUT_PROPERTY = "flashj.pipeline";
    static final String KERNEL_PROPERTY = "flashj.kernel";
    static final String SEEK_SPACING_PROPERTY = "flashj.gzip.seekSpacing";
    /** Nothing forced. */
    static final EngineOverrides NONE = new EngineOverrides(PipelineLayout.AUTO, KernelChoice.AUTO, 0);

    /** The overrides this JVM's system properties set. */
    static EngineOverrides fromSystemProperties() {
        return from(System::getProperty);
    }

    /** The overrides that {@code property} gives the values of (null where one is not set). */
    static EngineOverrides from(UnaryOperator<String> property) {
        PipelineLayout layout = switch (String.valueOf(property.apply(LAYOUT_PROPERTY))) {
            case "staged" -> PipelineLayout.STAGED;
            case "carried" -> PipelineLayout.CARRIED;
            default -> PipelineLayout.AUTO;
        };
        KernelChoice kernel = switch (String.valueOf(property.apply(KERNEL_PROPERTY))) {
            case "scalar" -> KernelChoice.SCALAR;
            case "vector" -> KernelChoice.VECTOR;
            default -> KernelChoice.AUTO;
        };
        return new EngineOverrides(layout, kernel, bytes(property.apply(SEEK_SPACING_PROPERTY)));
    }

    EngineOverrides withLayout(PipelineLayout v) {
        return new EngineOverrides(v, kernel, gzipSeekSpacing);
    }

    EngineOverrides withKernel(KernelChoice v) {
        return new EngineOverrides(layout, v, gzipSeekSpacing);
    }

    EngineOverrides withGzipSeekSpacing(int v) {
        return new EngineOverrides(layout, kernel, v);
    }

    /** A count of bytes as {@link Integer#getInteger} reads it; 0 when not set, not a number or negative. */
    private static int bytes(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.decode(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
