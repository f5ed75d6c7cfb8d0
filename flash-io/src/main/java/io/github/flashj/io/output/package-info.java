/**
 * Writing FLASH's output layout: {@link io.github.flashj.io.output.FlashOutput} (FLASH's files, as a
 * sink), {@link io.github.flashj.io.output.OutputCompression}, {@link io.github.flashj.io.output.OutputTransaction}
 * (a run's files under temporary names, {@link io.github.flashj.io.output.TemporaryNames}, published
 * together; {@link io.github.flashj.io.output.StagedFiles} on the local file system), and, for runners
 * that write the files elsewhere, {@link io.github.flashj.io.output.OutputLayout} (the name of each
 * {@link io.github.flashj.io.output.OutputFile}), {@link io.github.flashj.io.output.BatchEncoder} (a
 * batch's bytes of each file), {@link io.github.flashj.io.output.PieceOutputStream} and
 * {@link io.github.flashj.io.output.PieceDigest} (a part of a gzip member or LZ4 frame compressed
 * apart, and what the file's end needs) and {@link io.github.flashj.io.output.Histograms}. A file
 * that cannot be written fails with {@link io.github.flashj.io.output.OutputFileException}: the file,
 * the operation and the reason, for a command line to word.
 *
 * <p>{@code FlashOutput} is a facade over package-private parts: the run's files as a whole
 * ({@code RunFiles}, over {@code StagedFiles} and {@code EarlierOutputs}), the read files' writer
 * ({@code PieceWriter} with its {@code EncoderPool}, {@code FastqWriter} or
 * {@code TabDelimitedFormat}) and the histograms ({@code HistogramFiles}).
 */
package io.github.flashj.io.output;
