package io.github.flashj.io.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.flashj.FlashJob;
import io.github.flashj.InputFormatException;
import io.github.flashj.PairSource;
import io.github.flashj.io.TestData;
import io.github.flashj.io.split.SplitMateFilesReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every input error names the input and says what is wrong, in printable text. */
class InputMessagesTest {
    @TempDir
    Path dir;

    private IOException runFails(PairSource source) {
        return runFails(source, 33);
    }

    private IOException runFails(PairSource source, int phredOffset) {
        return assertThrows(IOException.class, () -> FlashJob.builder().source(source).phredOffset(phredOffset)
                .sink(TestData.output(dir.resolve("out")).build()).workers(2).build().run());
    }

    /** Files of /proc refuse the size query of FileInputStream.available(): they are read as any file. */
    @Test
    void procfsInput_isReadAsText() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "no /proc here");
        IOException e = assertThrows(InputFormatException.class,
                () -> FlashJob.builder().source(FastqInputs.paired("/proc/self/status", "/proc/self/status"))
                        .sink(TestData.output(dir.resolve("out")).build()).workers(2).build().run());
        assertTrue(e.getMessage().contains("/proc/self/status"), e.getMessage());
        assertTrue(!e.getMessage().contains("Invalid argument"), e.getMessage());
    }

    @Test
    void aReadError_namesTheInput() throws IOException {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Input/output error");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("Input/output error");
            }
        };
        byte[] good = "@r/2\nACGT\n+\nIIII\n".getBytes(StandardCharsets.US_ASCII);
        // The stream fails when it is opened (its first bytes tell its compression).
        IOException e = assertThrows(IOException.class, () -> FastqInputs.pairedStreams(failing, "mates_1.fq",
                new ByteArrayInputStream(good), "mates_2.fq"));
        assertEquals("Error reading \"mates_1.fq\": Input/output error", e.getMessage());
    }

    /** A file that ends early while a run with several producers indexes it names itself. */
    @Test
    void aFileEndingEarlyWhileIndexed_isNamed() throws IOException {
        Path file = TestData.write(dir.resolve("short.fq"), "@r\nACGT\n+\nIIII\n");
        try (FileChannel channel = FileChannel.open(file)) {
            IOException e = assertThrows(IOException.class,
                    () -> SplitMateFilesReader.named(channel, "short.fq").readFully(0, new byte[100], 0, 100));
            assertEquals("short.fq changed while it was being read (it ended early)", e.getMessage());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"0|byte 0 (NUL)", "128|byte 128 (0x80, not ASCII)",
        "255|byte 255 (0xff, not ASCII)", "27|byte 27 (0x1b, a control character)", "32|byte 32 (space)",
        "35|character '#' (ASCII 35)"})
    void qualityBytes_areNamedByTheirValue(int value, String name) throws IOException {
        byte[] mate1 = "@r/1\nACGT\n+\nIIxI\n".getBytes(StandardCharsets.ISO_8859_1);
        mate1[mate1.length - 3] = (byte) value;
        Path r1 = TestData.write(dir.resolve("r1.fq"), mate1);
        Path r2 = TestData.write(dir.resolve("r2.fq"), "@r/2\nACGT\n+\nIIII\n");
        IOException e = runFails(FastqInputs.paired(r1.toString(), r2.toString()), value == 35 ? 64 : 33);
        assertTrue(e.getMessage().contains("quality " + name + " at position 3 is below the PHRED offset"),
                e.getMessage());
        for (char c : e.getMessage().toCharArray()) {
            assertTrue(c >= ' ' && c < 0x7f, "printable: " + e.getMessage());
        }
    }
}
