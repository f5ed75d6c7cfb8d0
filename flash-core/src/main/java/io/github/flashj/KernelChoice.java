package io.github.flashj;

import io.github.flashj.kernel.MergeKernel;
import io.github.flashj.kernel.MergeKernels;

/**
 * Which merge kernel (overlap search) a job uses ({@link FlashJob.Builder#kernel(KernelChoice)}).
 * Both give the same results; they differ in speed. The Vector API kernel needs the
 * {@code jdk.incubator.vector} module (start Java with {@code --add-modules jdk.incubator.vector});
 * where it is absent, the scalar kernel runs, with one warning that names the flag.
 */
public enum KernelChoice {
    /**
     * The fastest kernel this JVM can run (the default): the Vector API kernel where its module is
     * present. A JVM that merges input after input pays the vector kernel's warm-up (about 0.2 s of
     * CPU) once; a program that runs one small merge per JVM may prefer {@link #SCALAR}.
     */
    AUTO,
    /** The scalar kernel, which runs on every JVM and is fast from its first call. */
    SCALAR,
    /** The Vector API kernel wherever it can run, else the scalar kernel. */
    VECTOR;

    /**
     * The choice for a JVM that runs one merge over about {@code inputBytes} of FASTQ text (negative
     * when unknown, as for a pipe): {@link #AUTO} where the Vector API kernel's warm-up pays, else
     * {@link #SCALAR}. A JVM that merges many inputs in turn pays the warm-up once and keeps
     * {@link #AUTO}.
     */
    public static KernelChoice forOneRun(long inputBytes) {
        return MergeKernels.forOneRun(inputBytes) == MergeKernels.scalar() ? SCALAR : AUTO;
    }

    /**
     * Whether this JVM was started with the {@code jdk.incubator.vector} module, without which
     * {@link #AUTO} and {@link #VECTOR} run the scalar kernel (and say so, once).
     */
    public static boolean vectorModulePresent() {
        return MergeKernels.vectorModulePresent();
    }

    /** The kernel chosen. */
    MergeKernel kernel() {
        return this == SCALAR ? MergeKernels.scalar() : MergeKernels.best();
    }
}
