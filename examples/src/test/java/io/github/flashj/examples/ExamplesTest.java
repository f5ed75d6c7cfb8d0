package io.github.flashj.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.FlashJob;
import io.github.flashj.JobStatistics;
import io.github.flashj.io.input.FastqInputs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples run on the example pairs shipped in examples/data. */
class ExamplesTest {
    private static final Path MATE1 = Path.of("data/lambda_1.fastq.gz");
    private static final Path MATE2 = Path.of("data/lambda_2.fastq.gz");

    @TempDir
    Path out;

    @Test
    void mergeFilesWritesFlashLayout() throws Exception {
        MergeFiles.main(new String[] {MATE1.toString(), MATE2.toString(), out.toString()});
        for (String name : new String[] {"merged.extendedFrags.fastq.gz", "merged.notCombined_1.fastq.gz",
            "merged.notCombined_2.fastq.gz", "merged.hist", "merged.histogram", "merged.hist.innie",
            "merged.hist.outie", "merged.histogram.innie", "merged.histogram.outie"}) {
            assertTrue(Files.exists(out.resolve(name)), name);
        }
    }

    @Test
    void customSinkSeesEveryMergedRead() throws Exception {
        ByteArrayOutputStream fasta = new ByteArrayOutputStream();
        JobStatistics stats = FlashJob.builder()
                .source(FastqInputs.pairedFiles(MATE1, MATE2))
                .sink(new MergedLengthSink(fasta))
                .maxOverlap(150)
                .build()
                .run();
        long records = fasta.toString(StandardCharsets.US_ASCII).chars().filter(c -> c == '>').count();
        assertEquals(stats.combined(), records);
        assertTrue(stats.percentCombined() > 80, "ART 2x150 reads of 250 bp fragments mostly merge: " + stats);
    }

    @Test
    void mergeInMemoryRuns() {
        MergeInMemory.main(new String[0]);
    }
}
