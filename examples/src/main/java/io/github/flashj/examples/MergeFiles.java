package io.github.flashj.examples;

import io.github.flashj.FlashJob;
import io.github.flashj.JobStatistics;
import io.github.flashj.io.input.FastqInputs;
import io.github.flashj.io.output.FlashOutput;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Merges two mate files into FLASH's output layout, as {@code flash -M 150 -O -z} would.
 *
 * <p>Usage: {@code MergeFiles MATES_1.FASTQ[.gz] MATES_2.FASTQ[.gz] OUTPUT_DIR}
 */
public final class MergeFiles {
    private MergeFiles() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: MergeFiles MATES_1.FASTQ MATES_2.FASTQ OUTPUT_DIR");
            System.exit(2);
        }
        JobStatistics stats = FlashJob.builder()
                .source(FastqInputs.pairedFiles(Path.of(args[0]), Path.of(args[1])))
                .sink(FlashOutput.builder().directory(args[2]).prefix("merged").gzip().build())
                .maxOverlap(150)
                .allowOuties(true)                       // and so the .innie/.outie histograms, as flash -O
                .workers(2)
                .build()
                .run();
        System.out.printf("%d pairs, %d merged (%d innie, %d outie), %.1f%%%n", stats.pairs(), stats.combined(),
                stats.combinedInnie(), stats.combinedOutie(), stats.percentCombined());
    }
}
