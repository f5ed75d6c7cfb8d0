package io.github.flashj.spark;

import io.github.flashj.MergeOutcome;
import io.github.flashj.MergeParameters;
import io.github.flashj.MergeTally;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One task's part of FLASH's files: the combined rows' merged reads, the other rows' reads, and
 * the counts of merged lengths. Written under the attempt's own names and committed by rename, as
 * the file job's chunks are, so that retried and speculative attempts never add a record twice.
 */
final class FlashLayoutWriter implements DataWriter<InternalRow> {
    private static final int COMBINED = 0;
    private static final int ORIENTATION = 1;
    private static final int OVERLAP = 2;
    private static final int NAME = 3;
    private static final int SEQ = 4;
    private static final int QUAL = 5;
    private static final UTF8String OUTIE = UTF8String.fromString("outie");
    private static final byte[] SEPARATOR = {'\n', '+', '\n'};

    record Factory(JobSpec job, FlashLayoutWrite.Columns columns) implements DataWriterFactory {
        @Override
        public DataWriter<InternalRow> createWriter(int partitionId, long taskId) {
            try {
                return new FlashLayoutWriter(job, columns, partitionId, taskId);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
    }

    private final JobSpec job;
    private final FlashLayoutWrite.Columns columns;
    private final int partition;
    private final FileSystem fs;
    private final Path[] attempt;
    private final OutputStream[] outs;
    private final MergeTally tally = new MergeTally(MergeParameters.DEFAULTS.maxOverlap());

    private FlashLayoutWriter(JobSpec job, FlashLayoutWrite.Columns columns, int partition, long taskId)
            throws IOException {
        this.job = job;
        this.columns = columns;
        this.partition = partition;
        this.fs = HadoopFiles.of(new Path(job.workDirectory()), job.hadoop());
        int files = job.layout().readFileNames().size();
        this.attempt = new Path[files];
        this.outs = new OutputStream[files];
        try {
            for (int f = 0; f < files; f++) {
                attempt[f] = new Path(job.part(partition, f) + ".attempt-" + taskId);
                outs[f] = job.layout().compression().wrap(new BufferedOutputStream(fs.create(attempt[f], true),
                        1 << 16));
            }
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    @Override
    public void write(InternalRow row) throws IOException {
        InternalRow merge = row.getStruct(columns.merge(), FlashFunctions.RESULT_TYPE.size());
        if (merge == null) {
            throw new IllegalArgumentException("pair " + row.getLong(columns.pairIndex())
                    + ": flash_merge gave null (a null read column)");
        }
        int[] reads = columns.reads();
        if (row.isNullAt(reads[3])) {
            tally.add(MergeOutcome.SINGLE, 0, 0);
            return;
        }
        if (merge.getBoolean(COMBINED)) {
            UTF8String seq = merge.getUTF8String(SEQ);
            record(outs[0], merge.getUTF8String(NAME), seq, merge.getUTF8String(QUAL));
            byte outcome = OUTIE.equals(merge.getUTF8String(ORIENTATION)) ? MergeOutcome.OUTIE : MergeOutcome.INNIE;
            tally.add(outcome, seq.numBytes(), merge.getInt(OVERLAP));
            return;
        }
        record(outs[1], row.getUTF8String(reads[0]), row.getUTF8String(reads[1]), row.getUTF8String(reads[2]));
        record(outs[2], row.getUTF8String(reads[3]), row.getUTF8String(reads[4]), row.getUTF8String(reads[5]));
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
        for (int f = 0; f < outs.length; f++) {
            outs[f].close();
            outs[f] = null;
        }
        for (int f = 0; f < attempt.length; f++) {
            PartFiles.commit(fs, attempt[f], new Path(job.part(partition, f)));
        }
        return new FlashLayoutWrite.Committed(partition, tally);
    }

    @Override
    public void abort() {
        for (int f = 0; f < attempt.length; f++) {
            try {
                if (outs[f] != null) {
                    outs[f].close();
                    outs[f] = null;
                }
            } catch (IOException ignored) {
                // The attempt has failed already; its file is removed below.
            }
            try {
                if (attempt[f] != null) {
                    fs.delete(attempt[f], false);
                }
            } catch (IOException ignored) {
                // Best effort: the driver removes the whole work directory at the end.
            }
        }
    }

    @Override
    public void close() {
        // commit or abort has released everything.
    }
}
