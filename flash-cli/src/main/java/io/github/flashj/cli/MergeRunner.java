package io.github.flashj.cli;

import io.github.flashj.JobStatistics;
import io.github.flashj.MergeParameters;
import io.github.flashj.io.input.InputFormat;
import io.github.flashj.io.output.OutputLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * What runs the merge of a parsed {@code flash} command line. The command parses and checks the
 * options, prints FLASH's banner and statistics, and maps failures to FLASH's messages and exit
 * statuses; a runner only merges. {@link FlashCli} runs on the local pipeline by default; the
 * Spark command ({@code flash-spark-cli}) plugs in a runner of its own.
 */
@FunctionalInterface
public interface MergeRunner {
    /**
     * Merges the request's inputs into its layout.
     *
     * @throws IOException when reading or writing fails, with a message for {@code [FLASH] ERROR:}
     */
    JobStatistics run(Request request) throws IOException;

    /**
     * A parsed command's merge.
     *
     * @param inputs the input names as given ({@code -} for standard input)
     * @param format how the inputs hold pairs
     * @param parameters the merge parameters
     * @param output the output files' layout
     * @param stdout where merged reads go with {@code -c}
     * @param threads {@code -t}
     * @param batchSize {@code --batch-size}
     * @param resume {@code --resume}: continue a stopped run of the same outputs
     */
    record Request(List<String> inputs, InputFormat format, MergeParameters parameters, OutputLayout output,
            OutputStream stdout, int threads, int batchSize, boolean resume) {
        /** Copies the inputs. */
        public Request {
            inputs = List.copyOf(inputs);
        }
    }
}
