/**
 * The one planner both runners use: {@code RangeScan} (record starts and line counts of a byte range
 * of a {@code PositionalInput}, through {@code FastqFileIndex}), {@code ChunkPlanner} (the scans
 * into {@code ChunkPlan}s: whole records, mates aligned, numbered as in the whole input) and
 * {@code ChunkReader} (one chunk's pairs). Exported to the Spark runner alone.
 */
package io.github.flashj.io.plan;
