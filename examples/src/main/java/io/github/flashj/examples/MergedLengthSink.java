package io.github.flashj.examples;

import io.github.flashj.FlashJob;
import io.github.flashj.JobStatistics;
import io.github.flashj.OrderedSink;
import io.github.flashj.batch.PairBatch;
import io.github.flashj.io.input.FastqInputs;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A sink of one's own: writes merged reads as FASTA to standard output, straight from the batch's
 * byte arrays, and reports the mean merged length at the end.
 *
 * <p>Usage: {@code MergedLengthSink MATES_1.FASTQ[.gz] MATES_2.FASTQ[.gz]}
 */
public final class MergedLengthSink implements OrderedSink {
    private final OutputStream out;
    private long merged;
    private long bases;

    MergedLengthSink(OutputStream out) {
        this.out = out;
    }

    @Override
    public void accept(PairBatch batch) throws IOException {
        for (int i = 0; i < batch.size(); i++) {
            if (!batch.isCombined(i)) {
                continue;
            }
            out.write('>');
            out.write(batch.tagBytes(), batch.tagStart(i, 0), batch.tagLength(i, 0));
            out.write('\n');
            out.write(batch.mergedBases(), batch.mergedStart(i), batch.mergedLength(i));
            out.write('\n');
            merged++;
            bases += batch.mergedLength(i);
        }
    }

    @Override
    public void complete(JobStatistics statistics) throws IOException {
        out.flush();
        System.err.printf("%d merged reads, mean length %.1f%n", merged, merged == 0 ? 0.0 : (double) bases / merged);
    }

    public static void main(String[] args) throws IOException {
        OutputStream stdout = new BufferedOutputStream(System.out, 1 << 16);
        FlashJob.builder()
                .source(FastqInputs.pairedFiles(Path.of(args[0]), Path.of(args[1])))
                .sink(new MergedLengthSink(stdout))
                .maxOverlap(150)
                .build()
                .run();
    }
}
