package io.github.flashj.bench;

import io.github.flashj.gzip.SeekableGzipInputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Decodes a gzip file to nowhere through FlashJ's gzip stream and prints the decoder and the bytes
 * decoded; gzip-benchmark.sh times it beside igzip, pigz and gzip on the same file.
 *
 * <p>usage: {@code java -cp benchmarks.jar io.github.flashj.bench.GzipDecodeThroughput FILE THREADS [seekable]}.
 * One thread decodes with ISA-L sequentially, unless {@code seekable} asks for rapidgzip (which
 * keeps seek points); more threads decode with rapidgzip.
 */
public final class GzipDecodeThroughput {
    private GzipDecodeThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        boolean seekable = args.length > 2 && args[2].equals("seekable");
        byte[] buffer = new byte[1 << 20];
        long total = 0;
        try (SeekableGzipInputStream in = SeekableGzipInputStream.open(file, threads, seekable)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
            }
            System.out.println(in.decoder() + " " + total);
        }
    }
}
