package io.github.flashj.io.output;

import io.github.flashj.batch.PairBatch;
import java.io.IOException;
import java.util.List;

/**
 * Gzip or LZ4 FASTQ output whose merge workers format and compress each batch's part of each file
 * as a piece ({@link EncoderPool}): the committing thread only writes the pieces in order between
 * each file's start and end, made from the pieces' digests.
 */
final class PieceWriter implements ReadFileWriter {
    private final EncoderPool encoders;
    private final OutputCompression compression;
    /** The read files, in the layout's order; written as they are. */
    private final List<OutputChannel> files;
    /** Each read file's digest, once its start is written. */
    private PieceDigest[] digests;

    /**
     * @param resumed each file's digest at the checkpoint a resumed run continues from, whose
     *     start is written already; null for new files
     */
    PieceWriter(EncoderPool encoders, OutputCompression compression, List<OutputChannel> files,
            PieceDigest[] resumed) {
        this.encoders = encoders;
        this.compression = compression;
        this.files = files;
        digests = resumed;
    }

    /** Each file's digest so far (copies), for a checkpoint; null before the files' starts are written. */
    @Override
    public PieceDigest[] digests() {
        if (digests == null) {
            return null;
        }
        PieceDigest[] copies = new PieceDigest[digests.length];
        for (int f = 0; f < copies.length; f++) {
            copies[f] = digests[f].copy();
        }
        return copies;
    }

    @Override
    public void write(PairBatch batch) throws IOException {
        BatchEncoder encoder = encoders.take(batch);
        start();
        for (int f = 0; f < digests.length; f++) {
            files.get(f).write(encoder.block(f));
            encoder.addTo(f, digests[f]);
        }
        encoders.release(encoder);
    }

    @Override
    public void finish() throws IOException {
        start();
        for (int f = 0; f < digests.length; f++) {
            write(files.get(f), compression.fileEnd(digests[f]));
        }
    }

    /** Writes each read file's start, the first time. */
    private void start() throws IOException {
        if (digests != null) {
            return;
        }
        digests = new PieceDigest[files.size()];
        for (int f = 0; f < digests.length; f++) {
            digests[f] = compression.startDigest();
            write(files.get(f), compression.fileStart(digests[f]));
        }
    }

    private static void write(OutputChannel channel, byte[] bytes) throws IOException {
        ByteBuilder b = new ByteBuilder(bytes.length);
        b.append(bytes, 0, bytes.length);
        channel.write(b);
    }
}
