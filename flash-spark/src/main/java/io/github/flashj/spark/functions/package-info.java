/**
 * FLASH's merge as Spark SQL functions: {@code flash_merge}
 * ({@link io.github.flashj.spark.functions.FlashFunctions#register}, called in generated code) and
 * its Java UDF form, {@link io.github.flashj.spark.functions.FlashMergeUdf}.
 */
package io.github.flashj.spark.functions;
