package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputSizesTest {
    private static final byte[] RECORD = "@r\nACGT\n+\nIIII\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void plainFilesCountTheirSize() throws Exception {
        Path a = Files.write(dir.resolve("a.fq"), RECORD);
        Path b = Files.write(dir.resolve("b.fq"), new byte[1000]);
        List<String> inputs = List.of(a.toString(), b.toString());
        assertEquals(RECORD.length + 1000, InputSizes.fileBytes(inputs));
        assertEquals(RECORD.length + 1000, InputSizes.textBytes(inputs));
    }

    @Test
    void compressedFilesCountAsTheTextTheyTypicallyHold() throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(RECORD);
        }
        byte[] gzip = compressed.toByteArray();
        Path gz = Files.write(dir.resolve("a.fq.gz"), gzip);
        byte[] zstd = Zstd.compress(RECORD);
        Path zst = Files.write(dir.resolve("b.fq.zst"), zstd);
        List<String> inputs = List.of(gz.toString(), zst.toString());
        assertEquals(gzip.length + zstd.length, InputSizes.fileBytes(inputs));
        assertEquals((long) (gzip.length + zstd.length) * InputSizes.TYPICAL_COMPRESSION_RATIO,
                InputSizes.textBytes(inputs));
    }

    @Test
    void standardInputMissingFilesAndDirectoriesHaveNoSize() throws Exception {
        Path a = Files.write(dir.resolve("a.fq"), RECORD);
        for (String other : List.of("-", dir.resolve("missing.fq").toString(), dir.toString())) {
            assertEquals(-1, InputSizes.fileBytes(List.of(a.toString(), other)), other);
            assertEquals(-1, InputSizes.textBytes(List.of(a.toString(), other)), other);
        }
    }

    @Test
    void aNamedPipeIsNotReadToGuessItsSize() throws Exception {
        Path fifo = dir.resolve("pipe.fq");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is available");
        // Opening a pipe with no writer would block: the estimate must not open it.
        assertEquals(-1, InputSizes.textBytes(List.of(fifo.toString())));
    }
}
