package io.github.flashj.io.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverwritingFileStreamTest {
    private static final int PAGE = OverwritingFileStream.ALIGNMENT;

    @TempDir
    Path dir;

    @Test
    void theFileEndsWithExactlyTheBytesWritten_whateverItHeldBefore() throws Exception {
        Random random = new Random(3);
        for (int before : new int[] {0, 1, PAGE - 1, PAGE, 5 * PAGE + 17}) {
            for (int total : new int[] {0, 1, PAGE - 1, PAGE, PAGE + 1, 3 * PAGE + 5}) {
                Path file = dir.resolve("f" + before + "_" + total);
                byte[] old = new byte[before];
                random.nextBytes(old);
                Files.write(file, old);
                byte[] content = new byte[total];
                random.nextBytes(content);
                try (OverwritingFileStream out = new OverwritingFileStream(file)) {
                    for (int at = 0; at < total; ) {
                        int n = Math.min(total - at, random.nextInt(2 * PAGE + 1));
                        out.write(content, at, n);
                        at += n;
                    }
                }
                assertArrayEquals(content, Files.readAllBytes(file), before + " bytes before, " + total + " written");
            }
        }
    }

    @Test
    void onlyWholePagesReachTheFileBeforeTheStreamIsClosed() throws Exception {
        Path file = dir.resolve("f");
        byte[] old = new byte[3 * PAGE];
        Arrays.fill(old, (byte) 'o');
        Files.write(file, old);
        byte[] content = new byte[PAGE + 100];
        Arrays.fill(content, (byte) 'n');
        try (OverwritingFileStream out = new OverwritingFileStream(file)) {
            out.write(content, 0, 50);
            assertArrayEquals(old, Files.readAllBytes(file), "less than a page is held back");
            out.write(content, 50, content.length - 50);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.write(content, 0, PAGE);
            expected.write(old, PAGE, 2 * PAGE);
            assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file), "the first page, and no more");
            out.write('n');
        }
        byte[] all = new byte[PAGE + 101];
        Arrays.fill(all, (byte) 'n');
        assertArrayEquals(all, Files.readAllBytes(file));
    }
}
