/**
 * Writing FLASH's output layout: {@link io.github.flashj.io.output.FlashOutput} (FLASH's files, as a
 * sink), {@link io.github.flashj.io.output.OutputCompression}, {@link io.github.flashj.io.output.StagedFiles}
 * (a run's files under temporary names, published together), and, for runners that write the
 * files elsewhere, {@link io.github.flashj.io.output.OutputLayout} (the names),
 * {@link io.github.flashj.io.output.BatchEncoder} (a batch's bytes of each file) and
 * {@link io.github.flashj.io.output.Histograms}. Formatting and file handling are package-private.
 */
package io.github.flashj.io.output;
