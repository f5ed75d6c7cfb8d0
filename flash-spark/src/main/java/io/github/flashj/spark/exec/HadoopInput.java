package io.github.flashj.spark.exec;

import java.io.IOException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** A file of any Hadoop file system read with positional reads ({@code PositionedReadable}). */
final class HadoopInput implements CloseableInput {
    private final FSDataInputStream in;
    private final long size;

    HadoopInput(FileSystem fs, Path path) throws IOException {
        size = fs.getFileStatus(path).getLen();
        in = fs.open(path);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long position, byte[] buffer, int offset, int length) throws IOException {
        if (position >= size) {
            return -1;
        }
        return in.read(position, buffer, offset, (int) Math.min(length, size - position));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
