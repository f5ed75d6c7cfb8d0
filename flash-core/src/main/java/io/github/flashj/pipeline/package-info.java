/**
 * The local pipeline that runs a {@link io.github.flashj.FlashJob}: {@link io.github.flashj.pipeline.Pipeline}
 * picks a layout (one reader staged or carried through, or several producers), each a type of its
 * own over {@code PipelineRun}, with the bounded batch pool, the reorder ring and the commit turns
 * as named parts. Public only for {@code FlashJob}; the module exports nothing of it.
 */
package io.github.flashj.pipeline;
