package io.github.flashj.kernel;

import java.lang.invoke.MethodHandles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the merge kernel at run time: the Vector API kernel where the {@code jdk.incubator.vector}
 * module is present (run with {@code --add-modules jdk.incubator.vector}), the scalar kernel
 * elsewhere, with one warning that names the flag. The system property {@code flashj.kernel=scalar}
 * forces the scalar kernel.
 */
public final class MergeKernels {
    private static final Logger LOG = LoggerFactory.getLogger(MergeKernels.class);
    private static final MergeKernel BEST = choose();

    private MergeKernels() {
    }

    /** The fastest kernel this JVM can run. */
    public static MergeKernel best() {
        return BEST;
    }

    /** The scalar kernel, which runs on every JVM. */
    public static MergeKernel scalar() {
        return ScalarMergeKernel.INSTANCE;
    }

    /** The Vector API kernel, or null where the incubator module is not present. */
    public static MergeKernel vector() {
        return BEST != ScalarMergeKernel.INSTANCE ? BEST : loadVector();
    }

    private static MergeKernel choose() {
        if ("scalar".equals(System.getProperty("flashj.kernel"))) {
            LOG.debug("flashj.kernel=scalar: using the scalar merge kernel");
            return ScalarMergeKernel.INSTANCE;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            // As Lucene does: once, naming the fix; the results are the same either way.
            LOG.warn("The Vector API merge kernel is off: the JVM was started without the jdk.incubator.vector "
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
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            // Loaded by name so that this class never links against the incubator module.
            Class<?> type = Class.forName(MergeKernels.class.getPackageName() + ".VectorMergeKernel");
            return (MergeKernel) MethodHandles.lookup().findConstructor(type,
                    java.lang.invoke.MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            LOG.warn("The Vector API merge kernel could not be loaded ({}); FlashJ merges with its scalar kernel "
                    + "(the same results, more slowly)", e.toString());
            return null;
        }
    }
}
