package io.github.flashj.io.output;

import io.github.flashj.gzip.Crc32Combine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import io.github.flashj.FlashJob;
import io.github.flashj.io.input.FastqInputs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.apache.commons.compress.utils.CountingInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every compressed file is one gzip member, Zstandard frame or LZ4 frame, however many batches and
 * workers wrote it: decoders that read one member or frame (zlib's {@code decompress(data, 31)},
 * {@code lz4.frame.decompress}, python-zstandard's {@code decompress}) get the whole file.
 */
class OneMemberOutputTest {
    private static final String[] NAMES = {"out.extendedFrags.fastq", "out.notCombined_1.fastq",
        "out.notCombined_2.fastq"};

    @TempDir
    Path tmp;

    @Test
    void combinedCrc32IsTheCrc32OfTheWhole() {
        Random rnd = new Random(7);
        byte[] data = new byte[1 << 20];
        rnd.nextBytes(data);
        for (int cut : new int[] {0, 1, 3, 4096, 777_777, data.length}) {
            int crc1 = crc(data, 0, cut);
            int crc2 = crc(data, cut, data.length - cut);
            assertEquals(crc(data, 0, data.length), Crc32Combine.combine(crc1, crc2, data.length - cut), "cut " + cut);
        }
        PieceDigest digest = PieceDigest.empty();
        for (int at = 0, n; at < data.length; at += n) {
            n = Math.min(data.length - at, 1 + rnd.nextInt(100_000));
            PieceDigest part = PieceDigest.empty();
            part.add(crc(data, at, n), data, at, n);
            digest.append(PieceDigest.fromBytes(part.toBytes()));
        }
        assertEquals(crc(data, 0, data.length), digest.crc32());
        assertEquals(data.length, digest.length());
    }

    private static int crc(byte[] b, int off, int len) {
        CRC32 c = new CRC32();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    @Test
    void gzipZstdAndLz4FilesOfManyBatchesAreOneMemberOrFrame() throws IOException {
        byte[][] mates = CompressedFormatsTest.fastq(3000, 11);
        Path a = Files.write(tmp.resolve("a.fq"), mates[0]);
        Path b = Files.write(tmp.resolve("b.fq"), mates[1]);
        Path plain = run(a, b, "plain", OutputCompression.none());
        for (OutputCompression c : List.of(OutputCompression.gzip(), OutputCompression.gzip().level(0),
                OutputCompression.gzip().level(3), OutputCompression.gzip().level(6), OutputCompression.zstd(),
                OutputCompression.zstd().level(9),
                OutputCompression.lz4())) {
            Path out = run(a, b, c + "-" + c.level(), c);
            String suffix = c.isGzip() ? ".gz" : c.toString().equals("zstd") ? ".zst" : ".lz4";
            for (String name : NAMES) {
                byte[] expected = Files.readAllBytes(plain.resolve(name));
                assertTrue(expected.length > 50_000, name);
                byte[] file = Files.readAllBytes(out.resolve(name + suffix));
                assertArrayEquals(expected, oneShot(file, suffix), c + ", " + name);
            }
        }
    }

    @Test
    void filesWithNoRecordAreOneEmptyMemberOrFrame() throws IOException {
        Path a = Files.write(tmp.resolve("a.fq"), new byte[0]);
        Path b = Files.write(tmp.resolve("b.fq"), new byte[0]);
        for (OutputCompression c : List.of(OutputCompression.gzip(), OutputCompression.zstd(),
                OutputCompression.lz4())) {
            Path out = run(a, b, c.toString(), c);
            String suffix = c.isGzip() ? ".gz" : c.toString().equals("zstd") ? ".zst" : ".lz4";
            for (String name : NAMES) {
                assertArrayEquals(new byte[0], oneShot(Files.readAllBytes(out.resolve(name + suffix)), suffix), name);
            }
        }
    }

    @Test
    void gzipToStandardOutputIsOneMember() throws IOException {
        byte[][] mates = CompressedFormatsTest.fastq(2000, 12);
        Path a = Files.write(tmp.resolve("a.fq"), mates[0]);
        Path b = Files.write(tmp.resolve("b.fq"), mates[1]);
        Path plain = run(a, b, "plain", OutputCompression.none());
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        FlashOutput sink = FlashOutput.builder().directory(tmp.toString()).toStream(stdout).gzip().build();
        FlashJob.builder().source(FastqInputs.pairedFiles(a, b)).sink(sink).maxOverlap(100).workers(3).batchSize(50)
                .build().run();
        assertArrayEquals(Files.readAllBytes(plain.resolve(NAMES[0])), oneShot(stdout.toByteArray(), ".gz"));
    }

    @Test
    void zlibPiecesWhereIsalIsAbsentJoinIntoOneMember() throws IOException {
        byte[] text = CompressedFormatsTest.fastq(2000, 13)[0];
        OutputCompression gzip = OutputCompression.gzip();
        PieceCompressor zlib = new PieceCompressor(gzip, false);
        PieceDigest digest = gzip.startDigest();
        ByteBuilder file = new ByteBuilder(1 << 16);
        byte[] start = gzip.fileStart(digest);
        file.append(start, 0, start.length);
        for (int at = 0, n; at < text.length; at += n) {
            n = Math.min(text.length - at, 40_000);
            byte[] part = Arrays.copyOfRange(text, at, at + n);
            zlib.compress(part, n, file);
            digest.add(zlib.checksum(part, n), part, 0, n);
        }
        byte[] end = gzip.fileEnd(digest);
        file.append(end, 0, end.length);
        assertArrayEquals(text, oneShot(Arrays.copyOf(file.array(), file.length()), ".gz"));
    }

    @Test
    void levelsOutOfRangeOrWithoutMeaningAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> OutputCompression.gzip().level(10));
        assertThrows(IllegalArgumentException.class, () -> OutputCompression.gzip().level(-1));
        assertThrows(IllegalArgumentException.class, () -> OutputCompression.zstd().level(0));
        assertThrows(IllegalArgumentException.class, () -> OutputCompression.zstd().level(23));
        assertThrows(IllegalArgumentException.class, () -> OutputCompression.lz4().level(1));
        assertThrows(IllegalArgumentException.class, () -> OutputCompression.none().level(1));
        assertEquals(3, OutputCompression.gzip().level(3).level());
        assertEquals(9, OutputCompression.gzip().level(9).level());
    }

    private Path run(Path a, Path b, String name, OutputCompression c) throws IOException {
        Path out = Files.createDirectory(tmp.resolve(name));
        FlashOutput sink = FlashOutput.builder().directory(out.toString()).compression(c).build();
        FlashJob.builder().source(FastqInputs.pairedFiles(a, b)).sink(sink).maxOverlap(100).workers(4).batchSize(37)
                .build().run();
        return out;
    }

    /**
     * The file decoded as one member or frame, as one-shot decoders read it; fails when anything
     * follows that member or frame.
     */
    static byte[] oneShot(byte[] file, String suffix) throws IOException {
        switch (suffix) {
            case ".gz":
                return gunzipOneMember(file);
            case ".zst": {
                assertEquals(file.length, Zstd.findFrameCompressedSize(file), "one frame");
                long size = Zstd.getFrameContentSize(file, 0, file.length);
                assertTrue(size >= 0, "the frame states its content size");
                return Zstd.decompress(file, (int) size);
            }
            default: {
                CountingInputStream counted = new CountingInputStream(new ByteArrayInputStream(file));
                try (InputStream in = new FramedLZ4CompressorInputStream(counted, false)) {
                    byte[] content = in.readAllBytes();
                    assertEquals(file.length, counted.getBytesRead(), "one frame");
                    return content;
                }
            }
        }
    }

    private static byte[] gunzipOneMember(byte[] file) throws IOException {
        assertEquals(0x1f, file[0] & 0xff);
        assertEquals(0x8b, file[1] & 0xff);
        assertEquals(0, file[3], "no optional header fields");
        Inflater inflater = new Inflater(true);
        inflater.setInput(file, 10, file.length - 10);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new AssertionError("the deflate stream does not end");
                }
                content.write(buf, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IOException(e);
        }
        assertEquals(8, inflater.getRemaining(), "one member: only its trailer follows the deflate stream");
        inflater.end();
        // The trailer's CRC-32 and length are checked by java.util.zip.
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(file))) {
            assertArrayEquals(content.toByteArray(), in.readAllBytes());
        }
        return content.toByteArray();
    }
}
