package io.github.flashj.io.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flashj.FlashJob;
import io.github.flashj.PairSource;
import io.github.flashj.gzip.Crc32Combine;
import io.github.flashj.gzip.GzipIndex;
import io.github.flashj.gzip.SeekableGzipInputStream;
import io.github.flashj.io.TestData;
import io.github.flashj.io.split.SplitMateFilesReader;
import io.github.flashj.io.split.SplitReadingTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gzip indexes of split runs: written to the index directory and reused; an index that belongs to
 * another file rebuilt; corrupt data after a seek point an error naming the file, with no output;
 * stored blocks longer than a range.
 */
class GzipIndexTest {
    @TempDir
    Path dir;
    Path indexes;
    String[] mates;
    String plainOutput;

    @BeforeEach
    void needsTheNativeLibrary() throws IOException {
        assumeTrue(SeekableGzipInputStream.nativeAvailable(), "the native library");
        indexes = dir.resolve("indexes");
        mates = SplitReadingTest.mates(3000, 31, "\n");
    }

    /** What a run wrote, or its error; whether it split. */
    record Outcome(Map<String, String> files, String error, boolean split) {
    }

    Outcome run(Path m1, Path m2, int producers) throws IOException {
        return run(FastqInputs.options(), m1, m2, producers);
    }

    Outcome run(FastqInputs.Options options, Path m1, Path m2, int producers) throws IOException {
        Path out = Files.createTempDirectory(dir, "out");
        PairSource source = options.producers(producers).gzipIndexDirectory(indexes).gzipSeekSpacing(16 << 10)
                .paired(m1.toString(), m2.toString());
        SplitMateFilesReader split = source instanceof SplitMateFilesReader s ? s.geometry(997, 2) : null;
        String error = null;
        try {
            FlashJob.builder().source(source).sink(TestData.output(out).build()).workers(2).batchSize(64).build()
                    .run();
        } catch (IOException | RuntimeException e) {
            error = e.getMessage();
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : TestData.files(out)) {
            files.put(name, TestData.read(out.resolve(name)));
        }
        return new Outcome(files, error, split != null && split.isSplit());
    }

    Map<String, String> expected() throws IOException {
        Path p1 = TestData.write(dir.resolve("p_1.fq"), mates[0]);
        Path p2 = TestData.write(dir.resolve("p_2.fq"), mates[1]);
        Outcome plain = run(p1, p2, 1);
        assertNull(plain.error());
        assertTrue(plain.files().size() > 2);
        return plain.files();
    }

    @Test
    void anIndexWrittenByOneRun_isReusedByTheNext() throws Exception {
        Path z1 = TestData.write(dir.resolve("z_1.fq.gz"), TestData.gzip(mates[0]));
        Path z2 = TestData.write(dir.resolve("z_2.fq.gz"), TestData.gzip(mates[1]));
        Map<String, String> want = expected();
        Outcome first = run(z1, z2, 3);
        assertEquals(new Outcome(want, null, true), first);
        Path index = indexes.resolve("z_1.fq.gz.gzidx");
        assertTrue(GzipIndex.read(index).points() > 4, GzipIndex.read(index).toString());
        assertNull(GzipIndex.read(index).check(z1, index));
        byte[] written = Files.readAllBytes(index);
        Files.setLastModifiedTime(index, FileTime.fromMillis(1_000_000));
        assertEquals(new Outcome(want, null, true), run(z1, z2, 2));
        assertArrayEquals(written, Files.readAllBytes(index));
        assertEquals(FileTime.fromMillis(1_000_000), Files.getLastModifiedTime(index), "reused, not written again");
    }

    @Test
    void withoutTheNativeDecoders_gzipIsReadInOrder_withTheSameOutput() throws Exception {
        Path z1 = TestData.write(dir.resolve("n_1.fq.gz"), TestData.gzip(mates[0]));
        Path z2 = TestData.write(dir.resolve("n_2.fq.gz"), TestData.gzip(mates[1]));
        assertEquals(new Outcome(expected(), null, false), run(FastqInputs.options().nativeGzip(false), z1, z2, 3));
        assertTrue(!Files.exists(indexes.resolve("n_1.fq.gz.gzidx")), "no index without rapidgzip");
    }

    @Test
    void anIndexOfAnotherFile_isBuiltAgain() throws Exception {
        // Another text, padded with a header comment to the same compressed size.
        byte[] mine = TestData.gzip(mates[0]);
        byte[] foreign = TestData.gzip(SplitReadingTest.mates(3000, 32, "\n")[0]);
        int size = Math.max(mine.length, foreign.length) + 2;
        Path z1 = TestData.write(dir.resolve("s_1.fq.gz"), padded(foreign, size));
        Path z2 = TestData.write(dir.resolve("s_2.fq.gz"), TestData.gzip(mates[1]));
        Map<String, String> want = expected();
        run(z1, z2, 2);
        Path index = indexes.resolve("s_1.fq.gz.gzidx");
        byte[] foreignIndex = Files.readAllBytes(index);
        TestData.write(z1, padded(mine, size));
        assertEquals(Files.size(z1), GzipIndex.read(index).compressedSize(), "the same size");
        assertTrue(GzipIndex.read(index).check(z1, index) != null, "the data differ");
        assertEquals(new Outcome(want, null, true), run(z1, z2, 2));
        assertNull(GzipIndex.read(index).check(z1, index));
        assertNotEquals(new String(foreignIndex, StandardCharsets.ISO_8859_1),
                new String(Files.readAllBytes(index), StandardCharsets.ISO_8859_1));

        // Another size, and a file that is no index at all.
        Files.copy(indexes.resolve("s_2.fq.gz.gzidx"), index, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(new Outcome(want, null, true), run(z1, z2, 2));
        assertNull(GzipIndex.read(index).check(z1, index));
        Files.writeString(index, "not an index");
        assertEquals(new Outcome(want, null, true), run(z1, z2, 2));
        assertNull(GzipIndex.read(index).check(z1, index));
    }

    @Test
    void storedBlocksLongerThanARange_giveTheInOrderOutput() throws Exception {
        Path z1 = TestData.write(dir.resolve("s_1.fq.gz"), stored(mates[0]));
        Path z2 = TestData.write(dir.resolve("s_2.fq.gz"), TestData.gzip(mates[1]));
        assertEquals(new Outcome(expected(), null, true), run(z1, z2, 4));
    }

    @Test
    void corruptDataAfterASeekPoint_isAnErrorNamingTheFile_withNoOutput() throws Exception {
        Path z1 = TestData.write(dir.resolve("c_1.fq.gz"), TestData.gzip(mates[0]));
        Path z2 = TestData.write(dir.resolve("c_2.fq.gz"), TestData.gzip(mates[1]));
        assertEquals(new Outcome(expected(), null, true), run(z1, z2, 2));
        byte[] bytes = Files.readAllBytes(z1);
        Random random = new Random(5);
        for (int i = bytes.length * 7 / 10; i < bytes.length * 7 / 10 + 64; i++) {
            bytes[i] = (byte) random.nextInt();
        }
        Files.write(z1, bytes);
        Outcome broken = run(z1, z2, 2);
        assertEquals(Map.of(), broken.files());
        assertTrue(broken.error() != null && broken.error().contains(z1.toString()), String.valueOf(broken.error()));
    }

    @Test
    void crcOfJoinedPieces_isTheCrcOfTheWhole() {
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            byte[] a = new byte[random.nextInt(5000)];
            byte[] b = new byte[trial == 0 ? 0 : random.nextInt(70_000)];
            random.nextBytes(a);
            random.nextBytes(b);
            assertEquals(crc(TestData.concat(a, b)),
                    Crc32Combine.combine((int) crc(a), (int) crc(b), b.length) & 0xffffffffL, "trial " + trial);
        }
    }

    private static long crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    /** A gzip member grown to {@code size} bytes with a comment in its header. */
    static byte[] padded(byte[] gzip, int size) {
        int comment = size - gzip.length;
        assertTrue(comment >= 2 && (gzip[3] & 0x1e) == 0);
        byte[] out = new byte[size];
        System.arraycopy(gzip, 0, out, 0, 10);
        out[3] |= 0x10;
        Arrays.fill(out, 10, 10 + comment - 1, (byte) 'x');
        System.arraycopy(gzip, 10, out, 10 + comment, gzip.length - 10);
        return out;
    }

    /** One gzip member of stored (uncompressed) deflate blocks: its size depends on the text's length alone. */
    static byte[] stored(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.NO_COMPRESSION);
            }
        }) {
            gz.write(text.getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }
}
