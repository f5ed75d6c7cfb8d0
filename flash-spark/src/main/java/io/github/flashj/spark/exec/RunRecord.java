package io.github.flashj.spark.exec;

import io.github.flashj.MergeParameters;
import io.github.flashj.io.input.InputFingerprint;
import io.github.flashj.io.input.InputFormat;
import io.github.flashj.io.output.OutputLayout;
import io.github.flashj.io.plan.ChunkPlan;
import io.github.flashj.io.plan.ChunkPlanner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a resumable run records in its work directory once it has planned: its inputs'
 * fingerprints, what decides its bytes (format, parameters, layout, batch size), and its plan. A
 * rerun with {@code resume} reuses the committed parts of a work directory only when its inputs and
 * settings are the same, and then runs the recorded plan's missing chunks, whatever its own cores
 * would have planned.
 *
 * <p>Stored as {@value #MAGIC}, then the CRC32 and length of the serialized record, then the record:
 * a file cut short or overwritten is refused, never trusted.
 *
 * @param inputs the inputs, qualified, as the tasks read them
 * @param fingerprints each input's fingerprint
 * @param settings what decides the output's bytes, as text
 * @param chunks the plan's chunks
 * @param pairs the pairs they hold, as {@link ChunkPlanner.Plan#pairs}
 * @param unsplitReason as {@link ChunkPlanner.Plan#unsplitReason}
 */
record RunRecord(List<String> inputs, List<InputFingerprint> fingerprints, String settings, List<ChunkPlan> chunks,
        long pairs, String unsplitReason) implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The record's file in a work directory. */
    static final String FILE = "run.record";
    /**
     * Versioned: raised whenever a recorded plan would be read differently (2: zstd and LZ4 inputs
     * read in place by one chunk, not split from a decoded copy), so that a rerun refuses an older
     * record, and starts over, rather than apply its offsets to other bytes.
     */
    private static final String MAGIC = "FlashJ run record 2\n";

    /** The fingerprints of {@code inputs}, read on the driver (two MiB of each). */
    static List<InputFingerprint> fingerprints(List<String> inputs, Configuration hadoop) throws IOException {
        List<InputFingerprint> prints = new ArrayList<>();
        for (String input : inputs) {
            Path path = new Path(input);
            FileSystem fs = HadoopFiles.of(path, hadoop);
            FileStatus status = fs.getFileStatus(path);
            try (HadoopInput in = new HadoopInput(fs, path)) {
                prints.add(InputFingerprint.of(in, status.getModificationTime()));
            }
        }
        return prints;
    }

    /** What decides a run's bytes, besides its inputs. */
    static String settings(InputFormat format, MergeParameters parameters, OutputLayout layout, int batchSize) {
        return String.join("\n", "format=" + format, "parameters=" + parameters,
                "files=" + layout.readFileNames() + layout.histogramFileNames(),
                "compression=" + layout.compression() + " level " + layout.compression().level(),
                "stdout=" + layout.toStdout(), "batch=" + batchSize);
    }

    /** Why a run of {@code inputs} with {@code fingerprints} and {@code settings} cannot reuse this record's parts, or null. */
    String mismatch(List<String> inputs, List<InputFingerprint> fingerprints, String settings) {
        if (!inputs.equals(this.inputs)) {
            return "its inputs were " + this.inputs;
        }
        for (int f = 0; f < inputs.size(); f++) {
            String change = this.fingerprints.get(f).change(fingerprints.get(f));
            if (change != null) {
                return inputs.get(f) + " changed since: " + change;
            }
        }
        if (!settings.equals(this.settings)) {
            List<String> was = Arrays.asList(this.settings.split("\n"));
            for (String line : settings.split("\n")) {
                if (!was.contains(line)) {
                    String key = line.substring(0, line.indexOf('='));
                    return "its " + key + " differed";
                }
            }
            return "its settings differed";
        }
        return null;
    }

    /** A record of {@code plan}. */
    static RunRecord of(List<String> inputs, List<InputFingerprint> fingerprints, String settings,
            ChunkPlanner.Plan plan) {
        return new RunRecord(inputs, fingerprints, settings, new ArrayList<>(plan.chunks()), plan.pairs(),
                plan.unsplitReason());
    }

    /** The recorded plan. */
    ChunkPlanner.Plan plan() {
        return new ChunkPlanner.Plan(chunks, pairs, unsplitReason);
    }

    /** Writes the record to {@code file}, replacing what is there. */
    void write(FileSystem fs, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        }
        byte[] body = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        try (FSDataOutputStream out = fs.create(file, true)) {
            out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
            out.writeLong(crc.getValue());
            out.writeInt(body.length);
            out.write(body);
            out.hsync();
        }
    }

    /**
     * Reads the record at {@code file}.
     *
     * @throws IOException naming what is wrong when it is missing, cut short or not a record
     */
    static RunRecord read(FileSystem fs, Path file) throws IOException {
        byte[] all;
        try (FSDataInputStream in = fs.open(file)) {
            all = in.readAllBytes();
        }
        byte[] magic = MAGIC.getBytes(StandardCharsets.US_ASCII);
        if (all.length < magic.length + 12 || !Arrays.equals(Arrays.copyOf(all, magic.length), magic)) {
            throw new IOException(file + " is not a FlashJ run record");
        }
        DataInputStream head = new DataInputStream(new ByteArrayInputStream(all, magic.length, 12));
        long expected = head.readLong();
        int length = head.readInt();
        int from = magic.length + 12;
        if (length != all.length - from) {
            throw new IOException(file + " is cut short");
        }
        CRC32 crc = new CRC32();
        crc.update(all, from, length);
        if (crc.getValue() != expected) {
            throw new IOException(file + " does not match its checksum");
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(all, from, length))) {
            return (RunRecord) in.readObject();
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException(file + " was written by another FlashJ version", e);
        }
    }
}
