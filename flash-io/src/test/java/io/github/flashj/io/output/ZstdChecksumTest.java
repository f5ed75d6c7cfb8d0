package io.github.flashj.io.output;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.flashj.io.TestData;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zstandard output carries a content checksum, so that {@code zstd -t} catches every single-bit flip. */
class ZstdChecksumTest {
    @TempDir
    Path dir;

    @Test
    void theZstdToolCatchesEveryBitFlip() throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/zstd").canExecute(), "the zstd tool (apt-get install zstd)");
        byte[] data = TestData.mates1(TestData.mergeable(4000, 3)).getBytes(StandardCharsets.ISO_8859_1);
        java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
        try (java.io.OutputStream out = OutputCompression.zstd().wrap(packed)) {
            out.write(data);
        }
        byte[] zst = packed.toByteArray();
        Random rnd = new Random(13);
        for (int k = 0; k < 40; k++) {
            byte[] flipped = zst.clone();
            int bit = rnd.nextInt(8 * flipped.length);
            flipped[bit >>> 3] ^= (byte) (1 << (bit & 7));
            Path bad = Files.write(dir.resolve("flip" + k + ".zst"), flipped);
            assertNotEquals(0, run("/usr/bin/zstd", "-q", "-t", bad.toString()), "bit " + bit + " flipped");
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor();
    }
}
