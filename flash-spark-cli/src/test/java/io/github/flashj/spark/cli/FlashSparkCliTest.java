package io.github.flashj.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.spark.FlashSpark;
import java.util.List;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** How {@code bin/flashj-spark} and {@code spark-submit} settings meet FlashJ's own. */
class FlashSparkCliTest {
    @Test
    void theUsersSettingsWinOverFlashJsPreferences() {
        // As spark-submit --conf spark.ui.enabled=true --name merge42 hands them over.
        SparkConf submitted = new SparkConf(false).set("spark.ui.enabled", "true").set("spark.app.name", "merge42")
                .set("spark.master", "spark://head:7077");
        SparkConf conf = FlashSparkCli.parse(new String[] {"-M", "150", "r1.fq", "r2.fq"}, submitted).conf();
        assertEquals("true", conf.get("spark.ui.enabled"));
        assertEquals("merge42", conf.get("spark.app.name"));
        assertEquals("spark://head:7077", conf.get("spark.master"));
        SparkConf given = FlashSparkCli.parse(new String[] {"--spark-conf", "spark.ui.enabled=true", "r1.fq", "r2.fq"},
                new SparkConf(false)).conf();
        assertEquals("true", given.get("spark.ui.enabled"));
    }

    @Test
    void flashJsPreferencesFillWhatTheUserLeftOut() {
        FlashSparkCli.Arguments parsed = FlashSparkCli.parse(new String[] {"--master=local[2]", "-M", "150", "--",
            "r1.fq", "r2.fq"}, new SparkConf(false));
        assertEquals("false", parsed.conf().get("spark.ui.enabled"));
        assertEquals("FlashJ", parsed.conf().get("spark.app.name"));
        assertEquals("local[2]", parsed.conf().get("spark.master"));
        assertEquals(List.of("-M", "150", "--", "r1.fq", "r2.fq"), parsed.rest());
        assertFalse(parsed.help());
    }

    @Test
    void theGzipIndexDirectoryIsKeptForTheCommandAndSetForTheSparkJob() {
        for (String[] args : List.of(new String[] {"--gzip-index=idx", "r1.fq.gz", "r2.fq.gz"},
                new String[] {"--gzip-index", "idx", "r1.fq.gz", "r2.fq.gz"})) {
            FlashSparkCli.Arguments parsed = FlashSparkCli.parse(args, new SparkConf(false));
            assertEquals("idx", parsed.conf().get(FlashSpark.GZIP_INDEX_SETTING));
            assertEquals(List.of(args), parsed.rest());
        }
    }

    @Test
    void helpListsTheSparkOptions() {
        assertTrue(FlashSparkCli.parse(new String[] {"--help"}, new SparkConf(false)).help());
        assertTrue(FlashSparkCli.SPARK_HELP.contains("--master=URL"), FlashSparkCli.SPARK_HELP);
        assertTrue(FlashSparkCli.SPARK_HELP.contains("--spark-conf=KEY=VALUE"), FlashSparkCli.SPARK_HELP);
    }
}
