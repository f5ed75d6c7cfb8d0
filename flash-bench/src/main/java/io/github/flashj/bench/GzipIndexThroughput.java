package io.github.flashj.bench;

import io.github.flashj.gzip.GzipIndex;
import io.github.flashj.gzip.GzipRangeIndex;
import io.github.flashj.io.input.InputFormat;
import io.github.flashj.io.plan.RangeScan;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Indexes a plain gzip file as a Spark indexing task does, and prints the seek points;
 * gzip-benchmark.sh times it. {@code whole}: the file as one range from its start, its lines
 * counted as it is decoded (by ISA-L where the native library loads, or in Java with
 * {@code -Dflashj.gzip.native=false}); {@code ranges N THREADS}: N ranges, each from its first
 * block with the window unknown, on THREADS threads, then joined.
 *
 * <p>usage: {@code java -cp benchmarks.jar io.github.flashj.bench.GzipIndexThroughput FILE whole},
 * or {@code ... FILE ranges N THREADS}.
 */
public final class GzipIndexThroughput {
    private GzipIndexThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long spacing = 1 << 20;
        if (args[1].equals("ranges")) {
            GzipIndex index = GzipRangeIndex.index(file, spacing, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            System.out.println(index.points() + " seek points");
            return;
        }
        RangeScan.Whole lines = RangeScan.whole(InputFormat.PAIRED_FASTQ, 1024);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            GzipRangeIndex range = GzipRangeIndex.buildWhole(in, Files.size(file), spacing,
                    GzipRangeIndex.DECODED_SPACING, file.toString(), null, lines);
            System.out.println(range.points() + " seek points, " + lines.scan());
        }
    }
}
