package io.github.flashj.io.input;

import io.github.flashj.PairSource;
import io.github.flashj.io.decode.GzipInput;
import io.github.flashj.io.decode.InputFiles;
import io.github.flashj.io.fastq.InterleavedReader;
import io.github.flashj.io.fastq.LineSource;
import io.github.flashj.io.fastq.MateFilesReader;
import io.github.flashj.io.fastq.TabDelimitedReader;
import io.github.flashj.io.split.SplitMateFilesReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sources of read pairs from FASTQ, interleaved FASTQ and tab-delimited input, for
 * {@link io.github.flashj.FlashJob.Builder#source}. Gzip (and BGZF), Zstandard and LZ4 input is
 * recognised by its magic bytes, whatever the name; {@code "-"} names standard input.
 *
 * <pre>{@code
 * PairSource in = FastqInputs.pairedFiles(Path.of("r1.fq.gz"), Path.of("r2.fq.gz"));
 * PairSource tuned = FastqInputs.options()
 *         .gzipThreads(4)                        // rapidgzip decoder threads per gzip file
 *         .gzipIndexDirectory(Path.of("idx"))    // write gzip indexes there, reuse them next time
 *         .producers(2)                          // threads reading mate files by chunks of records
 *         .paired("r1.fq.gz", "r2.fq.gz");
 * }</pre>
 *
 * <p>Gzip regular files are decoded in parallel by rapidgzip where FlashJ's native library loads,
 * and by java.util.zip elsewhere (and for pipes and standard input): the same bytes either way,
 * and the log says which decoder ran. Malformed input raises
 * {@link io.github.flashj.InputFormatException} naming the input and line; corrupt compressed data
 * an IOException naming the file.
 */
public final class FastqInputs {
    private static final Options DEFAULTS = new Options(0, GzipInput.DEFAULT);

    private FastqInputs() {
    }

    /**
     * Settings for reading, starting from the defaults: automatic producers and gzip threads, no
     * index, the native gzip decoders where they load.
     */
    public static Options options() {
        return DEFAULTS;
    }

    /** Two mate files, read in step. */
    public static PairSource pairedFiles(Path mate1, Path mate2) throws IOException {
        return DEFAULTS.paired(mate1.toString(), mate2.toString());
    }

    /** Two mate files by name, read in step; {@code "-"} is standard input. */
    public static PairSource paired(String mate1, String mate2) throws IOException {
        return DEFAULTS.paired(mate1, mate2);
    }

    /** One interleaved FASTQ input by name; {@code "-"} is standard input. */
    public static PairSource interleaved(String path) throws IOException {
        return DEFAULTS.interleaved(path);
    }

    /** One tab-delimited input by name; {@code "-"} is standard input. */
    public static PairSource tabDelimited(String path) throws IOException {
        return DEFAULTS.tabDelimited(path);
    }

    /** Immutable reading settings; each setter returns a copy. */
    public static final class Options {
        private final int producers;
        private final GzipInput gzip;

        private Options(int producers, GzipInput gzip) {
            this.producers = producers;
            this.gzip = gzip;
        }

        /**
         * How many threads read two regular mate files, plain or gzip (BGZF or plain gzip), each its
         * own chunks of records; the output is the same as with one. Gzip files are entered at seek
         * points: BGZF's blocks, or a rapidgzip index (from {@link #gzipIndexDirectory}, else built
         * on several threads), which needs the native library. Zstandard and LZ4 files, pipes,
         * standard input and files that are not well-formed FASTQ throughout are read by one
         * producer, so that errors are reported exactly as always.
         *
         * @param producers 1 for one, 0 (the default) to choose by the input's size and the number
         *     of merge workers (several producers pay only for large files and 4 or more workers)
         * @throws IllegalArgumentException when negative
         */
        public Options producers(int producers) {
            if (producers < 0) {
                throw new IllegalArgumentException("producers must be 0 (automatic) or more, got " + producers);
            }
            return new Options(producers, gzip);
        }

        /**
         * rapidgzip's decoder threads for each gzip file. One thread decodes sequentially with ISA-L,
         * the least CPU per byte; several decode chunks in parallel, which pays on many cores.
         *
         * @param threads 0 (the default) for a quarter of the processors, at least one
         * @throws IllegalArgumentException when negative
         */
        public Options gzipThreads(int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException("gzip threads must be 0 (automatic) or more, got " + threads);
            }
            return new Options(producers, gzip.withThreads(threads));
        }

        /**
         * A directory of gzip indexes, one per input file, named after it with {@code .gzidx} added
         * (indexed_gzip's format, which {@code rapidgzip --export-index} also writes). An index found
         * there that belongs to the file is imported before reading (rapidgzip then needs no search
         * for deflate blocks), and gives the seek points of several {@link #producers}; one that does
         * not is named in a warning and written again. Otherwise one is written there once the file
         * has been read, or indexed for several producers. Needs the native library; without it the
         * directory is not used, and the log says so.
         *
         * @param directory the directory, created when needed; null for none (the default)
         */
        public Options gzipIndexDirectory(Path directory) {
            return new Options(producers, gzip.withIndexDirectory(directory));
        }

        /**
         * Whether gzip files may be decoded by FlashJ's native library (ISA-L, rapidgzip) where it
         * loads (the default). False reads every gzip input with java.util.zip, in order, as where
         * the library does not load: the same bytes, more slowly, with no {@link #gzipIndexDirectory}
         * and no split plain gzip. The system property {@code flashj.gzip.native=false} turns the
         * library off for the whole JVM, whatever is set here.
         */
        public Options nativeGzip(boolean use) {
            return new Options(producers, gzip.withNativeDecoding(use));
        }

        /**
         * Compressed bytes between the seek points at which several {@link #producers} enter a gzip
         * file: the spacing of the index built for plain gzip, and the least length of the runs of
         * BGZF blocks each decoded as one segment. Closer points make more, smaller segments.
         *
         * @param bytes 0 (the default) for 1 MiB
         * @throws IllegalArgumentException when negative
         */
        public Options gzipSeekSpacing(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("gzip seek spacing must be 0 (the default) or more, got " + bytes);
            }
            return new Options(producers, gzip.withSeekSpacing(bytes));
        }

        /** Two mate files by name, read in step; {@code "-"} is standard input. */
        public PairSource paired(String mate1, String mate2) throws IOException {
            LineSource r1 = lines(mate1);
            MateFilesReader inOrder;
            try {
                inOrder = new MateFilesReader(r1, lines(mate2));
            } catch (IOException | RuntimeException e) {
                r1.close();
                throw e;
            }
            if (producers == 1 || !isRegularFile(mate1) || !isRegularFile(mate2)) {
                return inOrder;
            }
            return new SplitMateFilesReader(Path.of(mate1), InputFiles.displayName(mate1), Path.of(mate2),
                    InputFiles.displayName(mate2), producers, gzip, inOrder);
        }

        /** Two mate files, read in step. */
        public PairSource pairedFiles(Path mate1, Path mate2) throws IOException {
            return paired(mate1.toString(), mate2.toString());
        }

        /** One interleaved FASTQ input by name; {@code "-"} is standard input. */
        public PairSource interleaved(String path) throws IOException {
            return new InterleavedReader(lines(path));
        }

        /** One tab-delimited input by name; {@code "-"} is standard input. */
        public PairSource tabDelimited(String path) throws IOException {
            return new TabDelimitedReader(lines(path));
        }

        private LineSource lines(String path) throws IOException {
            InputStream in = InputFiles.open(path, gzip);
            String name = InputFiles.displayName(path);
            return "-".equals(path) ? new LineSource(in, name) : new LineSource(in, name, Path.of(path));
        }
    }

    private static boolean isRegularFile(String path) {
        return !"-".equals(path) && Files.isRegularFile(Path.of(path));
    }

    /** Two mate streams (plain or gzip); {@code name1} and {@code name2} are used in messages. */
    public static PairSource pairedStreams(InputStream mate1, String name1, InputStream mate2, String name2)
            throws IOException {
        return new MateFilesReader(lines(mate1, name1), lines(mate2, name2));
    }

    /** One interleaved FASTQ stream (plain or gzip). */
    public static PairSource interleavedStream(InputStream in, String name) throws IOException {
        return new InterleavedReader(lines(in, name));
    }

    /** One tab-delimited stream (plain or gzip). */
    public static PairSource tabDelimitedStream(InputStream in, String name) throws IOException {
        return new TabDelimitedReader(lines(in, name));
    }

    /**
     * Plain data from a stream of any compression FlashJ reads (recognised by its magic bytes);
     * plain data passes through. Errors in the compressed data name {@code name}.
     */
    public static InputStream decoded(InputStream raw, String name) throws IOException {
        return InputFiles.decompress(raw, name);
    }

    private static LineSource lines(InputStream in, String name) throws IOException {
        return new LineSource(InputFiles.decompress(in, name), name);
    }
}
