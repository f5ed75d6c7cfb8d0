package io.github.flashj.io.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.github.flashj.FlashJob;
import io.github.flashj.PairSource;
import io.github.flashj.batch.PairBatch;
import io.github.flashj.io.input.FastqInputs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zstandard and LZ4 input (recognised by magic bytes) and output, beside plain and gzip. */
class CompressedFormatsTest {
    @TempDir
    Path tmp;

    /** Writes {@code pairs} random overlapping pairs as two FASTQ texts. */
    static byte[][] fastq(int pairs, long seed) {
        Random rnd = new Random(seed);
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int p = 0; p < pairs; p++) {
            int fragment = 120 + rnd.nextInt(80);
            char[] f = new char[fragment];
            for (int i = 0; i < fragment; i++) {
                f[i] = "ACGT".charAt(rnd.nextInt(4));
            }
            StringBuilder s1 = new StringBuilder();
            StringBuilder s2 = new StringBuilder();
            StringBuilder q = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                s1.append(f[i]);
                char c = f[fragment - 1 - i];
                s2.append(c == 'A' ? 'T' : c == 'C' ? 'G' : c == 'G' ? 'C' : 'A');
                q.append((char) (35 + rnd.nextInt(38)));
            }
            a.append("@p").append(p).append("/1\n").append(s1).append("\n+\n").append(q).append('\n');
            b.append("@p").append(p).append("/2\n").append(s2).append("\n+\n").append(q).append('\n');
        }
        return new byte[][] {a.toString().getBytes(StandardCharsets.US_ASCII),
            b.toString().getBytes(StandardCharsets.US_ASCII)};
    }

    /** The data compressed in {@code frames} independent frames, concatenated. */
    static byte[] compress(byte[] data, int frames, Function<OutputStream, OutputStream> codec) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int step = (data.length + frames - 1) / frames;
        for (int from = 0; from < data.length; from += step) {
            try (OutputStream out = codec.apply(new OutputChannel.NonClosing(bytes))) {
                out.write(data, from, Math.min(step, data.length - from));
            }
        }
        return bytes.toByteArray();
    }

    static OutputStream zstd(OutputStream out) {
        try {
            return new ZstdOutputStream(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static OutputStream lz4(OutputStream out) {
        try {
            return new FramedLZ4CompressorOutputStream(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Merges the mates with FLASH's layout into {@code out}; returns the file contents in name order. */
    static List<byte[]> merge(PairSource source, Path out, OutputCompression compression) throws IOException {
        FlashOutput sink = FlashOutput.builder().directory(out.toString()).compression(compression).build();
        FlashJob.builder().source(source).sink(sink).maxOverlap(100).workers(2).batchSize(100).build().run();
        try (Stream<Path> files = Files.list(out)) {
            return files.sorted().map(CompressedFormatsTest::decoded).toList();
        }
    }

    static byte[] decoded(Path file) {
        try (InputStream raw = Files.newInputStream(file)) {
            String name = file.getFileName().toString();
            InputStream in = name.endsWith(".zst") ? new ZstdInputStream(raw)
                    : name.endsWith(".lz4") ? new FramedLZ4CompressorInputStream(raw, true) : raw;
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void zstdAndLz4Input_giveThePlainInputsOutput_whateverTheName() throws IOException {
        byte[][] mates = fastq(1500, 3);
        Path plainOut = Files.createDirectory(tmp.resolve("plain"));
        List<byte[]> plain = merge(FastqInputs.pairedStreams(new java.io.ByteArrayInputStream(mates[0]), "a",
                new java.io.ByteArrayInputStream(mates[1]), "b"), plainOut, OutputCompression.none());
        for (String format : new String[] {"zstd", "lz4"}) {
            Function<OutputStream, OutputStream> codec = format.equals("zstd") ? CompressedFormatsTest::zstd
                    : CompressedFormatsTest::lz4;
            Path m1 = Files.write(tmp.resolve(format + "_1.data"), compress(mates[0], 3, codec));
            Path m2 = Files.write(tmp.resolve(format + "_2.fq"), compress(mates[1], 1, codec));
            Path out = Files.createDirectory(tmp.resolve(format));
            List<byte[]> got = merge(FastqInputs.pairedFiles(m1, m2), out, OutputCompression.none());
            assertEquals(plain.size(), got.size());
            for (int k = 0; k < plain.size(); k++) {
                assertArrayEquals(plain.get(k), got.get(k), format + " input, file " + k);
            }
        }
    }

    @Test
    void zstdAndLz4Output_decodeToThePlainOutput() throws IOException {
        byte[][] mates = fastq(800, 4);
        Path a = Files.write(tmp.resolve("a.fq"), mates[0]);
        Path b = Files.write(tmp.resolve("b.fq"), mates[1]);
        List<byte[]> plain = merge(FastqInputs.pairedFiles(a, b), Files.createDirectory(tmp.resolve("plain")),
                OutputCompression.none());
        for (OutputCompression c : new OutputCompression[] {OutputCompression.zstd(), OutputCompression.lz4()}) {
            Path out = Files.createDirectory(tmp.resolve("out-" + c));
            List<byte[]> got = merge(FastqInputs.pairedFiles(a, b), out, c);
            for (int k = 0; k < plain.size(); k++) {
                assertArrayEquals(plain.get(k), got.get(k), c + ", file " + k);
            }
            String suffix = c.toString().equals("zstd") ? ".zst" : ".lz4";
            assertTrue(Files.exists(out.resolve("out.extendedFrags.fastq" + suffix)), c.toString());
        }
    }

    @Test
    void corruptOrTruncatedZstdAndLz4_nameTheFile_andLeaveNoOutput() throws IOException {
        byte[][] mates = fastq(3000, 5);
        Path b = Files.write(tmp.resolve("b.fq"), mates[1]);
        int run = 0;
        for (Function<OutputStream, OutputStream> codec : List.<Function<OutputStream, OutputStream>>of(
                CompressedFormatsTest::zstd, CompressedFormatsTest::lz4)) {
            byte[] good = compress(mates[0], 1, codec);
            byte[] cut = Arrays.copyOf(good, good.length / 2);
            byte[] flipped = good.clone();
            for (int k = 40; k < 80; k++) {
                flipped[k] ^= 0x5a;
            }
            for (byte[] bad : new byte[][] {cut, flipped}) {
                Path a = Files.write(tmp.resolve("bad" + run + ".fq.z"), bad);
                Path out = Files.createDirectory(tmp.resolve("out" + run++));
                IOException e = assertThrows(IOException.class, () -> merge(FastqInputs.pairedFiles(a, b), out,
                        OutputCompression.none()));
                assertTrue(e.getMessage().contains(a.toString()), e.getMessage());
                try (Stream<Path> left = Files.list(out)) {
                    assertEquals(0, left.count(), "no output left after: " + e.getMessage());
                }
            }
        }
    }

    @Test
    void gzipOutputOfManyBatchesOnManyWorkers_readsBackWithZcat() throws Exception {
        byte[][] mates = fastq(2000, 6);
        Path a = Files.write(tmp.resolve("a.fq"), mates[0]);
        Path b = Files.write(tmp.resolve("b.fq"), mates[1]);
        Path plainDir = Files.createDirectory(tmp.resolve("plain"));
        merge(FastqInputs.pairedFiles(a, b), plainDir, OutputCompression.none());
        Path out = Files.createDirectory(tmp.resolve("gz"));
        FlashOutput sink = FlashOutput.builder().directory(out.toString()).gzip().build();
        FlashJob.builder().source(FastqInputs.pairedFiles(a, b)).sink(sink).maxOverlap(100).workers(4).batchSize(7)
                .build().run();
        String[] names = {"out.extendedFrags.fastq", "out.notCombined_1.fastq", "out.notCombined_2.fastq"};
        for (int k = 0; k < names.length; k++) {
            Process zcat = new ProcessBuilder("zcat", out.resolve(names[k] + ".gz").toString()).start();
            byte[] decoded = zcat.getInputStream().readAllBytes();
            assertEquals(0, zcat.waitFor(), names[k]);
            assertArrayEquals(Files.readAllBytes(plainDir.resolve(names[k])), decoded, names[k]);
        }
    }

    @Test
    void compressedOutputDrivenWithoutAPipeline_stillWritesEveryBatch() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("direct"));
        FlashOutput sink = FlashOutput.builder().directory(out.toString()).gzip().histograms(false).build();
        // A batch that no worker merged or prepared: its pair is "not combined".
        PairBatch batch = new PairBatch(4, 33);
        byte[] tag = "r/1".getBytes(StandardCharsets.US_ASCII);
        byte[] seq = "ACGTACGTAC".getBytes(StandardCharsets.US_ASCII);
        byte[] qual = "IIIIIIIIII".getBytes(StandardCharsets.US_ASCII);
        batch.appendRead(tag, 0, 3, seq, 0, qual, 0, 10);
        batch.appendRead(tag, 0, 3, seq, 0, qual, 0, 10);
        sink.accept(batch);
        // Without histograms, completing needs no statistics.
        sink.complete(null);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(out.resolve("out.notCombined_1.fastq.gz")))) {
            assertEquals("@r/1\nACGTACGTAC\n+\nIIIIIIIIII\n", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }
}
