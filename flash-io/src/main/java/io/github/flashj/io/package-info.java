/**
 * Input and output in FLASH's formats: {@link io.github.flashj.io.FastqInputs} (sources of pairs
 * from mate files, interleaved FASTQ and tab-delimited input, plain or gzip) and
 * {@link io.github.flashj.io.FlashOutput} (FLASH's files, as a sink). Parsing and formatting are
 * package-private.
 */
package io.github.flashj.io;
