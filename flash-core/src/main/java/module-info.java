/**
 * FlashJ's core: the API in {@code io.github.flashj}, a batch and what every runner does with one
 * in {@code io.github.flashj.batch}; the local pipeline stays inside, and the merge kernels and the
 * byte-lane helpers are for FlashJ's own modules.
 */
module io.github.flashj.core {
    requires java.management;
    requires org.jctools.core;
    requires org.slf4j;
    // VectorMergeKernel alone uses it, and is loaded only where the JVM was started with
    // --add-modules jdk.incubator.vector.
    requires static jdk.incubator.vector;

    exports io.github.flashj;
    exports io.github.flashj.batch;
    exports io.github.flashj.kernel to io.github.flashj.bench;
    exports io.github.flashj.swar to io.github.flashj.io;
}
