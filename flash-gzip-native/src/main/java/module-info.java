/**
 * Gzip decoding for FlashJ: the rapidgzip and ISA-L JNI binding, and java.util.zip where the
 * library cannot load. The library's resources sit under {@code io/github/flashj/gzip/native},
 * which is no package name, so they stay readable from outside the module.
 */
module io.github.flashj.gzip {
    requires org.slf4j;

    exports io.github.flashj.gzip;
}
