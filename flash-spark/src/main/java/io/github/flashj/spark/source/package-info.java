/**
 * The Spark SQL data source {@code flashj-fastq} ({@link io.github.flashj.spark.source.FlashFastqSource}):
 * read, a table of pairs from FASTQ inputs split as a job splits them; write, the result of
 * {@code flash_merge} as FLASH's output files.
 */
package io.github.flashj.spark.source;
