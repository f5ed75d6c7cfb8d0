/**
 * Opening an input and decoding it: {@code InputFiles} (files, pipes and standard input, the
 * compression told by the magic bytes, the gzip decoder chosen), {@code GzipInput} (the gzip
 * settings a reader is given), and the positional views of decompressed data that chunk plans read:
 * {@code DecodedInput} (a gzip file through its seek points, decoded by threads ahead of the
 * readers), {@code DecodedStream} (the same data read in order from one offset, as a chunk's reader
 * reads them), {@code BgzfBlocks} (a BGZF file through its block table), {@code SeekPoints}, and
 * {@code SegmentWindows} (the windows a plain gzip file's segments start with).
 * Exported to the Spark runner alone.
 */
package io.github.flashj.io.decode;
