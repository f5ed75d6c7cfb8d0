/**
 * Writing FLASH's output layout: {@link io.github.flashj.io.output.FlashOutput} (FLASH's files, as a
 * sink), {@link io.github.flashj.io.output.OutputCompression}, {@link io.github.flashj.io.output.OutputTransaction}
 * (a run's files under temporary names, {@link io.github.flashj.io.output.TemporaryNames}, published
 * together; {@link io.github.flashj.io.output.StagedFiles} on the local file system), and, for runners that write the
 * files elsewhere, {@link io.github.flashj.io.output.OutputLayout} (the names),
 * {@link io.github.flashj.io.output.BatchEncoder} (a batch's bytes of each file),
 * {@link io.github.flashj.io.output.PieceOutputStream} and
 * {@link io.github.flashj.io.output.PieceDigest} (a part of a gzip member or LZ4 frame compressed
 * apart, and what the file's end needs) and {@link io.github.flashj.io.output.Histograms}. Formatting and file handling are package-private.
 */
package io.github.flashj.io.output;
