package io.github.flashj.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The tests' logging: SLF4J binds to Spark's Log4j 2, configured by log4j2-test.properties. */
class TestLoggingTest {
    @Test
    void theTestsLogThroughSparksLog4jAtWarn() {
        // Spark's INFO lines made the build's log tens of thousands of lines long.
        String factory = LoggerFactory.getILoggerFactory().getClass().getName();
        assertTrue(factory.startsWith("org.apache.logging"), factory);
        assertFalse(LoggerFactory.getLogger(SparkConf.class).isInfoEnabled(), "Spark logs warnings only");
        assertTrue(LoggerFactory.getLogger(FlashSpark.class).isInfoEnabled(), "FlashJ's notices stay");
    }
}
