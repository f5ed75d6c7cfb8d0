package io.github.flashj.spark.source;

import io.github.flashj.MergeParameters;
import io.github.flashj.batch.MergeOutcome;
import io.github.flashj.batch.MergeTally;
import io.github.flashj.spark.exec.JobSpec;
import io.github.flashj.spark.exec.PartFiles;
import io.github.flashj.spark.functions.FlashFunctions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One task's part of FLASH's files: the combined rows' merged reads, the other rows' reads, and
 * the counts of merged lengths. Written under the attempt's own names and committed by rename, as
 * the file job's chunks are, so that retried and speculative attempts never add a record twice.
 * The rows must come in increasing {@code pair_index}; the part's first and last go to the driver,
 * which orders the parts by them ({@link FlashLayoutBatchWrite}). A row out of that order is
 * reported in the commit message and the driver refuses the write: a task that failed instead
 * would be retried, each time to the same end.
 */
final class FlashLayoutDataWriter implements DataWriter<InternalRow> {
    private static final int COMBINED = 0;
    private static final int ORIENTATION = 1;
    private static final int OVERLAP = 2;
    private static final int NAME = 3;
    private static final int SEQ = 4;
    private static final int QUAL = 5;
    private static final UTF8String OUTIE = UTF8String.fromString("outie");
    private static final byte[] SEPARATOR = {'\n', '+', '\n'};

    record Factory(JobSpec job, FlashLayoutBatchWrite.Columns columns) implements DataWriterFactory {
        @Override
        public DataWriter<InternalRow> createWriter(int partitionId, long taskId) {
            try {
                return new FlashLayoutDataWriter(job, columns, partitionId);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
    }

    private final FlashLayoutBatchWrite.Columns columns;
    private final int partition;
    private final PartFiles.Attempt parts;
    private final MergeTally tally = new MergeTally(MergeParameters.DEFAULTS.maxOverlap());
    private boolean empty = true;
    private long firstPair;
    private long lastPair;
    /** The first row out of {@code pair_index} order, once one came: the part is then refused. */
    private String outOfOrder;

    private FlashLayoutDataWriter(JobSpec job, FlashLayoutBatchWrite.Columns columns, int partition) throws IOException {
        this.columns = columns;
        this.partition = partition;
        this.parts = new PartFiles.Attempt(job, partition, job.layout().readFileNames().size(),
                job.layout().compression());
    }

    @Override
    public void write(InternalRow row) throws IOException {
        long pair = row.getLong(columns.pairIndex());
        if (empty) {
            firstPair = pair;
            empty = false;
        } else if (outOfOrder != null) {
            return;
        } else if (pair <= lastPair) {
            // Refused by the driver at commit, not by failing the task, which Spark would retry.
            outOfOrder = "partition " + partition + " has pair_index " + pair + " after " + lastPair;
            return;
        }
        lastPair = pair;
        InternalRow merge = row.getStruct(columns.merge(), FlashFunctions.RESULT_TYPE.size());
        if (merge == null) {
            throw new IllegalArgumentException("pair " + pair + ": flash_merge gave null (a null read column)");
        }
        int[] reads = columns.reads();
        if (row.isNullAt(reads[3])) {
            tally.add(MergeOutcome.SINGLE, 0, 0);
            return;
        }
        if (merge.getBoolean(COMBINED)) {
            UTF8String seq = merge.getUTF8String(SEQ);
            record(parts.out(0), merge.getUTF8String(NAME), seq, merge.getUTF8String(QUAL));
            byte outcome = OUTIE.equals(merge.getUTF8String(ORIENTATION)) ? MergeOutcome.OUTIE : MergeOutcome.INNIE;
            tally.add(outcome, seq.numBytes(), merge.getInt(OVERLAP));
            return;
        }
        record(parts.out(1), row.getUTF8String(reads[0]), row.getUTF8String(reads[1]), row.getUTF8String(reads[2]));
        record(parts.out(2), row.getUTF8String(reads[3]), row.getUTF8String(reads[4]), row.getUTF8String(reads[5]));
        tally.add(MergeOutcome.NOT_COMBINED, 0, 0);
    }

    /** A FASTQ record: the tag line ({@code @} added), the sequence, {@code +}, the qualities. */
    private static void record(OutputStream out, UTF8String name, UTF8String seq, UTF8String qual)
            throws IOException {
        out.write('@');
        name.writeTo(out);
        out.write('\n');
        seq.writeTo(out);
        out.write(SEPARATOR);
        qual.writeTo(out);
        out.write('\n');
    }

    @Override
    public WriterCommitMessage commit() throws IOException {
        if (outOfOrder != null) {
            parts.discard();
            return new FlashLayoutBatchWrite.Committed(partition, null, tally, outOfOrder);
        }
        parts.commit();
        return new FlashLayoutBatchWrite.Committed(partition,
                empty ? null : new FlashLayoutBatchWrite.PairRange(firstPair, lastPair), tally, null);
    }

    @Override
    public void abort() {
        parts.discard();
    }

    @Override
    public void close() {
        // commit or abort has released everything.
    }
}
