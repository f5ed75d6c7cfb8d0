/**
 * FlashJ's internal engine for Spark, not an API: how a merge runs on Spark, shared by
 * {@link io.github.flashj.spark.FlashSpark} and the {@code flashj-fastq} source. Inputs are planned
 * into chunks of whole pairs ({@code InputPlanning}), a chunk is merged by a task
 * ({@code ChunkTask}) into parts committed by rename ({@code PartFiles}), and the driver joins the
 * parts into FLASH's files ({@code OutputAssembly}), in a work directory beside the output
 * ({@code WorkDirectory}), on any Hadoop file system ({@code HadoopFiles}, {@code HadoopInput}).
 * A type or member here is public only where the job or the source uses it.
 */
package io.github.flashj.spark.exec;
