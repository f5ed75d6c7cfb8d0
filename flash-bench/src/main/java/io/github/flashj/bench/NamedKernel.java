package io.github.flashj.bench;

import io.github.flashj.kernel.MergeKernel;
import io.github.flashj.kernel.MergeKernels;

/** The kernel a benchmark's parameter names: {@code vector} or {@code scalar}. */
final class NamedKernel {
    private NamedKernel() {
    }

    /** The named kernel; the Vector API kernel fails here, not silently, where the JVM lacks its module. */
    static MergeKernel of(String name) {
        MergeKernel kernel = name.equals("vector") ? MergeKernels.vector() : MergeKernels.scalar();
        if (kernel == null) {
            throw new IllegalStateException("the vector kernel needs --add-modules jdk.incubator.vector");
        }
        return kernel;
    }
}
