package io.github.flashj.io;

import io.github.flashj.PairSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Sources of read pairs from FASTQ, interleaved FASTQ and tab-delimited input, for
 * {@link io.github.flashj.FlashJob.Builder#source}. Gzip input is recognised by its magic bytes,
 * whatever the name; {@code "-"} names standard input.
 *
 * <pre>{@code
 * PairSource in = FastqInputs.pairedFiles(Path.of("r1.fq.gz"), Path.of("r2.fq.gz"));
 * }</pre>
 *
 * <p>Malformed input raises {@link io.github.flashj.InputFormatException} naming the input and line.
 */
public final class FastqInputs {
    private FastqInputs() {
    }

    /** Two mate files, read in step. */
    public static PairSource pairedFiles(Path mate1, Path mate2) throws IOException {
        return paired(mate1.toString(), mate2.toString());
    }

    /** Two mate files by name; {@code "-"} is standard input. */
    public static PairSource paired(String mate1, String mate2) throws IOException {
        LineSource r1 = lines(mate1);
        try {
            return new MateFilesReader(r1, lines(mate2));
        } catch (IOException | RuntimeException e) {
            r1.close();
            throw e;
        }
    }

    /** Two mate streams (plain or gzip); {@code name1} and {@code name2} are used in messages. */
    public static PairSource pairedStreams(InputStream mate1, String name1, InputStream mate2, String name2)
            throws IOException {
        return new MateFilesReader(lines(mate1, name1), lines(mate2, name2));
    }

    /** One interleaved FASTQ input by name; {@code "-"} is standard input. */
    public static PairSource interleaved(String path) throws IOException {
        return new InterleavedReader(lines(path));
    }

    /** One interleaved FASTQ stream (plain or gzip). */
    public static PairSource interleavedStream(InputStream in, String name) throws IOException {
        return new InterleavedReader(lines(in, name));
    }

    /** One tab-delimited input by name; {@code "-"} is standard input. */
    public static PairSource tabDelimited(String path) throws IOException {
        return new TabDelimitedReader(lines(path));
    }

    /** One tab-delimited stream (plain or gzip). */
    public static PairSource tabDelimitedStream(InputStream in, String name) throws IOException {
        return new TabDelimitedReader(lines(in, name));
    }

    private static LineSource lines(String path) throws IOException {
        return new LineSource(InputFiles.open(path), InputFiles.displayName(path));
    }

    private static LineSource lines(InputStream in, String name) throws IOException {
        return new LineSource(InputFiles.decompress(in, name), name);
    }
}
