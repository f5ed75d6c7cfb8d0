/**
 * Gzip for FlashJ: {@link io.github.flashj.gzip.SeekableGzipInputStream} decodes files through
 * FlashJ's JNI library (rapidgzip in parallel, with seeks and indexes; ISA-L sequentially), and
 * {@link io.github.flashj.gzip.IsalDeflate} writes gzip members with ISA-L;
 * {@link io.github.flashj.gzip.IsalInflate} inflates BGZF blocks and gzip segments with it. The library is built
 * from rapidgzip's PyPI sdist into the jar (src/main/native); where it cannot load,
 * {@link io.github.flashj.gzip.GzipDecoding} (java.util.zip) takes over and the log says why.
 *
 * <p>Splitting plain gzip, in pure Java, for any source of bytes (a Hadoop stream included):
 * {@link io.github.flashj.gzip.DeflateStream} enters the data at any block, with its window known
 * or not (markers), and finds the first block of a byte range;
 * {@link io.github.flashj.gzip.GzipRangeIndex} is what one range tells (its windows in memory, or
 * in a side file), and joins the ranges in chain order into a
 * {@link io.github.flashj.gzip.GzipIndex} (indexed_gzip's format, which rapidgzip reads and
 * writes), written one window at a time; {@link io.github.flashj.gzip.SegmentChecks} checks the members'
 * trailers against data decoded segment by segment.
 *
 * <p>Errors are {@link io.github.flashj.gzip.GzipFormatException}s naming the input.
 */
package io.github.flashj.gzip;
