/**
 * Gzip for FlashJ: {@link io.github.flashj.gzip.SeekableGzipInputStream} decodes files through
 * FlashJ's JNI library (rapidgzip in parallel, with seeks and indexes; ISA-L sequentially), and
 * {@link io.github.flashj.gzip.IsalDeflate} writes gzip members with ISA-L. The library is built
 * from rapidgzip's PyPI sdist into the jar (src/main/native); where it cannot load,
 * {@link io.github.flashj.gzip.GzipDecoding} (java.util.zip) takes over and the log says why.
 * Errors are {@link io.github.flashj.gzip.GzipFormatException}s naming the input.
 */
package io.github.flashj.gzip;
