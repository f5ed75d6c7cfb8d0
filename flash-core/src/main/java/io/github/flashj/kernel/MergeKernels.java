package io.github.flashj.kernel;

import java.lang.invoke.MethodHandles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * Chooses the merge kernel at run time: the Vector API kernel where the {@code jdk.incubator.vector}
 * module is present (run with {@code --add-modules jdk.incubator.vector}), the scalar kernel
 * elsewhere, with one warning that names the flag. A job chooses through
 * {@link io.github.flashj.FlashJob.Builder#kernel(io.github.flashj.KernelChoice)}.
 *
 * <p>A JVM that runs one merge also weighs the Vector API kernel's warm-up ({@link #forOneRun}):
 * until C2 has compiled it, every vector operation runs as a loop over objects, which costs about
 * 0.2 s of CPU (JDK 17 and 25 alike), while the kernel saves about 0.3 us per 2x150 bp pair once
 * compiled. On small inputs the scalar kernel, which is cheap from its first call, finishes first.
 */
public final class MergeKernels {
    private static final Logger LOG = LoggerFactory.getLogger(MergeKernels.class);
    /**
     * The FASTQ text (both mates) from which the Vector API kernel's warm-up pays in a JVM that runs
     * one merge: about 1.5 million pairs of 2x150 bp. Measured on 2 cores, both kernels took the same
     * time at 1 million pairs; below, the scalar kernel was faster (0.54 s against 0.66 s at 100,000).
     */
    public static final long VECTOR_PAYS_FROM_BYTES = 1L << 30;

    private MergeKernels() {
    }

    /** The fastest kernel this JVM can run. */
    public static MergeKernel best() {
        return Best.KERNEL;
    }

    /**
     * Holds the choice, made on first use: a run that {@link #forOneRun} gives the scalar kernel
     * never loads the Vector API's classes (about 0.04 s at start-up).
     */
    private static final class Best {
        static final MergeKernel KERNEL = choose();
    }

    /**
     * The fastest kernel for a JVM that runs a single merge over about {@code inputBytes} of FASTQ
     * text (negative when unknown, as for a pipe): {@link #best()} from {@link #VECTOR_PAYS_FROM_BYTES}
     * on or when the size is unknown, the scalar kernel below it. A JVM that merges many inputs in turn
     * (a library's, a Spark executor's) pays the warm-up once and should use {@link #best()}.
     */
    public static MergeKernel forOneRun(long inputBytes) {
        if (inputBytes < 0 || inputBytes >= VECTOR_PAYS_FROM_BYTES) {
            return best();
        }
        LOG.debug("{} bytes of input: the scalar merge kernel finishes before the Vector API kernel's warm-up "
                + "would pay", inputBytes);
        return ScalarMergeKernel.INSTANCE;
    }

    /** Whether this JVM was started with the {@code jdk.incubator.vector} module, which the Vector API kernel needs. */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** The scalar kernel, which runs on every JVM. */
    public static MergeKernel scalar() {
        return ScalarMergeKernel.INSTANCE;
    }

    /** The Vector API kernel, or null where the incubator module is not present. */
    public static MergeKernel vector() {
        MergeKernel best = best();
        return best != ScalarMergeKernel.INSTANCE ? best : loadVector();
    }

    private static MergeKernel choose() {
        if (!vectorModulePresent()) {
            // As Lucene does: once, naming the fix; the results are the same either way.
            warn("The Vector API merge kernel is off: the JVM was started without the jdk.incubator.vector "
                    + "module, so FlashJ merges with its scalar kernel (the same results, more slowly). Start Java "
                    + "with --add-modules jdk.incubator.vector to use it");
            return ScalarMergeKernel.INSTANCE;
        }
        MergeKernel vector = loadVector();
        if (vector == null) {
            return ScalarMergeKernel.INSTANCE;
        }
        LOG.debug("using the Vector API merge kernel");
        return vector;
    }

    private static MergeKernel loadVector() {
        if (!vectorModulePresent()) {
            return null;
        }
        try {
            // Loaded by name so that this class never links against the incubator module.
            Class<?> type = Class.forName(MergeKernels.class.getPackageName() + ".VectorMergeKernel");
            return (MergeKernel) MethodHandles.lookup().findConstructor(type,
                    java.lang.invoke.MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            warn("The Vector API merge kernel could not be loaded (" + e + "); FlashJ merges with its scalar "
                    + "kernel (the same results, more slowly)");
            return null;
        }
    }

    /**
     * A warning that must reach the user whatever logging the application set up: through SLF4J
     * where it has a binding, else through {@code java.util.logging} (the JDK's own, on standard
     * error by default), since SLF4J without a binding prints only that it has none.
     */
    private static void warn(String message) {
        if (LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory) {
            System.getLogger(MergeKernels.class.getName()).log(System.Logger.Level.WARNING, message);
        } else {
            LOG.warn(message);
        }
    }
}
