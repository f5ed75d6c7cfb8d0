package io.github.flashj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.FlashJob;
import io.github.flashj.MergeParameters;
import io.github.flashj.io.Compression;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CommandLine}'s {@link FlashOptions}: what each option sets, and what a failed parse leaves. */
class CommandLineTest {
    private static FlashOptions parse(String... args) throws Exception {
        return new CommandLine("flash").parse(args);
    }

    @Test
    void defaults_areFlashs() throws Exception {
        FlashOptions o = parse("a_1.fq", "a_2.fq");
        assertEquals(List.of("a_1.fq", "a_2.fq"), o.inputs());
        assertEquals(MergeParameters.DEFAULTS.toString(), o.parameters().toString());
        assertEquals(Compression.NONE, o.compression().format());
        assertNull(o.suffix());
        assertEquals(FlashJob.DEFAULT_BATCH_SIZE, o.batchSize());
        assertEquals(-1, o.inFlight());
        assertTrue(o.warnings().isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> o.inputs().add("x"));
    }

    @Test
    void maxOverlap_isTheLibrarysFormulaOfReadAndFragmentLengths() throws Exception {
        FlashOptions o = parse("-r", "150", "-f", "250", "-s", "25", "a", "b");
        assertEquals(MergeParameters.computedMaxOverlap(150, 250, 25), o.parameters().maxOverlap());
        assertEquals(112, o.parameters().maxOverlap());
        FlashOptions partial = parse("-r", "101", "a", "b");
        assertEquals(67, partial.parameters().maxOverlap());
        assertEquals(1, partial.warnings().size());
        assertTrue(partial.warnings().get(0).contains("max_overlap=67."), partial.warnings().get(0));
        assertEquals(80, parse("-M", "80", "-r", "150", "a", "b").parameters().maxOverlap());
    }

    @Test
    void compression_isTheOneChosenLast() throws Exception {
        assertEquals(Compression.GZIP, parse("--compress-prog=bzip2", "-z", "a", "b").compression().format());
        FlashOptions program = parse("-z", "--compress-prog=bzip2", "a", "b");
        assertTrue(program.compression().usesProgram());
        assertEquals("bzip2", program.suffix());
        FlashOptions zstd = parse("-z", "--suffix=zst", "a", "b");
        assertEquals(Compression.ZSTD, zstd.compression().format());
        assertEquals("zst", zstd.suffix());
        FlashOptions gzipWithoutSuffix = parse("--compress-format=gzip", "--suffix=", "a", "b");
        assertEquals(Compression.GZIP, gzipWithoutSuffix.compression().format());
        assertEquals("", gzipWithoutSuffix.suffix());
        assertEquals(19, parse("--compress-format=zstd", "--compress-level=19", "a", "b").compression().level());
    }

    @Test
    void aFailedParse_leavesTheWarningsGivenAndWhetherMinusCCame() {
        CommandLine commandLine = new CommandLine("flash");
        assertThrows(CommandLine.FatalException.class,
                () -> commandLine.parse(new String[] {"-p", "50", "-c", "-m", "0", "a", "b"}));
        assertEquals(1, commandLine.warnings().size());
        assertTrue(commandLine.toStdout());
        CommandLine before = new CommandLine("flash");
        assertThrows(CommandLine.FatalException.class, () -> before.parse(new String[] {"-m", "0", "-c"}));
        assertFalse(before.toStdout());
    }
}
