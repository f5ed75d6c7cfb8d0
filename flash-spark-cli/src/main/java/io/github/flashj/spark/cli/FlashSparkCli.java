package io.github.flashj.spark.cli;

import static io.github.flashj.spark.FlashSpark.GZIP_INDEX_SETTING;
import static io.github.flashj.spark.FlashSpark.PAIRS_PER_CHUNK_SETTING;
import static io.github.flashj.spark.FlashSpark.RANGE_BYTES_SETTING;
import static io.github.flashj.spark.FlashSpark.RESUME_SETTING;

import io.github.flashj.cli.FlashCli;
import io.github.flashj.spark.FlashSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 *       {@value FlashSpark#PAIRS_PER_CHUNK_SETTING} (pairs per merge task; 0, the default, for
 *       about four per core, at most a million), {@value FlashSpark#RANGE_BYTES_SETTING} (bytes per
 *       planning task; 0 to choose by size), {@value FlashSpark#GZIP_INDEX_SETTING} (where indexes
 *       of plain gzip inputs are reused and kept; the command's {@code --gzip-index=DIR} sets it
 *       too) and {@value FlashSpark#RESUME_SETTING} (keep a failed run's work directory, and resume
 *       it; the command's {@code --resume} sets it too).
 * </ul>
 *
 * <p>Standard output carries FLASH's log alone. Run as {@code bin/flashj-spark}, Spark's own
 * messages are kept to warnings, and they and FlashJ's notes (the plan, how inputs were read) go
 * to standard error; a {@code -Dlog4j2.configurationFile} of the user's replaces this. Under
 * {@code spark-submit}, Spark's logging is the user's, as for any Spark application.
 *
 * <p>The Spark settings FlashJ prefers ({@link #PREFERRED}) are defaults: a setting the user gives
 * ({@code --spark-conf}, {@code spark-submit --conf}, {@code spark-defaults.conf}) wins.
 */
public final class FlashSparkCli {
    /** Log4j 2's setting of its configuration: the command's own unless the user gives one. */
    private static final String LOG_CONFIGURATION = "log4j2.configurationFile";
    /** The name {@code bin/flashj-spark} runs under; any other launcher (spark-submit) keeps its logging. */
    private static final String SCRIPT = "flashj-spark";
    /**
     * FlashJ's jars (comma-separated), as {@code bin/flashj-spark} gives them: added to
     * {@code spark.jars} for masters whose executors run in JVMs of their own.
     */
    static final String JARS = "flashj.jars";
    /** Settings FlashJ prefers where the user set nothing: a command needs no web UI. */
    static final Map<String, String> PREFERRED = Map.of("spark.app.name", "FlashJ", "spark.ui.enabled", "false",
            "spark.master", "local[*]");
    /** What {@code --help} adds to the command's help. */
    static final String SPARK_HELP = "\n"
            + "Spark (FlashJ on Spark):\n"
            + "  --master=URL                   the Spark master: local[N], local-cluster[N,C,MB],\n"
            + "                                 spark://HOST:PORT, yarn, k8s://... (local[*])\n"
            + "  --spark-conf=KEY=VALUE         a Spark setting, as often as needed; FlashJ's own:\n"
            + "                                 " + PAIRS_PER_CHUNK_SETTING + " (pairs per merge task;\n"
            + "                                 0: about four per core, at most a million),\n"
            + "                                 " + RANGE_BYTES_SETTING + " (bytes per planning task;\n"
            + "                                 0: by input size), " + GZIP_INDEX_SETTING + "\n"
            + "                                 (as --gzip-index=DIR: where indexes of plain\n"
            + "                                 gzip inputs are reused and kept) and " + RESUME_SETTING + "\n"
            + "                                 (true, as --resume: keep a failed run's work\n"
            + "                                 directory and resume it, merging only its\n"
            + "                                 missing chunks)\n"
            + "Inputs and the output directory are Hadoop paths (hdfs://, s3a://, file:);\n"
            + "relative ones are resolved against this command's working directory.\n";

    private FlashSparkCli() {
    }

    /** The command line: its Spark settings, and the rest for the {@code flash} command. */
    record Arguments(SparkConf conf, List<String> rest, boolean help) {
    }

    /**
     * Takes {@code --master} and {@code --spark-conf} out of {@code args} into {@code conf}, then
     * adds the {@link #PREFERRED} settings that are still missing, and {@link #JARS} to
     * {@code spark.jars} unless the master is local.
     *
     * @throws IllegalArgumentException with the message for the user when an option is wrong
     */
    static Arguments parse(String[] args, SparkConf conf) {
        List<String> rest = new ArrayList<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                for (int j = i; j < args.length; j++) {
                    rest.add(args[j]);
                }
                break;
            }
            help |= a.equals("-h") || a.equals("--help");
            String value = null;
            String option = a;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                option = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (option.equals("--gzip-index")) {
                // The command checks it as for a local run; the Spark job keeps its indexes there.
                rest.add(a);
                if (value == null && i + 1 < args.length) {
                    value = args[++i];
                    rest.add(value);
                }
                if (value != null) {
                    conf.set(GZIP_INDEX_SETTING, value);
                }
                continue;
            }
            if (!option.equals("--master") && !option.equals("--spark-conf")) {
                rest.add(a);
                continue;
            }
            if (value == null) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                value = args[++i];
            }
            if (option.equals("--master")) {
                conf.setMaster(value);
            } else {
                int kv = value.indexOf('=');
                if (kv <= 0) {
                    throw new IllegalArgumentException("--spark-conf takes KEY=VALUE, got \"" + value + "\"");
                }
                conf.set(value.substring(0, kv), value.substring(kv + 1));
            }
        }
        PREFERRED.forEach(conf::setIfMissing);
        String ours = System.getProperty(JARS);
        String master = conf.get("spark.master");
        if (ours != null && !ours.isEmpty() && !master.equals("local") && !master.startsWith("local[")) {
            String theirs = conf.get("spark.jars", "");
            conf.set("spark.jars", theirs.isEmpty() ? ours : theirs + "," + ours);
        }
        return new Arguments(conf, rest, help);
    }

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        if (SCRIPT.equals(System.getProperty("flashj.program"))) {
            if (System.getProperty(LOG_CONFIGURATION) == null) {
                System.setProperty(LOG_CONFIGURATION,
                        FlashSparkCli.class.getResource("log4j2-cli.properties").toString());
            }
        } else {
            System.setProperty("flashj.program", submitted());
        }
        Arguments parsed;
        try {
            parsed = parse(args, new SparkConf());
        } catch (IllegalArgumentException e) {
            System.err.println("[FLASH] ERROR: " + e.getMessage());
            System.exit(2);
            return;
        }
        SparkConf conf = parsed.conf();
        List<String> rest = parsed.rest();
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
                        .pairsPerChunk(conf.getLong(PAIRS_PER_CHUNK_SETTING, 0))
                        .rangeBytes(conf.getLong(RANGE_BYTES_SETTING, 0))
                        .gzipIndex(conf.get(GZIP_INDEX_SETTING, null))
                        .resume(request.resume() || conf.getBoolean(RESUME_SETTING, false))
                        .build()
                        .run();
            });
        } finally {
            if (session[0] != null) {
                session[0].stop();
            }
        }
        if (parsed.help() && status == 0) {
            System.out.print(SPARK_HELP);
            System.out.flush();
        }
        System.exit(status);
    }

    /** How the usage line names the command when spark-submit (or another launcher) runs it. */
    private static String submitted() {
        String jar = "flash-spark-cli.jar";
        try {
            jar = Path.of(FlashSparkCli.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getFileName().toString();
        } catch (Exception e) {
            // The generic name serves.
        }
        return "spark-submit [SPARK OPTIONS] --class " + FlashSparkCli.class.getName() + " " + jar;
    }
}
