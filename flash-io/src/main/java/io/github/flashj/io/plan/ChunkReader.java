package io.github.flashj.io.plan;

import io.github.flashj.PairSource;
import io.github.flashj.io.fastq.InterleavedReader;
import io.github.flashj.io.fastq.LineSource;
import io.github.flashj.io.fastq.MateFilesReader;
import io.github.flashj.io.fastq.TabDelimitedReader;
import io.github.flashj.io.input.InputFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The pairs of one {@link ChunkPlan chunk}, read from streams that start at its slices' offsets:
 * the same readers as a local run's, so that records are parsed, and bad ones reported (with the
 * line number in the whole file), exactly as a local run does.
 *
 * <pre>{@code
 * try (PairSource pairs = ChunkReader.open(InputFormat.PAIRED_FASTQ, chunk, names, streams)) {
 *     PairBatch batch = new PairBatch(4096, 33);
 *     for (long id = 0; ; id++) {
 *         batch.clear(id);
 *         boolean more = pairs.fill(batch);
 *         merger.parseAndMerge(batch);
 *         ...
 *         if (!more) break;
 *     }
 * }
 * }</pre>
 */
public final class ChunkReader {
    private ChunkReader() {
    }

    /**
     * A source of the chunk's pairs.
     *
     * @param names the files' names for messages, one per slice
     * @param streams plain data of each file from its slice's offset, one per slice; the source
     *     closes them
     */
    public static PairSource open(InputFormat format, ChunkPlan chunk, List<String> names, List<InputStream> streams)
            throws IOException {
        if (streams.size() != format.files() || names.size() != format.files()
                || chunk.slices().size() != format.files()) {
            throw new IllegalArgumentException(format + " reads " + format.files() + " files");
        }
        List<LineSource> lines = new ArrayList<>();
        try {
            for (int f = 0; f < format.files(); f++) {
                ChunkPlan.Slice slice = chunk.slices().get(f);
                long first = slice.linesBefore() + slice.skipLines();
                long limit = chunk.pairs() == ChunkPlan.TO_THE_END ? Long.MAX_VALUE
                        : first + chunk.pairs() * format.linesPerPair();
                LineSource source = new LineSource(streams.get(f), names.get(f), slice.linesBefore(), limit);
                lines.add(source);
                source.skip(slice.skipLines());
            }
        } catch (IOException | RuntimeException e) {
            for (int f = 0; f < streams.size(); f++) {
                try {
                    streams.get(f).close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        switch (format) {
            case PAIRED_FASTQ:
                return new MateFilesReader(lines.get(0), lines.get(1));
            case INTERLEAVED_FASTQ:
                return new InterleavedReader(lines.get(0));
            default:
                return new TabDelimitedReader(lines.get(0));
        }
    }
}
