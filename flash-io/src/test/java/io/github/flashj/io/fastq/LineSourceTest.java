package io.github.flashj.io.fastq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.flashj.InputFormatException;
import io.github.flashj.io.fastq.LineSource;
import io.github.flashj.io.fastq.RawLines;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The lines a {@link LineSource} hands out by the chunk: every line once, in order, numbered as
 * in the input, whatever the sizes of the input's reads and of the chunks.
 */
class LineSourceTest {

    /** An input that gives at most a few bytes per read, as a pipe may. */
    private static InputStream trickling(byte[] data, Random rnd) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + rnd.nextInt(9)));
            }
        };
    }

    private static List<String> readAll(LineSource source, int wanted, List<Long> firstLines) throws IOException {
        List<String> lines = new ArrayList<>();
        RawLines chunk = new RawLines();
        for (int n; (n = source.fill(chunk, wanted)) > 0; ) {
            firstLines.add(chunk.lineNumber(0));
            for (int k = 0; k < n; k++) {
                lines.add(new String(chunk.data(), chunk.start(k), chunk.end(k) - chunk.start(k),
                        StandardCharsets.US_ASCII));
            }
        }
        return lines;
    }

    @Test
    void everyLineOnceInOrder_whateverTheReadAndChunkSizes() throws IOException {
        Random rnd = new Random(5);
        for (int t = 0; t < 300; t++) {
            List<String> expected = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            int count = rnd.nextInt(200);
            for (int i = 0; i < count; i++) {
                String line = "x".repeat(rnd.nextInt(rnd.nextInt(10) == 0 ? 400 : 12)) + i;
                expected.add(line);
                text.append(line).append('\n');
            }
            boolean lastWithoutNewline = count > 0 && rnd.nextBoolean();
            if (lastWithoutNewline) {
                text.setLength(text.length() - 1);
            }
            byte[] data = text.toString().getBytes(StandardCharsets.US_ASCII);
            InputStream in = rnd.nextBoolean() ? trickling(data, rnd) : new ByteArrayInputStream(data);
            int wanted = 1 + rnd.nextInt(70);
            List<Long> firstLines = new ArrayList<>();
            List<String> actual = readAll(new LineSource(in, "in.fq"), wanted, firstLines);
            assertEquals(expected, actual, "trial " + t);
            for (int c = 0; c < firstLines.size(); c++) {
                assertEquals(1 + (long) c * wanted, firstLines.get(c), "first line of chunk " + c);
            }
        }
    }

    @Test
    void aPartOfTheInput_endsAtItsLineLimit_andCountsLinesFromItsStart() throws IOException {
        byte[] data = "l5\nl6\nl7\nl8\nl9\n".getBytes(StandardCharsets.US_ASCII);
        List<Long> firstLines = new ArrayList<>();
        List<String> lines = readAll(new LineSource(new ByteArrayInputStream(data), "in.fq", 4, 7), 2, firstLines);
        assertEquals(List.of("l5", "l6", "l7"), lines);
        assertEquals(List.of(5L, 7L), firstLines);
    }

    @Test
    void skip_passesOverLines_thenFillGoesOn() throws IOException {
        byte[] data = "a\nb\nc\nd\n".getBytes(StandardCharsets.US_ASCII);
        LineSource source = new LineSource(trickling(data, new Random(1)), "in.fq");
        source.skip(3);
        List<String> lines = readAll(source, 10, new ArrayList<>());
        assertEquals(List.of("d"), lines);
    }

    @Test
    void anEmptyInput_hasNoLines() throws IOException {
        assertEquals(List.of(), readAll(new LineSource(new ByteArrayInputStream(new byte[0]), "in.fq"), 4,
                new ArrayList<>()));
        assertEquals(List.of(""), readAll(new LineSource(new ByteArrayInputStream(new byte[] {'\n'}), "in.fq"), 4,
                new ArrayList<>()));
    }

    @Test
    void aFailingRead_isReported() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Input/output error");
            }
        };
        IOException e = assertThrows(IOException.class, () -> new LineSource(failing, "in.fq").fill(new RawLines(), 4));
        assertEquals("Error reading \"in.fq\": Input/output error", e.getMessage());
        assertEquals(false, e instanceof InputFormatException);
    }
}
