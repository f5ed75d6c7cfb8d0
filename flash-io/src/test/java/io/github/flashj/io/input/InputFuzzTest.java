package io.github.flashj.io.input;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.flashj.InputFormatException;
import io.github.flashj.PairSource;
import io.github.flashj.batch.PairBatch;
import io.github.flashj.gzip.GzipFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz tests of every input path: whatever the bytes, reading gives pairs or one of the typed
 * exceptions that name the input ({@link InputFormatException}, {@link CompressedDataException},
 * {@link GzipFormatException}); never another exception, a hang or an OutOfMemoryError.
 *
 * <p>{@code mvn verify} runs them in Jazzer's regression mode over the committed inputs under
 * {@code src/test/resources/io/github/flashj/io/input/InputFuzzTestInputs/}; docs/FUZZING.md says how
 * to fuzz for longer and keep what a run finds.
 */
class InputFuzzTest {
    private static final String MATE1 = "fuzz_1.fq";
    private static final String MATE2 = "fuzz_2.fq";
    private static final String ONE_FILE = "fuzz.fq";

    /** Two mate files, split where the fuzzer says. */
    @FuzzTest(maxDuration = "60s")
    void pairedFastq(FuzzedDataProvider data) {
        byte[] mate1 = data.consumeBytes(data.consumeInt(0, data.remainingBytes()));
        byte[] mate2 = data.consumeRemainingAsBytes();
        readAll(() -> FastqInputs.pairedStreams(new ByteArrayInputStream(mate1), MATE1,
                new ByteArrayInputStream(mate2), MATE2), mate1.length + mate2.length, MATE1, MATE2);
    }

    @FuzzTest(maxDuration = "60s")
    void interleavedFastq(byte[] input) {
        readAll(() -> FastqInputs.interleavedStream(new ByteArrayInputStream(input), ONE_FILE), input.length,
                ONE_FILE);
    }

    @FuzzTest(maxDuration = "60s")
    void tabDelimited(byte[] input) {
        readAll(() -> FastqInputs.tabDelimitedStream(new ByteArrayInputStream(input), ONE_FILE), input.length,
                ONE_FILE);
    }

    /**
     * Compressed input (gzip, BGZF, zstd, LZ4, recognised by their magic bytes; the seeds are valid
     * files of each), read as a stream through the Java decoders and as a regular file, where gzip
     * goes through the native decoders (ISA-L, rapidgzip) when they load.
     */
    @FuzzTest(maxDuration = "60s")
    void compressedInput(byte[] input) throws IOException {
        readAll(() -> FastqInputs.interleavedStream(new ByteArrayInputStream(input), ONE_FILE), input.length,
                ONE_FILE);
        Path file = Files.createTempFile("flashj-fuzz", ".fq");
        try {
            Files.write(file, input);
            String name = file.toString();
            readAll(() -> FastqInputs.options().interleaved(name), input.length, name);
        } finally {
            Files.delete(file);
        }
    }

    private interface Opener {
        PairSource open() throws IOException;
    }

    /**
     * Reads every pair; a typed exception must name one of {@code names}.
     *
     * @param size the input's size, for messages
     */
    private static void readAll(Opener opener, int size, String... names) {
        PairBatch batch = new PairBatch(64, 33);
        try (PairSource source = opener.open()) {
            boolean more = true;
            while (more) {
                batch.clear(0);
                more = source.fill(batch);
            }
        } catch (InputFormatException e) {
            assertNames(e.source(), e, names);
        } catch (CompressedDataException e) {
            assertNames(e.source(), e, names);
        } catch (GzipFormatException e) {
            assertNamesInMessage(e, names);
        } catch (IOException e) {
            throw new UncheckedIOException("untyped failure on " + size + " bytes of input", e);
        }
    }

    private static void assertNames(String source, Exception e, String... names) {
        for (String name : names) {
            if (name.equals(source)) {
                assertNamesInMessage(e, names);
                return;
            }
        }
        fail("the exception names " + source + ", not the input: " + e.getMessage());
    }

    private static void assertNamesInMessage(Exception e, String... names) {
        boolean named = false;
        for (String name : names) {
            named |= e.getMessage() != null && e.getMessage().contains(name);
        }
        assertTrue(named, () -> "the message does not name the input: " + e.getMessage());
    }
}
