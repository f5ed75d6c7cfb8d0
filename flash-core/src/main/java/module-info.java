/**
 * FlashJ's core: the API in {@code io.github.flashj}, and the merge kernels, which only the
 * benchmarks see.
 */
module io.github.flashj.core {
    requires java.management;
    requires org.jctools.core;
    requires org.slf4j;
    // VectorMergeKernel alone uses it, and is loaded only where the JVM was started with
    // --add-modules jdk.incubator.vector.
    requires static jdk.incubator.vector;

    exports io.github.flashj;
    exports io.github.flashj.kernel to io.github.flashj.bench;
}
