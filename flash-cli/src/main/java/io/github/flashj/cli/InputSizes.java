package io.github.flashj.cli;

import io.github.flashj.io.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToLongFunction;

/** What the command knows of its inputs' sizes before it reads them: only regular files have one. */
final class InputSizes {
    /**
     * How much larger FASTQ text is than its gzip or zstd form, typically: 3.5 to 5 times. Used only
     * to choose the kernel (see {@link io.github.flashj.KernelChoice#forOneRun}), where being
     * off by a third moves the choice only near its break-even point.
     */
    static final int TYPICAL_COMPRESSION_RATIO = 4;

    private InputSizes() {
    }

    /** The inputs' sizes on disk, summed; -1 where one is standard input or not a regular file. */
    static long fileBytes(List<String> inputs) {
        return sum(inputs, InputSizes::size);
    }

    /**
     * About how much FASTQ text the inputs hold: a plain file's size, a compressed file's size times
     * {@link #TYPICAL_COMPRESSION_RATIO}; -1 where one is standard input, not a regular file, or
     * cannot be opened (the reader reports that, not this estimate).
     */
    static long textBytes(List<String> inputs) {
        return sum(inputs, InputSizes::textSize);
    }

    private static long sum(List<String> inputs, ToLongFunction<String> sizeOf) {
        long total = 0;
        for (String input : inputs) {
            long size = sizeOf.applyAsLong(input);
            if (size < 0) {
                return -1;
            }
            total += size;
        }
        return total;
    }

    private static long textSize(String input) {
        long size = size(input);
        if (size < 0) {
            return -1;
        }
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(Path.of(input))) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return -1;
        }
        return Compression.of(head, n) == Compression.NONE ? size : size * TYPICAL_COMPRESSION_RATIO;
    }

    /** A regular file's size; -1 for standard input, anything else, or a file that cannot be read. */
    static long size(String input) {
        Path p = Path.of(input);
        if ("-".equals(input) || !Files.isRegularFile(p)) {
            return -1;
        }
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }
}
