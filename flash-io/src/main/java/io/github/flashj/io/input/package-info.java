/**
 * Reading FLASH's input formats: {@link io.github.flashj.io.input.FastqInputs} (sources of pairs from
 * mate files, interleaved FASTQ and tab-delimited input; plain, gzip, Zstandard or LZ4, read by one
 * producer or several), {@link io.github.flashj.io.input.InputFormat} and
 * {@link io.github.flashj.io.input.CompressedDataException}. How the bytes are decoded, cut into
 * records, planned and split lives in the packages beside this one, which the module does not
 * export to users.
 */
package io.github.flashj.io.input;
