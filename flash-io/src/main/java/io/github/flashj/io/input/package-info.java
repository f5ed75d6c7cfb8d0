/**
 * Reading FLASH's input formats: {@link io.github.flashj.io.input.FastqInputs} (sources of pairs from
 * mate files, interleaved FASTQ and tab-delimited input; plain, gzip, Zstandard or LZ4), and, for
 * runners that split inputs across machines, {@link io.github.flashj.io.input.RangeScan},
 * {@link io.github.flashj.io.input.ChunkPlanner} and {@link io.github.flashj.io.input.ChunkReader}
 * over a {@link io.github.flashj.io.input.PositionalInput}. Cutting lines and parsing records are
 * package-private.
 */
package io.github.flashj.io.input;
