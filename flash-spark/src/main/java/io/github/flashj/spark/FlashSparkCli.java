package io.github.flashj.spark;

import io.github.flashj.cli.FlashCli;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bin/flashj-spark}: the {@code flash} command with the merge run as a Spark job. It takes
 * every option of {@code bin/flashj}, prints the same log, and adds two of its own:
 *
 * <ul>
 *   <li>{@code --master=URL}: the Spark master ({@code local[*]} by default; {@code local[2,4]},
 *       {@code local-cluster[2,1,1024]}, {@code spark://host:port}, ...);
 *   <li>{@code --spark-conf=KEY=VALUE}: any Spark setting, as often as needed; FlashJ's own are
 *       {@value #PAIRS_PER_CHUNK} (pairs per merge task; 0, the default, for about four per core, at
 *       most a million) and {@value #RANGE_BYTES} (bytes per planning task; 0 to choose by size).
 * </ul>
 *
 * <p>Standard output carries FLASH's log alone. Spark's own messages are kept to warnings, and
 * they and FlashJ's notes (the plan, how inputs were read) go to standard error; a
 * {@code -Dlog4j2.configurationFile} of the user's replaces this.
 */
public final class FlashSparkCli {
    /** Log4j 2's setting of its configuration: the command's own unless the user gives one. */
    private static final String LOG_CONFIGURATION = "log4j2.configurationFile";
    /** The Spark setting for {@link FlashSpark.Builder#pairsPerChunk}. */
    static final String PAIRS_PER_CHUNK = "spark.flashj.pairsPerChunk";
    /** The Spark setting for {@link FlashSpark.Builder#rangeBytes}. */
    static final String RANGE_BYTES = "spark.flashj.rangeBytes";

    private FlashSparkCli() {
    }

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        if (System.getProperty(LOG_CONFIGURATION) == null) {
            System.setProperty(LOG_CONFIGURATION, FlashSparkCli.class.getResource("log4j2-cli.properties").toString());
        }
        List<String> rest = new ArrayList<>();
        SparkConf conf = new SparkConf().setAppName("FlashJ").set("spark.ui.enabled", "false");
        String master = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                for (int j = i; j < args.length; j++) {
                    rest.add(args[j]);
                }
                break;
            }
            String value = null;
            String option = a;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                option = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (!option.equals("--master") && !option.equals("--spark-conf")) {
                rest.add(a);
                continue;
            }
            if (value == null) {
                if (i + 1 == args.length) {
                    System.err.println("[FLASH] ERROR: " + option + " needs a value");
                    System.exit(2);
                }
                value = args[++i];
            }
            if (option.equals("--master")) {
                master = value;
            } else {
                int kv = value.indexOf('=');
                if (kv <= 0) {
                    System.err.println("[FLASH] ERROR: --spark-conf takes KEY=VALUE, got \"" + value + "\"");
                    System.exit(2);
                }
                conf.set(value.substring(0, kv), value.substring(kv + 1));
            }
        }
        if (master != null) {
            conf.setMaster(master);
        }
        conf.setIfMissing("spark.master", "local[*]");
        SparkSession[] session = new SparkSession[1];
        int status;
        try {
            status = FlashCli.runOnStandardStreams(rest.toArray(new String[0]), request -> {
                session[0] = SparkSession.builder().config(conf).getOrCreate();
                return FlashSpark.builder(session[0])
                        .inputs(request.format(), request.inputs())
                        .parameters(request.parameters())
                        .layout(request.output())
                        .standardOutput(request.stdout())
                        .batchSize(request.batchSize())
                        .pairsPerChunk(conf.getLong(PAIRS_PER_CHUNK, 0))
                        .rangeBytes(conf.getLong(RANGE_BYTES, 0))
                        .build()
                        .run();
            });
        } finally {
            if (session[0] != null) {
                session[0].stop();
            }
        }
        System.exit(status);
    }
}
