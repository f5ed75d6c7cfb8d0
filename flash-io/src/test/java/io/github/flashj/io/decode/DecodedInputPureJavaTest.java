package io.github.flashj.io.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.io.TestData;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain gzip entered at seek points where the native library does not load: indexed and decoded in pure Java. */
class DecodedInputPureJavaTest {
    @TempDir
    Path dir;

    @Test
    void anIndexBuiltInPureJavaIsWrittenAndReused() throws IOException {
        byte[] data = TestData.mates1(TestData.mergeable(8000, 1)).getBytes(StandardCharsets.ISO_8859_1);
        int a = data.length / 2;
        Path file = TestData.write(dir.resolve("r1.fq.gz"), TestData.concat(TestData.gzip(Arrays.copyOfRange(data, 0,
                a)), TestData.gzip(Arrays.copyOfRange(data, a, data.length))));
        Path indexes = dir.resolve("indexes");
        GzipInput gzip = GzipInput.DEFAULT.withIndexDirectory(indexes).withSeekSpacing(64 << 10);
        for (int run = 0; run < 2; run++) {
            DecodedInput view = DecodedInput.gzipPureJava(file, "r1.fq.gz", gzip, 2, 64 << 10, FileChannel.open(file));
            assertNotNull(view);
            try (view) {
                assertTrue(view.seekPoints().segments() > 4, view.seekPoints().toString());
                byte[] got = new byte[(int) view.size()];
                view.readFully(0, got, 0, got.length);
                assertArrayEquals(data, got);
                assertNull(view.verify());
            }
            assertTrue(Files.isRegularFile(indexes.resolve("r1.fq.gz" + InputFiles.INDEX_SUFFIX)));
        }
        assertEquals(null, InputFiles.indexMismatch(file, indexes.resolve("r1.fq.gz" + InputFiles.INDEX_SUFFIX)));
    }
}
