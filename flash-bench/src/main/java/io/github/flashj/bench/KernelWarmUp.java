package io.github.flashj.bench;

import io.github.flashj.MergeParameters;
import io.github.flashj.kernel.MergeEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A kernel's cost from a fresh JVM on, block by block: what JMH's warm-up hides. Reads the first
 * pairs of two FASTQ files into memory, then merges them with each kernel named, in turn, in this
 * one JVM, and prints the µs per pair of every block (align, and build when merged).
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp flash-bench/target/benchmarks.jar
 * io.github.flashj.bench.KernelWarmUp R1.fq R2.fq PAIRS BLOCK vector,scalar}
 */
public final class KernelWarmUp {
    private KernelWarmUp() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: KernelWarmUp R1.fq R2.fq PAIRS BLOCK KERNEL[,KERNEL...]");
            System.exit(2);
        }
        int pairs = Integer.parseInt(args[2]);
        int block = Integer.parseInt(args[3]);
        Reads mates1 = Reads.load(Path.of(args[0]), pairs);
        Reads mates2 = Reads.load(Path.of(args[1]), pairs);
        int n = Math.min(mates1.count, mates2.count);
        int longest = Math.max(mates1.longest, mates2.longest);
        for (String name : args[4].split(",")) {
            MergeEngine engine = new MergeEngine(NamedKernel.of(name), MergeParameters.builder().maxOverlap(longest).build());
            byte[] out = new byte[2 * longest];
            byte[] outQuals = new byte[2 * longest];
            StringBuilder line = new StringBuilder(name).append(", µs per pair in blocks of ").append(block)
                    .append(':');
            long total = 0;
            for (int from = 0; from < n; from += block) {
                int to = Math.min(n, from + block);
                long started = System.nanoTime();
                for (int p = from; p < to; p++) {
                    if (engine.align(mates1.bases, mates1.quals, mates1.start[p], mates1.length[p], mates2.bases,
                            mates2.quals, mates2.start[p], mates2.length[p]) != 0) {
                        engine.build(out, outQuals, 0);
                    }
                }
                long nanos = System.nanoTime() - started;
                total += nanos;
                line.append(String.format(Locale.ROOT, " %.1f", nanos / 1000.0 / (to - from)));
            }
            System.out.println(line);
            System.out.printf(Locale.ROOT, "%s, %d pairs: %.0f ms%n", name, n, total / 1e6);
        }
    }

    /** The sequences and PHRED values of the first reads of a FASTQ file, back to back. */
    private static final class Reads {
        final byte[] bases;
        final byte[] quals;
        final int[] start;
        final int[] length;
        final int count;
        final int longest;

        private Reads(byte[] bases, byte[] quals, int[] start, int[] length, int count, int longest) {
            this.bases = bases;
            this.quals = quals;
            this.start = start;
            this.length = length;
            this.count = count;
            this.longest = longest;
        }

        static Reads load(Path fastq, int pairs) throws IOException {
            StringBuilder seqs = new StringBuilder();
            StringBuilder qualities = new StringBuilder();
            int[] start = new int[pairs];
            int[] length = new int[pairs];
            int count = 0;
            int longest = 0;
            try (BufferedReader in = Files.newBufferedReader(fastq, StandardCharsets.ISO_8859_1)) {
                while (count < pairs && in.readLine() != null) {
                    String seq = in.readLine();
                    in.readLine();
                    String qual = in.readLine();
                    if (qual == null) {
                        break;
                    }
                    start[count] = seqs.length();
                    length[count] = seq.length();
                    longest = Math.max(longest, seq.length());
                    seqs.append(seq);
                    qualities.append(qual);
                    count++;
                }
            }
            byte[] bases = seqs.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] quals = qualities.toString().getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < quals.length; i++) {
                quals[i] -= 33;
            }
            return new Reads(bases, quals, start, length, count, longest);
        }
    }
}
