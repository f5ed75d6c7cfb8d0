package io.github.flashj.spark;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.TaskContext;

/**
 * The local file system under a scheme of its own, {@value #SCHEME}{@code :} (registered with
 * {@code fs.counting.impl}), counting the bytes of each file read by the driver: on a thread that
 * neither runs a Spark task nor was started by one (a task's decoder threads). A file system
 * wrapping Hadoop's local one would have to translate every path between the two schemes; the raw
 * local file system under another name reads the same files with no translation.
 */
public final class CountingFileSystem extends RawLocalFileSystem {
    /** The scheme. */
    public static final String SCHEME = "counting";
    private static final Map<String, AtomicLong> DRIVER_BYTES = new ConcurrentHashMap<>();
    /** Set on a task's thread when it opens a file; threads it starts (decoders) inherit it. */
    private static final InheritableThreadLocal<Boolean> TASK_THREAD = new InheritableThreadLocal<>();

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    /** The bytes of {@code file} (a local path) the driver has read. */
    public static long driverBytes(java.nio.file.Path file) {
        AtomicLong n = DRIVER_BYTES.get(file.toAbsolutePath().toString());
        return n == null ? 0 : n.get();
    }

    /** {@code file} under this file system's scheme. */
    public static String uri(java.nio.file.Path file) {
        return SCHEME + "://" + file.toAbsolutePath();
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        if (TaskContext.get() != null) {
            TASK_THREAD.set(Boolean.TRUE);
        }
        return new FSDataInputStream(new Counting(super.open(f, bufferSize), pathToFile(f).getAbsolutePath()));
    }

    private static void count(String file, long n) {
        if (n > 0 && TaskContext.get() == null && TASK_THREAD.get() == null) {
            DRIVER_BYTES.computeIfAbsent(file, k -> new AtomicLong()).addAndGet(n);
        }
    }

    /** A stream that counts what it reads, sequentially or at positions. */
    private static final class Counting extends FSInputStream {
        private final FSDataInputStream in;
        private final String file;

        Counting(FSDataInputStream in, String file) {
            this.in = in;
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count(file, b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            count(file, n);
            return n;
        }

        @Override
        public int read(long position, byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(position, buffer, offset, length);
            count(file, n);
            return n;
        }

        @Override
        public void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
            in.readFully(position, buffer, offset, length);
            count(file, length);
        }

        @Override
        public void seek(long pos) throws IOException {
            in.seek(pos);
        }

        @Override
        public long getPos() throws IOException {
            return in.getPos();
        }

        @Override
        public boolean seekToNewSource(long targetPos) throws IOException {
            return in.seekToNewSource(targetPos);
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
