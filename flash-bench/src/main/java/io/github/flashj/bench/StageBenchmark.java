package io.github.flashj.bench;

import io.github.flashj.FlashJob;
import io.github.flashj.JobStatistics;
import io.github.flashj.OrderedSink;
import io.github.flashj.batch.PairBatch;
import io.github.flashj.batch.ReadEncoding;
import io.github.flashj.io.input.FastqInputs;
import io.github.flashj.io.output.FlashOutput;
import io.github.flashj.kernel.Alignment;
import io.github.flashj.kernel.MergeKernel;
import io.github.flashj.kernel.MergeKernels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
 * The pipeline on in-memory FASTQ with one stage added at a time, per pair, one worker:
 * {@code parse} (read, cut and parse; no merging, nothing written), {@code merge} (and merge),
 * {@code format} (and format FLASH's FASTQ output into a discarding stream). The differences are
 * the costs of parsing, merging and formatting.
 *
 * <p>Run: {@code java -jar flash-bench/target/benchmarks.jar StageBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class StageBenchmark {
    private static final int PAIRS = 50_000;

    @Param({"parse", "merge", "format"})
    String stage;

    private byte[] mate1;
    private byte[] mate2;

    /** A kernel that finds nothing, so that the merge stage costs only the reverse complement. */
    private static final MergeKernel NO_SEARCH = new MergeKernel() {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public void search(byte[] first, byte[] firstQual, int firstOff, int firstLen, byte[] second,
                byte[] secondQual, int secondOff, int secondLen, int minOverlap, int maxOverlap, byte orientation,
                Alignment best) {
        }
    };

    @Setup
    public void setUp() {
        Random rnd = new Random(11);
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int p = 0; p < PAIRS; p++) {
            int fragment = 200 + rnd.nextInt(100);
            char[] f = new char[fragment];
            for (int i = 0; i < fragment; i++) {
                f[i] = "ACGT".charAt(rnd.nextInt(4));
            }
            StringBuilder s1 = new StringBuilder();
            StringBuilder s2 = new StringBuilder();
            StringBuilder q = new StringBuilder();
            for (int i = 0; i < 150; i++) {
                s1.append(f[i]);
                s2.append((char) ReadEncoding.complement((byte) f[fragment - 1 - i]));
                q.append((char) (35 + rnd.nextInt(39)));
            }
            a.append("@pair").append(p).append("/1\n").append(s1).append("\n+\n").append(q).append('\n');
            b.append("@pair").append(p).append("/2\n").append(s2).append("\n+\n").append(q).append('\n');
        }
        mate1 = a.toString().getBytes(StandardCharsets.US_ASCII);
        mate2 = b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public JobStatistics pipeline() throws IOException {
        OrderedSink sink = stage.equals("format")
                ? FlashOutput.builder().toStream(OutputStream.nullOutputStream()).build()
                : new OrderedSink() {
                    @Override
                    public void accept(PairBatch batch) {
                    }
                };
        return FlashJob.builder()
                .source(FastqInputs.pairedStreams(new ByteArrayInputStream(mate1), "mate1",
                        new ByteArrayInputStream(mate2), "mate2"))
                .sink(sink)
                .kernel(stage.equals("parse") ? NO_SEARCH : MergeKernels.best())
                .maxOverlap(150)
                .workers(1)
                .build()
                .run();
    }
}
