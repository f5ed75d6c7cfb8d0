/**
 * Several producers on one pair of mate files: {@code SplitMateFilesReader} plans the files with
 * the planner of {@code io.github.flashj.io.plan} and fills each numbered batch from its own chunk,
 * by positional reads. Public for {@code FastqInputs} only.
 */
package io.github.flashj.io.split;
