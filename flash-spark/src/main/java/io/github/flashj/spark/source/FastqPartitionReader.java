package io.github.flashj.spark.source;

import io.github.flashj.PairSource;
import io.github.flashj.batch.MergeOutcome;
import io.github.flashj.batch.PairBatch;
import io.github.flashj.batch.ReadEncoding;
import io.github.flashj.io.plan.ChunkPlan;
import io.github.flashj.io.plan.ChunkReader;
import io.github.flashj.spark.exec.ChunkTask;
import io.github.flashj.spark.exec.JobSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

/**
 * Reads one chunk of the {@code flashj-fastq} table into rows: the pairs are parsed by the same
 * readers as the file job's, into a reused batch, and each row is written straight from the
 * batch's arrays into one reused {@code UnsafeRow}, with only the columns the query reads.
 */
final class FastqPartitionReader implements PartitionReader<InternalRow> {
    private static final int PAIR_INDEX = 0;

    /** One chunk of the table. */
    record Partition(JobSpec job, ChunkPlan chunk) implements InputPartition {
    }

    /** Makes the readers on the executors, for the columns (indexes in the table's schema) read. */
    record Factory(int[] columns) implements PartitionReaderFactory {
        @Override
        public PartitionReader<InternalRow> createReader(InputPartition partition) {
            try {
                return new FastqPartitionReader((Partition) partition, columns);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
    }

    private final PairSource source;
    private final PairBatch batch;
    private final int[] columns;
    private final int phredOffset;
    private final UnsafeRowWriter row;
    private long nextIndex;
    private long batchId;
    private int next;
    private boolean more = true;
    private byte[] quality = new byte[512];

    private FastqPartitionReader(Partition partition, int[] columns) throws IOException {
        JobSpec job = partition.job();
        List<InputStream> streams = ChunkTask.open(job, partition.chunk());
        this.source = ChunkReader.open(job.format(), partition.chunk(), job.names(), streams);
        this.phredOffset = job.parameters().phredOffset();
        this.batch = new PairBatch(job.batchSize(), phredOffset);
        this.columns = columns;
        this.row = new UnsafeRowWriter(columns.length, 1024);
        this.nextIndex = partition.chunk().firstPair();
    }

    @Override
    public boolean next() throws IOException {
        while (next >= batch.size()) {
            if (!more) {
                return false;
            }
            batch.clear(batchId++);
            more = source.fill(batch);
            batch.parseDeferred();
            next = 0;
        }
        write(next++);
        nextIndex++;
        return true;
    }

    private void write(int pair) {
        row.reset();
        row.zeroOutNullBytes();
        boolean single = batch.outcome(pair) == MergeOutcome.SINGLE;
        for (int ordinal = 0; ordinal < columns.length; ordinal++) {
            int column = columns[ordinal];
            if (column == PAIR_INDEX) {
                row.write(ordinal, nextIndex);
                continue;
            }
            int mate = (column - 1) / 3;
            if (mate == 1 && single) {
                row.setNullAt(ordinal);
                continue;
            }
            switch ((column - 1) % 3) {
                case 0 -> row.write(ordinal, batch.tagBytes(), batch.tagStart(pair, mate),
                        batch.tagLength(pair, mate));
                case 1 -> row.write(ordinal, batch.bases(), batch.sequenceStart(pair, mate),
                        batch.sequenceLength(pair, mate));
                default -> writeQuality(ordinal, pair, mate);
            }
        }
    }

    /** The quality string: the batch's PHRED values with the offset added back. */
    private void writeQuality(int ordinal, int pair, int mate) {
        int start = batch.sequenceStart(pair, mate);
        int length = batch.sequenceLength(pair, mate);
        if (quality.length < length) {
            quality = new byte[Math.max(length, 2 * quality.length)];
        }
        ReadEncoding.toQualityCharacters(batch.qualities(), start, quality, 0, length, phredOffset);
        row.write(ordinal, quality, 0, length);
    }

    @Override
    public InternalRow get() {
        return row.getRow();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
