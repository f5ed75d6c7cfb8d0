package io.github.flashj.io.output;

import io.github.flashj.Checkpoint;
import io.github.flashj.MergeParameters;
import io.github.flashj.RunJournal;
import io.github.flashj.batch.MergeTally;
import io.github.flashj.io.SystemErrors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint journal of a local run's files ({@link FlashOutput#journal()}): {@code
 * .flashj-RUN.journal} beside the run's staged files ({@link TemporaryNames}), which a resumed run
 * finds by the final names it records.
 *
 * <p>A checkpoint is taken on the committing thread, between two batches: each read file's bytes
 * are handed to the system and counted, and the digests of files written in pieces copied. A
 * thread of the journal's own then makes the files durable ({@code fdatasync}), writes the journal
 * under {@code .flashj-RUN.journal.new}, makes it durable and renames it into place, then makes the
 * directory durable: a journal in place never names bytes that a crash could lose. A checkpoint
 * taken while the last is still being written replaces the one waiting, if any.
 *
 * <p>The file: 8 magic bytes (ASCII {@code FLASHJ}, a zero byte, {@code J}), the format's
 * version (an int), the content's length (an int), the content, and the content's CRC-32 (an
 * int); a journal that does not read so to its last byte is damaged, and never trusted. The
 * content: the run, when it was written, the parameters and the input's fingerprint, each read
 * file's final name, staged name and cut ({@link OutputChannel.Cut}), the input position, then
 * the counts ({@link MergeTally}) and the digests of files written in pieces as Java serializes
 * them.
 */
final class CheckpointJournal implements RunJournal {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointJournal.class);
    private static final long MAGIC = 0x464C4153484A004AL;
    private static final int VERSION = 1;
    /** Magic, version and length before the content; its CRC-32 after. */
    private static final int HEADER = Long.BYTES + 2 * Integer.BYTES;
    private static final int MAX_CONTENT = 1 << 24;

    private final FlashOutput output;
    /** The parameters of the run that change its output, as a resumed run must match them. */
    private String parameters;
    private String fingerprint;

    private final Object turn = new Object();
    /** The content of the checkpoint waiting to be written; guarded by {@link #turn}. */
    private byte[] waiting;
    private Cut waitingCut;
    private boolean writing;
    private boolean ended;
    private IOException failure;
    private Thread writer;
    /** The writer's channels on the files it makes durable, by path; used by the writer alone. */
    private final Map<Path, FileChannel> durable = new HashMap<>();
    /** Where this run's journal is written, once a checkpoint is. */
    private volatile Path directory;
    private volatile String run;

    CheckpointJournal(FlashOutput output) {
        this.output = output;
    }

    /** What a checkpoint records of the read files: taken on the committing thread. */
    record Cut(String run, List<String> names, List<Path> staged, OutputChannel.Cut[] files, PieceDigest[] digests) {
    }

    /** A journal read back. */
    private record Entry(Path file, String run, long written, String parameters, String fingerprint,
            List<String> names, List<String> staged, OutputChannel.Cut[] cuts, long[] position, MergeTally tally,
            PieceDigest[] digests) {
    }

    @Override
    public String notResumable() {
        return output.notResumable();
    }

    @Override
    public Checkpoint start(MergeParameters params, String inputFingerprint, boolean resume) throws IOException {
        parameters = params + "; output " + output.describeForResume();
        fingerprint = inputFingerprint;
        if (!resume) {
            return null;
        }
        List<String> names = output.readFilePaths();
        Path dir = Path.of(names.get(0)).toAbsolutePath().normalize().getParent();
        Entry found = find(dir, names);
        if (found == null) {
            LOG.warn("No journal of a stopped run of these outputs in {}: the run starts from the beginning", dir);
            return null;
        }
        check(found);
        Map<String, Path> staged = new LinkedHashMap<>();
        for (int f = 0; f < names.size(); f++) {
            staged.put(names.get(f), dir.resolve(found.staged().get(f)));
        }
        directory = dir;
        run = found.run();
        output.resume(found.run(), dir, staged, found.cuts(), found.digests());
        LOG.debug("Resuming from {}, written {}", found.file(), Instant.ofEpochMilli(found.written()));
        return new Checkpoint(found.position(), found.tally());
    }

    /**
     * The newest journal in {@code dir} of a stopped run that wrote {@code names}; null when there
     * is none.
     *
     * @throws IOException when a journal there is damaged, or the run that wrote it still runs
     */
    private static Entry find(Path dir, List<String> names) throws IOException {
        Entry newest = null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, TemporaryNames.MARK + "*")) {
            for (Path file : entries) {
                Matcher m = TemporaryNames.JOURNAL_NAME.matcher(file.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                Entry e = read(file, m.group(1));
                if (!sameFiles(e.names(), names)) {
                    continue;
                }
                if (stillRunning(dir, e.run())) {
                    throw new IOException("cannot resume the run: the run that wrote " + file
                            + " is still running");
                }
                if (newest == null || e.written() > newest.written()) {
                    newest = e;
                }
            }
        } catch (NoSuchFileException noDirectory) {
            return null;
        }
        return newest;
    }

    /**
     * Removes the files of the stopped runs of the outputs {@code names} in {@code dir}, and of
     * stopped runs whose journal is damaged: a run of the same outputs that starts afresh does not
     * resume them, and other runs leave them for a day ({@link StagedFiles}).
     */
    static void removeStopped(Path dir, List<String> names) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, TemporaryNames.MARK + "*")) {
            for (Path file : entries) {
                Matcher m = TemporaryNames.JOURNAL_NAME.matcher(file.getFileName().toString());
                if (!m.matches() || stillRunning(dir, m.group(1))) {
                    continue;
                }
                try {
                    if (!sameFiles(read(file, m.group(1)).names(), names)) {
                        continue;
                    }
                } catch (IOException damaged) {
                    // Never resumed: removed with its run's files.
                }
                StagedFiles.removeStoppedRun(dir, m.group(1));
            }
        } catch (IOException noDirectoryYet) {
            // Nothing was left there.
        }
    }

    /** Whether two lists of names name the same files ({@code -d out} and {@code -d ./out/} do). */
    private static boolean sameFiles(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int k = 0; k < a.size(); k++) {
            if (!Path.of(a.get(k)).toAbsolutePath().normalize().equals(Path.of(b.get(k)).toAbsolutePath().normalize())) {
                return false;
            }
        }
        return true;
    }

    /** Whether a process holds the lock of run {@code run} in {@code dir} ({@link StagedFiles}). */
    private static boolean stillRunning(Path dir, String run) {
        Path lock = dir.resolve(TemporaryNames.lock(run));
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            return held == null;
        } catch (OverlappingFileLockException inThisJvm) {
            return true;
        } catch (IOException noLockFile) {
            return false;
        }
    }

    /** Refuses a journal made with other parameters or input than this run's. */
    private void check(Entry e) throws IOException {
        if (!e.parameters().equals(parameters)) {
            throw new IOException("cannot resume the run: its parameters differ from those of the stopped run ("
                    + e.file() + "): it ran with " + e.parameters() + ", this run has " + parameters);
        }
        if (!e.fingerprint().equals(fingerprint)) {
            String[] then = e.fingerprint().split("\n", -1);
            String[] now = fingerprint.split("\n", -1);
            if (!then[0].equals(now[0])) {
                throw new IOException("cannot resume the run: it reads " + now[0] + " input, the stopped run read "
                        + then[0]);
            }
            for (int k = 1; k < Math.min(then.length, now.length); k++) {
                if (!then[k].equals(now[k])) {
                    throw new IOException("cannot resume the run: the input " + then[k].split("\t")[0]
                            + " has changed since the run stopped (" + then[k].replace('\t', ' ') + "; now "
                            + now[k].replace('\t', ' ') + ")");
                }
            }
            throw new IOException("cannot resume the run: its inputs differ from the stopped run's");
        }
    }

    @Override
    public void record(Checkpoint cut) throws IOException {
        Cut files = output.cut();
        byte[] content = encode(files, cut);
        synchronized (turn) {
            if (failure != null) {
                throw failure;
            }
            if (ended) {
                return;
            }
            waiting = content;
            waitingCut = files;
            if (writer == null) {
                directory = files.staged().get(0).toAbsolutePath().normalize().getParent();
                run = files.run();
                writer = new Thread(this::writeLoop, "flashj-journal");
                writer.setDaemon(true);
                writer.start();
            }
            turn.notifyAll();
        }
    }

    @Override
    public boolean cutsAfter(long batchId) {
        return output.cutsAfter(batchId);
    }

    private byte[] encode(Cut files, Checkpoint cut) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF(files.run());
        out.writeLong(System.currentTimeMillis());
        out.writeUTF(parameters);
        out.writeUTF(fingerprint);
        out.writeInt(files.names().size());
        for (int f = 0; f < files.names().size(); f++) {
            out.writeUTF(files.names().get(f));
            out.writeUTF(files.staged().get(f).getFileName().toString());
            OutputChannel.Cut c = files.files()[f];
            out.writeLong(c.length());
            out.writeLong(c.frameStart());
            out.writeLong(c.frameContent());
        }
        long[] position = cut.inputPosition();
        out.writeInt(position.length);
        for (long p : position) {
            out.writeLong(p);
        }
        // The counts and digests as Java serializes them: the content's CRC-32 guards them too.
        ObjectOutputStream objects = new ObjectOutputStream(out);
        objects.writeObject(cut.tally());
        objects.writeObject(files.digests());
        objects.flush();
        return bytes.toByteArray();
    }

    private static Entry read(Path file, String run) throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("cannot resume the run: cannot read the journal " + file + ": "
                    + SystemErrors.reason(e, file), e);
        }
        ByteBuffer b = ByteBuffer.wrap(all);
        String damage = null;
        if (all.length < HEADER + Integer.BYTES || b.getLong() != MAGIC) {
            damage = "it is not a FlashJ journal, or is cut short";
        } else if (b.getInt() != VERSION) {
            damage = "it was written by another version of FlashJ";
        } else {
            int length = b.getInt();
            if (length < 0 || length > MAX_CONTENT || length != all.length - HEADER - Integer.BYTES) {
                damage = "its length is wrong: it is cut short or has bytes added";
            } else {
                CRC32 crc = new CRC32();
                crc.update(all, HEADER, length);
                if ((int) crc.getValue() != ByteBuffer.wrap(all, HEADER + length, Integer.BYTES).getInt()) {
                    damage = "its checksum is wrong";
                } else {
                    try {
                        Entry e = decode(file, new DataInputStream(new ByteArrayInputStream(all, HEADER, length)));
                        if (e.run().equals(run)) {
                            return e;
                        }
                        damage = "it names another run";
                    } catch (IOException | ClassNotFoundException | RuntimeException e) {
                        damage = "its content cannot be read (" + e + ")";
                    }
                }
            }
        }
        throw new IOException("cannot resume the run: the journal " + file + " is damaged (" + damage
                + "); remove it, or run without --resume to start over");
    }

    private static Entry decode(Path file, DataInputStream in) throws IOException, ClassNotFoundException {
        String run = in.readUTF();
        long written = in.readLong();
        String parameters = in.readUTF();
        String fingerprint = in.readUTF();
        int files = in.readInt();
        List<String> names = new ArrayList<>();
        List<String> staged = new ArrayList<>();
        OutputChannel.Cut[] cuts = new OutputChannel.Cut[files];
        for (int f = 0; f < files; f++) {
            names.add(in.readUTF());
            staged.add(in.readUTF());
            cuts[f] = new OutputChannel.Cut(in.readLong(), in.readLong(), in.readLong());
        }
        long[] position = new long[in.readInt()];
        for (int k = 0; k < position.length; k++) {
            position[k] = in.readLong();
        }
        ObjectInputStream objects = new ObjectInputStream(in);
        MergeTally tally = (MergeTally) objects.readObject();
        PieceDigest[] digests = (PieceDigest[]) objects.readObject();
        return new Entry(file, run, written, parameters, fingerprint, names, staged, cuts, position, tally,
                digests);
    }

    /** The journal's thread: writes each checkpoint handed to it, the newest first, until the journal ends. */
    private void writeLoop() {
        while (true) {
            byte[] content;
            Cut files;
            synchronized (turn) {
                while (waiting == null && !ended) {
                    try {
                        turn.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (ended) {
                    return;
                }
                content = waiting;
                files = waitingCut;
                waiting = null;
                writing = true;
            }
            try {
                write(files, content);
                output.keepOnSignal();
            } catch (IOException e) {
                synchronized (turn) {
                    failure = e;
                }
            } finally {
                synchronized (turn) {
                    writing = false;
                    turn.notifyAll();
                }
            }
        }
    }

    /** Makes the files durable up to the cut, then writes the journal in place. */
    private void write(Cut files, byte[] content) throws IOException {
        for (Path p : files.staged()) {
            FileChannel c = durable.get(p);
            if (c == null) {
                c = FileChannel.open(p, StandardOpenOption.WRITE);
                durable.put(p, c);
            }
            c.force(false);
        }
        CRC32 crc = new CRC32();
        crc.update(content);
        ByteBuffer b = ByteBuffer.allocate(HEADER + content.length + Integer.BYTES);
        b.putLong(MAGIC).putInt(VERSION).putInt(content.length).put(content).putInt((int) crc.getValue()).flip();
        Path draft = directory.resolve(TemporaryNames.journalDraft(run));
        Path journal = directory.resolve(TemporaryNames.journal(run));
        try (FileChannel c = FileChannel.open(draft, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (b.hasRemaining()) {
                c.write(b);
            }
            c.force(true);
        }
        Files.move(draft, journal, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(directory, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException notOnThisSystem) {
            // Some systems cannot sync a directory; the rename is made durable with the next sync.
        }
    }

    /**
     * Ends the journal: waits for a checkpoint being written and removes the journal, so that no
     * resumed run takes the files for a stopped run's. Called before the files are published, and
     * when the run fails.
     */
    void end() {
        synchronized (turn) {
            ended = true;
            waiting = null;
            turn.notifyAll();
            while (writing) {
                try {
                    turn.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (FileChannel c : durable.values()) {
            try {
                c.close();
            } catch (IOException ignored) {
                // Only made durable through it.
            }
        }
        if (directory != null && run != null) {
            try {
                Files.deleteIfExists(directory.resolve(TemporaryNames.journal(run)));
                Files.deleteIfExists(directory.resolve(TemporaryNames.journalDraft(run)));
            } catch (IOException ignored) {
                // Left over: the next run in this directory removes it with the run's other files.
            }
        }
    }
}
