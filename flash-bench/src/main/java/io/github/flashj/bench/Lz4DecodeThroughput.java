package io.github.flashj.bench;

import io.github.flashj.io.lz4.Lz4FrameInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decodes an LZ4 file to nowhere through FlashJ's LZ4 reader, ROUNDS times in one JVM, reading
 * 128 KiB at a time as the FASTQ reader does, and prints each round's seconds and MB/s of decoded
 * data. Run it as {@code bin/flashj} runs FlashJ, without on-stack replacement, so that the first
 * rounds show how soon the JIT compiles the decoder.
 *
 * <p>usage: {@code java -XX:-UseOnStackReplacement -cp flash-bench/target/benchmarks.jar
 * io.github.flashj.bench.Lz4DecodeThroughput FILE ROUNDS}
 */
public final class Lz4DecodeThroughput {
    private Lz4DecodeThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        byte[] buffer = new byte[1 << 17];
        for (int r = 0; r < rounds; r++) {
            long started = System.nanoTime();
            long total = 0;
            try (InputStream in = new Lz4FrameInputStream(
                    new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    total += n;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("round %d: %d bytes in %.2f s, %.0f MB/s%n", r + 1, total, seconds,
                    total / 1e6 / seconds);
        }
    }
}
