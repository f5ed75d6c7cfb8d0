package io.github.flashj.bench;

import io.github.flashj.MergeParameters;
import io.github.flashj.batch.ReadEncoding;
import io.github.flashj.kernel.MergeEngine;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The merge kernel alone: align and build the merged read of pre-made pairs, per read length and
 * kernel. Pairs come from fragments of 1.7 read lengths with 1% substitutions, like ART's HiSeq
 * pairs, so most merge.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar flash-bench/target/benchmarks.jar KernelBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelBenchmark {
    private static final int PAIRS = 1024;

    @Param({"100", "150", "250", "300"})
    int readLength;

    @Param({"scalar", "vector"})
    String kernel;

    private byte[] bases;
    private byte[] quals;
    private byte[] out;
    private byte[] outQuals;
    private MergeEngine engine;

    @Setup
    public void setUp() {
        engine = new MergeEngine(NamedKernel.of(kernel), MergeParameters.builder().maxOverlap(readLength).build());
        Random rnd = new Random(42);
        bases = new byte[PAIRS * 2 * readLength];
        quals = new byte[bases.length];
        for (int p = 0; p < PAIRS; p++) {
            int fragment = (int) (readLength * (1.4 + 0.6 * rnd.nextDouble()));
            byte[] f = new byte[fragment];
            for (int i = 0; i < fragment; i++) {
                f[i] = (byte) "ACGT".charAt(rnd.nextInt(4));
            }
            int r1 = 2 * p * readLength;
            int r2 = r1 + readLength;
            for (int i = 0; i < readLength; i++) {
                bases[r1 + i] = mutate(rnd, f[i]);
                bases[r2 + i] = mutate(rnd, ReadEncoding.complement(f[fragment - 1 - i]));
                quals[r1 + i] = (byte) (2 + rnd.nextInt(40));
                quals[r2 + i] = (byte) (2 + rnd.nextInt(40));
            }
        }
        out = new byte[2 * readLength];
        outQuals = new byte[2 * readLength];
    }

    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public int mergePair() {
        int merged = 0;
        for (int p = 0; p < PAIRS; p++) {
            int r1 = 2 * p * readLength;
            if (engine.align(bases, quals, r1, readLength, bases, quals, r1 + readLength, readLength) != 0) {
                engine.build(out, outQuals, 0);
                merged += out[0];
            }
        }
        return merged;
    }

    private static byte mutate(Random rnd, byte b) {
        return rnd.nextInt(100) == 0 ? (byte) "ACGT".charAt(rnd.nextInt(4)) : b;
    }
}
