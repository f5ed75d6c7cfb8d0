package io.github.flashj.io.output;

import io.github.flashj.batch.PairBatch;
import java.io.IOException;

/** How the read files' bytes are made and written: one of FASTQ by the workers, FASTQ, tab-delimited. */
interface ReadFileWriter {
    /** Writes {@code batch}'s records, in batch order. */
    void write(PairBatch batch) throws IOException;

    /** Writes what follows the last batch. */
    void finish() throws IOException;

    /**
     * What continuing each file from a cut between batches needs besides its bytes: the digests of
     * files written in pieces, null for others.
     */
    default PieceDigest[] digests() {
        return null;
    }
}
