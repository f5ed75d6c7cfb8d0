/**
 * The merge kernel: the overlap search ({@link io.github.flashj.kernel.MergeKernel}, with a scalar
 * and a Vector API implementation chosen at run time by {@link io.github.flashj.kernel.MergeKernels})
 * and the per-pair engine ({@link io.github.flashj.kernel.MergeEngine}). Public for benchmarks and
 * for choosing a kernel; most users need only {@link io.github.flashj.FlashJob} or
 * {@link io.github.flashj.ReadMerger}.
 */
package io.github.flashj.kernel;
