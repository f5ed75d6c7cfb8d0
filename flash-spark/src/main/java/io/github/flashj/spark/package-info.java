/**
 * FLASH's merge on Spark: {@link io.github.flashj.spark.FlashSpark}, the merge as a Spark job.
 * The Spark SQL data source {@code flashj-fastq} is in {@link io.github.flashj.spark.source}, the
 * {@code flash_merge} function in {@link io.github.flashj.spark.functions}; how either runs, in
 * {@link io.github.flashj.spark.exec}.
 */
package io.github.flashj.spark;
