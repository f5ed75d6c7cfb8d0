/**
 * FlashJ's readers and writers: FASTQ, interleaved and tab-delimited input, FLASH's output layout,
 * and the compressed streams (gzip, zstd, and LZ4 frames of FlashJ's own).
 */
module io.github.flashj.io {
    requires transitive io.github.flashj.core;
    requires io.github.flashj.gzip;
    requires com.github.luben.zstd_jni;
    requires org.slf4j;

    exports io.github.flashj.io;
    exports io.github.flashj.io.input;
    exports io.github.flashj.io.lz4;
    exports io.github.flashj.io.output;
    // Chunk plans and the decoders' positional views, for the Spark runner.
    exports io.github.flashj.io.plan to io.github.flashj.spark;
    exports io.github.flashj.io.decode to io.github.flashj.spark;
}
