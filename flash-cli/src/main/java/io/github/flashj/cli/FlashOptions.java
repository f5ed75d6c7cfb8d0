package io.github.flashj.cli;

import io.github.flashj.MergeParameters;
import io.github.flashj.io.input.InputFormat;
import io.github.flashj.io.output.OutputCompression;
import java.util.List;

/**
 * One {@code flash} command line's options, read and checked by {@link CommandLine}.
 *
 * @param inputs the positional arguments: the input names ({@code -} for standard input)
 * @param parameters the merge parameters ({@code -m}, {@code -M} or {@code -r}/{@code -f}/{@code -s},
 *     {@code -x}, {@code -O}, {@code -p}, {@code --cap-mismatch-quals}, {@code -l}, {@code -e},
 *     {@code -a}, {@code -E})
 * @param interleavedInput {@code --interleaved-input} (or {@code -I})
 * @param tabInput {@code --tab-delimited-input}
 * @param interleavedOutput {@code --interleaved-output} (or {@code -I})
 * @param tabOutput {@code --tab-delimited-output}
 * @param prefix {@code -o}
 * @param directory {@code -d}
 * @param toStdout {@code -c}: merged reads on standard output, the log on standard error
 * @param compression the compression chosen last ({@code -z}, {@code --compress-format},
 *     {@code --compress-prog}), at {@code --compress-level}'s level
 * @param suffix what follows {@code .fastq.}; null for the compression's own
 * @param reportFile {@code --report}: the HTML report's file, or null
 * @param jsonFile {@code --json}: the JSON figures' file, or null
 * @param threads {@code -t}, as given (the log prints it; {@link #workers()} caps it)
 * @param quiet {@code -q}
 * @param batchSize {@code --batch-size}
 * @param inFlight {@code --in-flight}; -1 for the library's default
 * @param producers threads reading two plain mate files at once; 0 chooses by input size and threads
 * @param gzipThreads native gzip decoder threads per input; 0 is a quarter of the processors, at least one
 * @param gzipIndexDirectory where gzip indexes are written and reused; null for none
 * @param resume {@code --resume}: continue a stopped run of the same outputs from its journal
 * @param warnings FLASH's warnings about the options, in the order they were given
 */
record FlashOptions(List<String> inputs, MergeParameters parameters, boolean interleavedInput, boolean tabInput,
        boolean interleavedOutput, boolean tabOutput, String prefix, String directory, boolean toStdout,
        OutputCompression compression, String suffix, String reportFile, String jsonFile, int threads,
        boolean quiet, int batchSize, int inFlight, int producers, int gzipThreads, String gzipIndexDirectory,
        boolean resume, List<String> warnings) {
    /** FlashJ caps worker threads here: a huge {@code -t} would only exhaust the machine. */
    static final int MAX_WORKERS = 512;

    /** Copies the lists. */
    FlashOptions {
        inputs = List.copyOf(inputs);
        warnings = List.copyOf(warnings);
    }

    /** The merge workers {@code -t} gives. */
    int workers() {
        return workers(threads);
    }

    /** The merge workers {@code threads} ({@code -t}) gives. */
    static int workers(int threads) {
        return Math.min(threads, MAX_WORKERS);
    }

    /** How the inputs hold pairs. */
    InputFormat inputFormat() {
        return tabInput ? InputFormat.TAB_DELIMITED
                : interleavedInput ? InputFormat.INTERLEAVED_FASTQ : InputFormat.PAIRED_FASTQ;
    }
}
