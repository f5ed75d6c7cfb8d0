/**
 * Text into pairs: {@code LineSource} cuts a decoded stream into whole lines by the block,
 * {@code RawLines} holds one batch's lines until a merge worker parses them,
 * {@code FastqRecordCursor} walks FASTQ records over them, and the three readers
 * ({@code MateFilesReader}, {@code InterleavedReader}, {@code TabDelimitedReader}) fill batches in
 * FLASH's input layouts. Public for the other packages of this module only.
 */
package io.github.flashj.io.fastq;
